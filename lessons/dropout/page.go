package dropout

import (
	"errors"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/charts"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// Frame renders the lesson's current view: its panels, its Stage payload
// and the text alternative (lessons.Lesson).
func (l *Lesson) Frame() (lessons.Frame, error) {
	v := l.View()
	out, err := render(v)
	return pages.FrameOf(out, err, lessons.Progress{Steps: v.Step, Counted: true})
}

// Stage is what the dropout stage draws: the network diagram's
// columns with the last training step's mask (sample 0 of the batch).
type Stage struct {
	Step    int          `json:"step"`
	Mode    string       `json:"mode"`
	Correct bool         `json:"correct"`
	Waiting bool         `json:"waiting,omitempty"`
	Layers  []StageLayer `json:"layers"`
}

// StageLayer is one column of the diagram. Kept and Act are nil for
// the input and output columns; Act is sample 0's activation after
// dropout (survivors scaled by Scale), used for the fill's strength.
type StageLayer struct {
	Name    string    `json:"name"`
	Units   int       `json:"units"`
	Shown   int       `json:"shown"`
	P       float64   `json:"p,omitempty"`
	Scale   float64   `json:"scale,omitempty"` // survivors' factor in training
	Kept    []bool    `json:"kept,omitempty"`
	Act     []float64 `json:"act,omitempty"`
	Dropped int       `json:"dropped,omitempty"`
}

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("dropout: no view to render")
	}
	st := Stage{Step: v.Step, Mode: v.Mode, Correct: v.Correct, Waiting: v.Waiting}
	for _, l := range v.Layers {
		sl := StageLayer{Name: l.Name, Units: l.Units, Shown: l.Shown}
		if l.Droppable {
			sl.P, sl.Scale, sl.Dropped = l.P, l.TrainScale, l.Dropped
			sl.Kept = append([]bool(nil), l.Kept...)
			sl.Act = make([]float64, len(l.After))
			for i, a := range l.After {
				sl.Act[i] = pages.RoundTo(a, 4)
			}
		}
		st.Layers = append(st.Layers, sl)
	}
	out := pages.Output{Panels: pages.Panels{}, Stage: st, Text: text(v)}
	out.Panels["dropout-status"] = status(v)
	out.Panels["dropout-verdict"] = verdict(v)
	out.Panels["dropout-notes"] = pages.NotesList(append([]string{v.PNote}, v.Notes...)...)
	if v.Waiting {
		for _, id := range []string{"dropout-expect", "dropout-expect-chart", "dropout-ensemble", "dropout-mc"} {
			out.Panels[id] = pages.Waiting
		}
		return out, nil
	}
	out.Panels["dropout-expect"] = expectTable(v)
	chart, err := expectChart(v)
	if err != nil {
		return pages.Output{}, err
	}
	out.Panels["dropout-expect-chart"] = chart
	out.Panels["dropout-ensemble"] = ensemblePanel(v)
	mc, err := mcPanel(v)
	if err != nil {
		return pages.Output{}, err
	}
	out.Panels["dropout-mc"] = mc
	return out, nil
}

// text is the stage's text alternative.
func text(v *View) string {
	if v.Waiting {
		return "The network diagram appears when the data has loaded."
	}
	var parts []string
	for _, l := range v.Layers {
		if l.Droppable {
			parts = append(parts, fmt.Sprintf("%s drops %d of %d units (p = %s), survivors × %s",
				l.Name, l.Dropped, l.Units, numfmt.Plain(l.P), numfmt.Plain(l.TrainScale)))
		}
	}
	if v.Step == 0 {
		return fmt.Sprintf("A network diagram: %d inputs, two hidden layers of %d units, %d outputs. No training step yet: press One step.",
			v.Layers[0].Units, v.Layers[1].Units, v.Classes)
	}
	return fmt.Sprintf("Training step %d, first sample of the batch: %s.", v.Step, strings.Join(parts, "; "))
}

// status is the one-line status under the stage. Its accuracy is the
// network's under the chosen mode's test rule; for a wrong mix the right
// rule's accuracy goes beside it.
func status(v *View) string {
	if v.Waiting {
		return `<p>Waiting for the data.</p>`
	}
	acc := "eval accuracy " + numfmt.Pct(v.Rules.Chosen.Accuracy)
	if !v.Correct {
		acc += " under this test rule (" + numfmt.Pct(v.Rules.Right.Accuracy) + " with the right one)"
	}
	return fmt.Sprintf(`<p>Step <strong>%d</strong> · batch %d · loss %s · %s</p>`,
		v.Step, v.Batch, pages.LossText(v.Step, v.Loss), acc)
}

