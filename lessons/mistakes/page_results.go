package mistakes

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons/charts"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// resultsPanel renders a finished experiment's measurements.
func resultsPanel(v *View) (string, error) {
	switch {
	case v.Eval != nil:
		return runs(v, v.Eval)
	case v.DropoutOn != nil:
		return runs(v, v.DropoutOn)
	case v.DropoutBN != nil:
		return variancePanel(v, v.DropoutBN)
	case v.TinyBatch != nil:
		return batchPanel(v, v.TinyBatch)
	}
	return `<p class="aside">This experiment has no measurements.</p>`, nil
}

// hot is the class attribute of the highlighted row.
func hot(on bool) string {
	if on {
		return ` class="hot"`
	}
	return ""
}

// runs shows repeated predictions with the mistake and with the fix.
func runs(v *View, e *EvalMistake) (string, error) {
	if e.Diverged != "" {
		return `<div class="error" role="note"><p><strong>The network diverged in training.</strong> ` + html.EscapeString(e.Diverged) +
			` Change the seed or the steps and run it again.</p></div>`, nil
	}
	var b strings.Builder
	cats := make([]string, len(e.Mistake.Acc))
	for i := range cats {
		cats[i] = "pass " + strconv.Itoa(i+1)
	}
	if len(cats) > 0 && len(e.Fix.Acc) == len(cats) {
		svg, err := charts.Bars(charts.BarSpec{Title: "Accuracy of each pass over the same images", YLabel: "accuracy", Categories: cats, YPercent: true,
			Groups: []charts.BarGroup{{Name: e.Fix.Label, Values: e.Fix.Acc}, {Name: e.Mistake.Label, Values: e.Mistake.Acc}}})
		if err != nil {
			return "", fmt.Errorf("mistakes: %w", err)
		}
		b.WriteString(pages.Figure(svg, fmt.Sprintf("%d validation images predicted %d times, each pass in a new random order of batches of %d.", v.ValImages, len(cats), inferBatch)))
	}
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Repeated predictions</caption><thead><tr>` +
		`<th scope="col">mode</th><th scope="col">mean acc. (range)</th>` +
		`<th scope="col">changing class</th><th scope="col">σ of p(true)</th><th scope="col">identical</th></tr></thead><tbody>`)
	for k, r := range []InferenceRun{e.Mistake, e.Fix} {
		same := "no"
		if r.Identical {
			same = "bit for bit"
		}
		// The range (min–max) goes under the mean, so that the table fits
		// the prose column at 1024 pixels.
		rng := ""
		if r.MaxAcc != r.MinAcc {
			rng = `<br/><small class="nw">` + strings.TrimSuffix(numfmt.Pct(r.MinAcc), "%") + "–" + numfmt.Pct(r.MaxAcc) + `</small>`
		}
		fmt.Fprintf(&b, `<tr%s><th scope="row">%s</th><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			hot((k == 1) == v.Fixed), html.EscapeString(r.Label), numfmt.Pct(r.MeanAcc), rng,
			numfmt.Pct(r.Disagree), numfmt.Plain(pages.RoundTo(r.ProbStd, 4)), same)
	}
	b.WriteString(`</tbody></table></div>`)
	fmt.Fprintf(&b, `<p class="aside">Changing class: share of images whose predicted class is not the same in every pass. σ of p(true): standard deviation across passes of the probability given to the right class, averaged over images.</p>`+
		`<p>The fix changes the mean accuracy by <strong>%s</strong>.</p>`, pages.Pts(e.AccLost))
	return b.String(), nil
}

// variancePanel shows the variance each unit of the second BN sees in train
// and in eval mode, with dropout before it and after the last BN.
func variancePanel(v *View, d *DropoutBNMistake) (string, error) {
	var b strings.Builder
	n := min(len(d.Mistake.Units), len(d.Fix.Units), stageUnits)
	if n > 0 {
		cats := make([]string, n)
		mr, fr := make([]float64, n), make([]float64, n)
		for i := range n {
			if i%4 == 0 { // every unit labelled would run the labels together
				cats[i] = strconv.Itoa(d.Mistake.Units[i].Unit + 1)
			}
			mr[i], fr[i] = finite(d.Mistake.Units[i].Ratio), finite(d.Fix.Units[i].Ratio)
		}
		groups := []charts.BarGroup{{Name: d.Fix.Label, Values: fr}, {Name: d.Mistake.Label, Values: mr}}
		if len(d.Baseline.Units) >= n {
			br := make([]float64, n)
			for i := range n {
				br[i] = finite(d.Baseline.Units[i].Ratio)
			}
			groups = append([]charts.BarGroup{{Name: d.Baseline.Label, Values: br}}, groups...)
		}
		svg, err := charts.Bars(charts.BarSpec{Title: fmt.Sprintf("Eval / train variance of the second BN's input, units 1–%d", n),
			XLabel: "unit", YLabel: "eval var / train var", Categories: cats, Size: charts.Size{W: 432, H: 240},
			Groups: groups})
		if err != nil {
			return "", fmt.Errorf("mistakes: %w", err)
		}
		b.WriteString(pages.Figure(svg, "Per unit: the variance of the input over the validation images in eval mode, divided by the same in train mode (dropout on)."))
	}
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Variance shift at the second BN layer (all units)</caption><thead><tr>` +
		`<th scope="col">network</th><th scope="col">mean ratio</th><th scope="col">min</th><th scope="col">max</th><th scope="col">val. accuracy (eval)</th></tr></thead><tbody>`)
	ratio := func(x float64) string { return numfmt.Plain(pages.RoundTo(x, 3)) }
	for k, s := range []BNVariance{d.Mistake, d.Fix, d.Baseline} {
		if s.Label == "" {
			continue
		}
		name := html.EscapeString(s.Label)
		if s.Diverged {
			fmt.Fprintf(&b, `<tr><th scope="row">%s <strong>(diverged)</strong></th><td>—</td><td>—</td><td>—</td><td>—</td></tr>`, name)
			continue
		}
		fmt.Fprintf(&b, `<tr%s><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			hot(k < 2 && (k == 1) == v.Fixed), name, ratio(s.MeanRatio), ratio(s.MinRatio), ratio(s.MaxRatio), numfmt.Pct(s.ValAcc))
	}
	b.WriteString(`</tbody></table></div>`)
	if d.MistakeShift > 0 {
		fmt.Fprintf(&b, `<p>The baseline, without dropout, has a mean ratio of %s: not 1, because in train mode the first BN normalises with the batch's statistics and in eval mode with its running ones. `+
			`Against it, dropout before BN gives <strong>%s</strong> of the baseline's ratio and dropout after the last BN <strong>%s</strong>. `,
			ratio(d.Baseline.MeanRatio), ratio(d.MistakeShift), ratio(d.FixShift))
	} else {
		b.WriteString(`<p>The baseline without dropout diverged, so there is nothing to compare the ratios with. `)
	}
	fmt.Fprintf(&b, `Dropout p = %s. Moving the dropout after the last BN changes the eval-mode accuracy by <strong>%s</strong>.</p>`, numfmt.Plain(d.P), pages.Pts(d.AccLost))
	return b.String(), nil
}

