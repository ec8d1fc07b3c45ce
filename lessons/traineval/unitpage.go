package traineval

import (
	"fmt"
	"math"
	"strings"

	"bnlab/lessons/numfmt"
)

// unitPanel is the followed unit's numbers before the checks: its input
// for the sample, what eval mode normalises with, and the two batches'
// statistics train mode uses. It does not show the outputs (unitOutPanel).
func unitPanel(v *View) string {
	if !v.HasUnit {
		return `<p class="aside">The unit's numbers appear once the network has run.</p>`
	}
	u := v.Unit
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Unit %d of the first BatchNorm1d, sample %d, step %d</caption><tbody>`,
		u.Unit, u.Sample, v.Step)
	row := func(head, val string) { fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td></tr>`, head, val) }
	row("input x (the first Linear's output)", numfmt.Plain(u.X))
	row("running_mean", numfmt.Plain(u.RunMean))
	row("running_var", numfmt.Plain(u.RunVar))
	row("γ (weight)", numfmt.Plain(u.Gamma))
	row("β (bias)", numfmt.Plain(u.Beta))
	row("ε", numfmt.Plain(u.Eps))
	for i, ba := range u.Batches {
		name := string(rune('A' + i))
		row(fmt.Sprintf("batch %s of %d: mean μ<sub>B</sub>", name, u.BatchSize), numfmt.Plain(ba.Mean))
		row(fmt.Sprintf("batch %s of %d: variance σ²<sub>B</sub> (1/m)", name, u.BatchSize), numfmt.Plain(ba.Var))
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// unitOutPanel is the unit's output for the sample in both modes and both
// batches, after the checks.
func unitOutPanel(v *View) string {
	if !v.HasUnit {
		return `<p class="aside">The outputs appear once the network has run.</p>`
	}
	u := v.Unit
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>The unit's output for the sample</caption>` +
		`<thead><tr><td></td><th scope="col">alone</th><th scope="col">in batch A</th><th scope="col">in batch B</th></tr></thead><tbody>`)
	fmt.Fprintf(&b, `<tr><th scope="row">model.eval()</th><td>%s</td><td>%s</td><td>%s</td></tr>`,
		numfmt.Plain(u.Eval), numfmt.Plain(u.Batches[0].Eval), numfmt.Plain(u.Batches[1].Eval))
	fmt.Fprintf(&b, `<tr><th scope="row">model.train()</th><td>error</td><td>%s</td><td>%s</td></tr>`,
		numfmt.Plain(u.Batches[0].Train), numfmt.Plain(u.Batches[1].Train))
	b.WriteString(`</tbody></table></div>`)
	fmt.Fprintf(&b, `<p>Eval mode: γ·(x − running_mean)/√(running_var + ε) + β, the same whatever the batch. Train mode: the same formula with the batch's μ<sub>B</sub> and σ²<sub>B</sub>, so the other %d samples move it (by %s between A and B).</p>`,
		u.BatchSize-1, numfmt.Plain(math.Abs(u.Batches[0].Train-u.Batches[1].Train)))
	return b.String()
}
