package dropout

import (
	_ "embed"

	"bnlab/lessons/pages"
)

//go:embed prose.html
var proseHTML string

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex), with its checks drawn in.
var Prose = pages.WithChecks(proseHTML, checks)