// batchPanel shows validation accuracy against batch size, and how noisy the
// batch mean is.
func batchPanel(v *View, t *TinyBatchMistake) (string, error) {
	var b strings.Builder
	n := len(t.Sizes)
	x := make([]float64, n)
	for i, m := range t.Sizes {
		x[i] = float64(m)
	}
	acc := func(c BatchSizeCurve) []float64 {
		out := make([]float64, n)
		for i := range out {
			if i < len(c.ValAcc) {
				out[i] = finite(c.ValAcc[i])
			}
		}
		return out
	}
	if n > 0 {
		svg, err := charts.LinesLogX(charts.LineSpec{Title: "Validation accuracy against batch size", XLabel: "batch size (log scale)",
			YLabel: "accuracy", YMin: 0, YMax: 1, YPercent: true,
			Series: []charts.Series{{Name: t.Fix.Label, X: x, Y: acc(t.Fix)}, {Name: t.Mistake.Label, X: x, Y: acc(t.Mistake)}}}, x)
		if err != nil {
			return "", fmt.Errorf("mistakes: %w", err)
		}
		b.WriteString(pages.Figure(svg, fmt.Sprintf("Every net was trained on about %d images drawn from the same %d (in batches of the size shown), with the learning rate scaled to the batch size.", t.Images, v.TrainImages)))
	}
	if len(t.MeanSpread) == n && len(t.ExpectedMeanSpread) == n && n > 0 {
		svg, err := charts.LinesLogX(charts.LineSpec{Title: "How far a batch mean strays from the mean", XLabel: "batch size m (log scale)",
			YLabel: "std of batch mean / unit std",
			Series: []charts.Series{{Name: "measured (first BN layer's input)", X: x, Y: finites(t.MeanSpread)},
				{Name: "sampling theory √((N − m)/((N − 1) m))", X: x, Y: finites(t.ExpectedMeanSpread)}}}, x)
		if err != nil {
			return "", fmt.Errorf("mistakes: %w", err)
		}
		b.WriteString(pages.Figure(svg, "The noise BN's batch statistics carry: about 1/√m of a unit's standard deviation."))
	}
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Per batch size</caption><thead><tr><th scope="col">batch</th>` +
		`<th scope="col">` + html.EscapeString(t.Mistake.Label) + `</th><th scope="col">` + html.EscapeString(t.Fix.Label) + `</th>` +
		`<th scope="col">batch-mean spread</th><th scope="col">batch-variance spread</th></tr></thead><tbody>`)
	cell := func(c BatchSizeCurve, i int) string {
		switch {
		case i < len(c.Diverged) && c.Diverged[i]:
			return "diverged"
		case i < len(c.ValAcc):
			return numfmt.Pct(c.ValAcc[i])
		}
		return "—"
	}
	at := func(xs []float64, i int) string {
		if i < len(xs) {
			return numfmt.Plain(pages.RoundTo(xs[i], 3))
		}
		return "—"
	}
	for i, m := range t.Sizes {
		fmt.Fprintf(&b, `<tr%s><th scope="row">%d</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			hot(m < 16), m, cell(t.Mistake, i), cell(t.Fix, i), at(t.MeanSpread, i), at(t.VarSpread, i))
	}
	b.WriteString(`</tbody></table></div><p class="aside">Highlighted: batches below 16, the usual rule of thumb for where BN's statistics get noisy. It is no sharp threshold: the spread grows smoothly, as 1/√m.</p>`)
	return b.String(), nil
}

// finite replaces NaN and infinities by 0 for a chart.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

func finites(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = finite(x)
	}
	return out
}