// verdict shows the scaling mode; a wrong mix is an error box, with what
// its test rule does to the predictions.
func verdict(v *View) string {
	if v.Correct {
		return fmt.Sprintf(`<ul class="notes"><li><strong>✓ %s</strong> %s</li></ul>`,
			html.EscapeString(v.ModeText), html.EscapeString(v.Verdict))
	}
	return fmt.Sprintf(`<div class="error" role="note"><p><strong>✗ Wrong mix.</strong> %s</p><p>%s</p><p>%s</p></div>`,
		html.EscapeString(v.ModeText), html.EscapeString(v.Verdict), ruleText(v))
}

// ruleText says, with the last measurement's numbers, what the wrong test
// rule changes: the confidence a lot, the predicted class less, since a
// common factor on every logit would not change the largest one.
func ruleText(v *View) string {
	r := v.Rules
	way := "less"
	if r.Chosen.Confidence > r.Right.Confidence {
		way = "more"
	}
	return fmt.Sprintf("On the %d validation points this rule gives %s accuracy against %s with the right one: "+
		"%d points change class. The mean probability of the predicted class is %s against %s: the network is %s confident. "+
		"A factor that multiplied every logit alike would leave the largest logit the largest, so the accuracy would not move at all; "+
		"it moves only because the biases of the next layers are not scaled with it, which tips the points near a boundary.",
		r.Points, numfmt.Pct(r.Chosen.Accuracy), numfmt.Pct(r.Right.Accuracy), r.Changed,
		numfmt.Plain(r.Chosen.Confidence), numfmt.Plain(r.Right.Confidence), way)
}

// expectTable is the counter of kept units and the mean activation
// in training against eval, per hidden layer.
func expectTable(v *View) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Every unit of every sample of every step so far</caption>`)
	b.WriteString(`<thead><tr><td></td>`)
	var drops []LayerView
	for _, l := range v.Layers {
		if l.Droppable {
			drops = append(drops, l)
			fmt.Fprintf(&b, `<th scope="col">%s (p = %s)</th>`, html.EscapeString(l.Name), numfmt.Plain(l.P))
		}
	}
	b.WriteString(`</tr></thead><tbody>`)
	row := func(head string, cell func(e Expectation, l LayerView) string) {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th>`, head)
		for _, l := range drops {
			b.WriteString("<td>" + cell(l.Expect, l) + "</td>")
		}
		b.WriteString("</tr>")
	}
	type E = Expectation
	type L = LayerView
	row("unit-samples n", func(e E, _ L) string { return strconv.FormatInt(e.Units, 10) })
	row("kept", func(e E, _ L) string { return strconv.FormatInt(e.Kept, 10) })
	row("expected (1 − p)·n", func(e E, _ L) string { return numfmt.Plain(e.ExpectedKept) })
	row("σ = √(n p (1 − p))", func(e E, _ L) string { return numfmt.Plain(e.Sigma) })
	row("z = (kept − (1 − p)n)/σ", func(e E, _ L) string { return numfmt.Plain(e.Z) })
	row("dropped share (→ p)", func(e E, _ L) string { return numfmt.Plain(e.DropShare) })
	row("mean output, training", func(e E, _ L) string { return numfmt.Plain(e.TrainMean) })
	row("mean output, eval", func(e E, _ L) string { return numfmt.Plain(e.EvalMean) })
	row("eval ÷ training", func(e E, _ L) string {
		s := numfmt.Plain(e.Ratio)
		if !v.Correct {
			s += " ✗ (→ " + numfmt.Plain(e.Factor) + ")"
		}
		return s
	})
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// expectChart draws the cumulative mean output in training and in
// eval mode per hidden layer.
func expectChart(v *View) (string, error) {
	h := v.History
	if len(h.Steps) == 0 {
		return `<p class="aside">The chart starts after the first training step.</p>`, nil
	}
	x := make([]float64, len(h.Steps))
	for i, s := range h.Steps {
		x[i] = float64(s)
	}
	var ser []charts.Series
	var styles []charts.Style
	names := []string{"hidden 1", "hidden 2"}
	for i := range h.TrainMean {
		name := "layer " + strconv.Itoa(i+1)
		if i < len(names) {
			name = names[i]
		}
		ser = append(ser, charts.Series{Name: name + ", training", X: x, Y: h.TrainMean[i]},
			charts.Series{Name: name + ", eval mode", X: x, Y: h.EvalMean[i]})
		// One colour per layer (blue, green), solid in training and
		// dashed in eval mode, so that each pair reads as one.
		col := 1 + 2*(i%2)
		styles = append(styles, charts.Style{Color: col, Dash: 1}, charts.Style{Color: col, Dash: 2})
	}
	svg, err := charts.Lines(charts.LineSpec{Title: "Mean output of each dropout layer (cumulative)",
		XLabel: "training step", YLabel: "mean activation", Series: ser, Styles: styles})
	if err != nil {
		return "", fmt.Errorf("dropout: %w", err)
	}
	return pages.Figure(svg, "Training (with the mask and its scaling) against eval mode, averaged over every unit and sample so far. "+
		"They meet when the scaling is right; a wrong mix keeps them apart by a constant factor."), nil
}

