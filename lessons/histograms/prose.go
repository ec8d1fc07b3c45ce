package histograms

import (
	_ "embed"
	"strings"

	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

//go:embed prose.html
var proseHTML string

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex), with its checks drawn in and the noise's
// ranges filled in from histNoise.
var Prose = pages.WithChecks(strings.NewReplacer(
	"{{scale-lo}}", numfmt.Plain(histNoise.ScaleLo),
	"{{scale-hi}}", numfmt.Plain(histNoise.ScaleHi),
	"{{shift}}", numfmt.Plain(histNoise.Shift),
).Replace(proseHTML), checks)
