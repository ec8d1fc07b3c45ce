package mistakes

import (
	_ "embed"

	"bnlab/lessons/pages"
)

//go:embed prose.html
var proseHTML string

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex), with the experiments' constants filled
// in (fill) and the checks drawn.
var Prose = pages.WithChecks(fill(proseHTML, 0), checks)