// ensemblePanel is the ensemble count, with what theory expects of it.
func ensemblePanel(v *View) string {
	e := v.Ensemble
	bound := ""
	if e.Capped {
		bound = " (at least; counting stopped)"
	}
	share := numfmt.Plain(e.Share)
	if e.Share > 0 && e.Share < 1e-300 {
		share = "≈ 0"
	}
	c := e.Coverage
	return fmt.Sprintf(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Sub-networks sharing one set of weights</caption><tbody>`+
		`<tr><th scope="row">droppable units n (0 &lt; p &lt; 1)</th><td>%d</td></tr>`+
		`<tr><th scope="row">sub-networks 2<sup>n</sup></th><td class="latest">%s</td></tr>`+
		`<tr><th scope="row">masks drawn (steps × batch)</th><td>%d</td></tr>`+
		`<tr><th scope="row">distinct masks seen</th><td>%d%s</td></tr>`+
		`<tr><th scope="row">expected distinct by now</th><td>%s</td></tr>`+
		`<tr><th scope="row">share of all sub-networks trained</th><td>%s</td></tr>`+
		`<tr><th scope="row">expected share by now</th><td>%s</td></tr>`+
		`<tr><th scope="row">step by which 63%% are expected</th><td>%s</td></tr>`+
		`<tr><th scope="row">step by which 99%% are expected</th><td>%s</td></tr></tbody></table></div>`,
		e.Droppable, html.EscapeString(e.SubNetworks), e.MasksDrawn, e.Distinct, bound,
		numfmt.Plain(c.ExpectedDistinct), share, numfmt.Plain(c.ExpectedShare), stepsText(c.Steps63), stepsText(c.Steps99))
}

// stepsText formats a step count: whole steps with separators, a power of
// ten beyond 10¹², "never" when it is beyond any run.
func stepsText(s float64) string {
	switch {
	case math.IsInf(s, 1):
		return "never (beyond 10³⁰⁰ draws)"
	case s >= 1e12:
		return numfmt.Num(s)
	}
	return pages.Int(int(s))
}

// mcPanel draws Monte Carlo dropout's gap to the eval output against k.
func mcPanel(v *View) (string, error) {
	mc := v.MC
	if len(mc.K) == 0 {
		return `<p class="aside">Monte Carlo dropout needs a trained network; press One step.</p>`, nil
	}
	x := make([]float64, len(mc.K))
	for i, k := range mc.K {
		x[i] = float64(k)
	}
	svg, err := charts.Lines(charts.LineSpec{Title: "Monte Carlo dropout: average of k masked passes",
		XLabel: "k (masked passes averaged)", YLabel: "logit difference",
		Series: []charts.Series{{Name: "max |MC mean − eval| of the logits", X: x, Y: mc.LogitGap},
			{Name: "standard error s/√k", X: x, Y: mc.StdErr}}})
	if err != nil {
		return "", fmt.Errorf("dropout: %w", err)
	}
	var b strings.Builder
	b.WriteString(pages.Figure(svg, fmt.Sprintf("Sample %d, weights of step %d.", mc.Sample, mc.Step)))
	last := len(mc.K) - 1
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Class probabilities</caption><thead><tr><th scope="col">class</th><th scope="col">eval mode</th>`)
	ks := []int{0, min(9, last), last}
	for _, i := range ks {
		fmt.Fprintf(&b, `<th scope="col">MC, k = %d</th>`, mc.K[i])
	}
	b.WriteString(`</tr></thead><tbody>`)
	for c, p := range mc.EvalProbs {
		fmt.Fprintf(&b, `<tr><th scope="row">%d</th><td>%s</td>`, c, numfmt.Plain(p))
		for _, i := range ks {
			b.WriteString("<td>" + numfmt.Plain(mc.Probs[i][c]) + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString(`</tbody></table></div>`)
	fmt.Fprintf(&b, `<p>After k = %d passes the largest logit gap is <strong>%s</strong> (standard error %s). %s</p>`,
		mc.K[last], numfmt.Plain(mc.LogitGap[last]), numfmt.Plain(mc.StdErr[last]), html.EscapeString(mc.Note))
	return b.String(), nil
}
