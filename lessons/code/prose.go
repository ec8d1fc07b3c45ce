package code

import (
	_ "embed"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons/pages"
)

//go:embed prose.html
var proseHTML string

// proseConstants fills the prose's {{…}} slots with the constants of the
// code they restate, so that the text cannot fall out of step with them.
var proseConstants = strings.NewReplacer(
	"{{torchMomentum}}", decimal(torchMomentum),
	"{{torchKeep}}", decimal(1-torchMomentum),
	"{{kerasMomentum}}", decimal(kerasMomentum),
	"{{kerasNew}}", decimal(1-kerasMomentum),
	"{{kerasEquivalent}}", decimal(1-torchMomentum),
	"{{torchEps}}", pyFloat(torchEps),
	"{{kerasEps}}", pyFloat(kerasEps),
	"{{momentumBatches}}", strconv.Itoa(momentumBatches),
)

// decimal writes f with at most four decimals (1 − 0.99 is 0.01, not
// 0.010000000000000009).
func decimal(f float64) string { return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64) }

// pyFloat writes a small constant as the frameworks' code does: 1e-5.
func pyFloat(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'e', -1, 64), "e-0", "e-", 1)
}

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex), with its checks drawn in.
var Prose = pages.WithChecks(proseConstants.Replace(proseHTML), checks)
