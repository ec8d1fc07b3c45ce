package overfitting

import (
	_ "embed"
	"strconv"
	"strings"

	"bnlab/lessons/pages"
)

//go:embed prose.html
var proseHTML string

// proseConstants fills the prose's {{name}} fields with the code's
// constants, so that the text cannot drift from what the lesson does.
var proseConstants = strings.NewReplacer(
	"{{batch}}", strconv.Itoa(batchSize),
	"{{every}}", strconv.Itoa(valEvery),
	"{{trainEval}}", strconv.Itoa(trainEval),
	"{{val}}", strconv.Itoa(valSize),
	"{{highLR}}", highLR,
)

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex), with the code's constants filled in and
// the checks drawn.
var Prose = pages.WithChecks(proseConstants.Replace(proseHTML), checks)
