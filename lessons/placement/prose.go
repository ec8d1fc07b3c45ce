package placement

import (
	_ "embed"
	"strconv"
	"strings"

	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

//go:embed prose.html
var proseHTML string

// proseConstants fills the prose's {{…}} slots with the constants of the
// code they restate, so that the text cannot fall out of step with them.
var proseConstants = strings.NewReplacer(
	"{{width}}", strconv.Itoa(train.MLPWidth),
	"{{valEvery}}", strconv.Itoa(valEvery),
	"{{valSize}}", strconv.Itoa(valSize),
	"{{imagePoints}}", numfmt.Plain(100/float64(valSize)),
)

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex), with its checks drawn in.
var Prose = pages.WithChecks(proseConstants.Replace(proseHTML), checks)
