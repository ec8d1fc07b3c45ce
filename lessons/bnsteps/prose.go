package bnsteps

import (
	_ "embed"

	"bnlab/lessons/pages"
)

//go:embed prose.html
var proseHTML string

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex). Each step's formula is written in, with
// a dot for every number until the lesson's first frame fills them.
var Prose = pages.WithChecks(withFormulas(proseHTML), checks)
