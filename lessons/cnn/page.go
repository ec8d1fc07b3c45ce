package cnn

import (
	"errors"
	"fmt"
	"html"
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
	return pages.FrameOf(out, err, lessons.Progress{Done: l.Done()})
}

// render renders a *View: the highlighted channel's
// statistics, every channel's statistics as a bar chart, the model's print
// and parameter count, the BN-folding check, the redundant conv bias, the
// training loss and the lesson's remarks.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("cnn: no view to render")
	}
	chart, err := channelsChart(v)
	if err != nil {
		return pages.Output{}, err
	}
	loss, err := lossPanel(v)
	if err != nil {
		return pages.Output{}, err
	}
	notes := pages.NoticeTexts(v.Notices, v.Notes...)
	out := pages.Output{Panels: pages.Panels{
		"cnn-stats":    statsPanel(v),
		"cnn-channels": chart,
		"cnn-print":    printer(v),
		"cnn-fold":     foldPanel(v),
		"cnn-bias":     biasPanel(v),
		"cnn-loss":     loss,
		"cnn-notes":    pages.NotesList(notes...),
	}, Stage: stage(v), Text: text(v)}
	return out, nil
}

// text is the stage's text alternative.
func text(v *View) string {
	r := v.Reduction
	return fmt.Sprintf("Left, the %d input images; middle, outlined, channel %d of %s for each of them: BN reduces these %d × %d × %d = %d values to one mean (%s) and one variance (%s). "+
		"Right, all %d channels of sample %d: each channel gets its own mean and variance.",
		v.Batch, v.Channel, v.Conv, r.N, r.H, r.W, r.Count, numfmt.Num(v.Stats.Mean), numfmt.Num(v.Stats.Var), v.Channels, v.Sample)
}

// statsPanel is the highlighted channel's statistics, γ and β, with the
// formulas and the engine's numbers.
func statsPanel(v *View) string {
	s, r := v.Stats, v.Reduction
	var b strings.Builder
	fmt.Fprintf(&b, `<p class="formula" tabindex="0"><math display="block" aria-label="mean of channel %d over %d values equals %s">`, v.Channel, r.Count, html.EscapeString(numfmt.Num(s.Mean)))
	fmt.Fprintf(&b, `<mrow><msub><mi>μ</mi><mn>%d</mn></msub><mo>=</mo><mfrac><mn>1</mn><mrow><mn>%d</mn><mo>×</mo><mn>%d</mn><mo>×</mo><mn>%d</mn></mrow></mfrac>`+
		`<munder><mo>∑</mo><mrow><mi>n</mi><mo>,</mo><mi>h</mi><mo>,</mo><mi>w</mi></mrow></munder><msub><mi>x</mi><mrow><mi>n</mi><mo>,</mo><mn>%d</mn><mo>,</mo><mi>h</mi><mo>,</mo><mi>w</mi></mrow></msub><mo>=</mo>%s</mrow></math></p>`,
		v.Channel, r.N, r.H, r.W, v.Channel, mn(s.Mean))
	fmt.Fprintf(&b, `<p class="formula" tabindex="0"><math display="block" aria-label="biased variance of channel %d equals %s">`, v.Channel, html.EscapeString(numfmt.Num(s.Var)))
	fmt.Fprintf(&b, `<mrow><msubsup><mi>σ</mi><mn>%d</mn><mn>2</mn></msubsup><mo>=</mo><mfrac><mn>1</mn><mn>%d</mn></mfrac>`+
		`<munder><mo>∑</mo><mrow><mi>n</mi><mo>,</mo><mi>h</mi><mo>,</mo><mi>w</mi></mrow></munder><msup><mrow><mo>(</mo><msub><mi>x</mi><mrow><mi>n</mi><mo>,</mo><mn>%d</mn><mo>,</mo><mi>h</mi><mo>,</mo><mi>w</mi></mrow></msub><mo>−</mo><msub><mi>μ</mi><mn>%d</mn></msub><mo>)</mo></mrow><mn>2</mn></msup><mo>=</mo>%s</mrow></math></p>`,
		v.Channel, r.Count, v.Channel, v.Channel, mn(s.Var))
	agree := "agree"
	if !s.Agree {
		agree = "DIFFER"
	}
	var run ChannelRow
	if v.Channel >= 0 && v.Channel < len(v.AllChannels) {
		run = v.AllChannels[v.Channel]
	}
	b.WriteString(keyTable(fmt.Sprintf("Channel %d of %s on this batch (engine numbers)", v.Channel, v.BN), []row{
		{"values in the reduction set", html.EscapeString(fmt.Sprintf("N × H × W = %d × %d × %d = %d", r.N, r.H, r.W, r.Count))},
		{"batch mean μ", `<span class="live">` + numfmt.Num(s.Mean) + `</span>`},
		{"biased variance σ² (÷ " + strconv.Itoa(r.Count) + ")", `<span class="live">` + numfmt.Num(s.Var) + `</span>`},
		{"recomputed in float64", html.EscapeString(fmt.Sprintf("μ = %s, σ² = %s: %s", numfmt.Num(s.CheckMean), numfmt.Num(s.CheckVar), agree))},
		{"γ (weight[" + strconv.Itoa(v.Channel) + "])", numfmt.Num(s.Gamma)},
		{"β (bias[" + strconv.Itoa(v.Channel) + "])", numfmt.Num(s.Beta)},
		{"ε", numfmt.Num(s.Eps)},
		{"after BN: mean, variance", html.EscapeString(fmt.Sprintf("%s, %s (β and γ²σ²/(σ² + ε))", numfmt.Num(snap(s.OutMean, s.Beta)), numfmt.Num(s.OutVar)))},
		{"running_mean, running_var", html.EscapeString(fmt.Sprintf("%s, %s (after %d training steps)", numfmt.Num(run.RunningMean), numfmt.Num(run.RunningVar), v.Steps))},
	}))
	return b.String()
}

// snap shows a float32 result that equals want up to rounding as want.
func snap(got, want float64) float64 {
	d := got - want
	if d < 0 {
		d = -d
	}
	if d < 1e-5*max(1, want, -want) {
		return want
	}
	return got
}

// channelsChart is every channel's batch mean and biased variance.
func channelsChart(v *View) (string, error) {
	n := len(v.AllChannels)
	if n == 0 {
		return "", nil
	}
	cats := make([]string, n)
	means, vars := make([]float64, n), make([]float64, n)
	every := 4
	if n > 32 {
		every = 8
	}
	for i, c := range v.AllChannels {
		if i == v.Channel || i%every == 0 && (i-v.Channel > 2 || v.Channel-i > 2) {
			cats[i] = strconv.Itoa(i)
		}
		means[i], vars[i] = c.Mean, c.Var
	}
	title := fmt.Sprintf("%s: batch statistics of its %d channels", v.BN, n)
	// The default width keeps the text the size of the other charts'.
	svg, err := charts.Bars(charts.BarSpec{Title: title, XLabel: "channel", YLabel: "value", Categories: cats,
		Groups: []charts.BarGroup{{Name: "batch mean μ", Values: means}, {Name: "biased variance σ²", Values: vars}},
		Size:   charts.Size{W: 432, H: 270}})
	if err != nil {
		return "", fmt.Errorf("cnn: %w", err)
	}
	c := v.AllChannels[min(max(v.Channel, 0), n-1)]
	return pages.Figure(svg, fmt.Sprintf("One mean and one variance per channel, each over the same %s values of its own maps. "+
		"Channel %d (on the stage): μ = %s, σ² = %s.", pages.Int(v.Reduction.Count), v.Channel, numfmt.Num(c.Mean), numfmt.Num(c.Var))), nil
}

// printer is print(model) and the parameter count, from the engine.
func printer(v *View) string {
	return `<pre class="print" tabindex="0"><code>` + html.EscapeString(v.TorchPrint) + `</code></pre>` +
		`<p>sum(p.numel() for p in model.parameters()) = <strong class="live">` + html.EscapeString(v.ParamCountText) +
		`</strong>. The running statistics are buffers, not parameters, so they are not in this count.</p>`
}

// foldPanel is eval-mode BN folded into the conv, with the highlighted
// channel's numbers and the comparison over the whole batch.
func foldPanel(v *View) string {
	f := v.Fold
	if f.Channel < 0 || f.Channel >= len(v.AllChannels) {
		return ""
	}
	gamma, beta := v.AllChannels[f.Channel].Gamma, v.AllChannels[f.Channel].Beta
	var b strings.Builder
	run := func() string {
		return `<msqrt><msub><mi>var</mi><mtext>run</mtext></msub><mo>+</mo><mi>ε</mi></msqrt>`
	}
	b.WriteString(`<p class="formula" tabindex="0"><math display="block" aria-label="w prime equals w times gamma over the square root of running var plus epsilon">`)
	b.WriteString(`<mrow><mi>𝑤′</mi><mo>=</mo><mi>w</mi><mo>·</mo><mfrac><mi>γ</mi>` + run() + `</mfrac></mrow></math></p>`)
	b.WriteString(`<p class="formula" tabindex="0"><math display="block" aria-label="b prime equals b minus running mean, times gamma over the square root of running var plus epsilon, plus beta">`)
	b.WriteString(`<mrow><mi>𝑏′</mi><mo>=</mo><mrow><mo>(</mo><mi>b</mi><mo>−</mo><msub><mi>μ</mi><mtext>run</mtext></msub><mo>)</mo></mrow><mo>·</mo><mfrac><mi>γ</mi>` + run() + `</mfrac><mo>+</mo><mi>β</mi></mrow></math></p>`)
	fmt.Fprintf(&b, `<p class="formula" tabindex="0"><math display="block" aria-label="for channel %d: scale %s, shift %s, b prime %s">`, f.Channel, html.EscapeString(numfmt.Num(f.Scale)), html.EscapeString(numfmt.Num(f.Shift)), html.EscapeString(numfmt.Num(f.FoldedBias)))
	// Four left-aligned rows in display style, so that the six-digit
	// numbers stay legible and fit the prose column.
	fmt.Fprintf(&b, `<mtable columnalign="left" class="left"><mtr><mtd><mrow displaystyle="true"><mi>s</mi><mo>=</mo><mfrac><mi>γ</mi>%s</mfrac><mo>=</mo><mfrac>%s<msqrt>%s<mo>+</mo>%s</msqrt></mfrac><mo>=</mo>%s</mrow></mtd></mtr>`,
		run(), mnPlain(gamma), mnPlain(f.RunningVar), mnPlain(v.Stats.Eps), mn6(f.Scale))
	fmt.Fprintf(&b, `<mtr><mtd><mrow><mi>t</mi><mo>=</mo><mi>β</mi><mo>−</mo><mi>s</mi><mo>·</mo><msub><mi>μ</mi><mtext>run</mtext></msub><mo>=</mo>%s<mo>−</mo>%s<mo>·</mo>%s<mo>=</mo>%s</mrow></mtd></mtr>`,
		mnPlain(beta), mnPlain(f.Scale), mnPlain(f.RunningMean), mn6(f.Shift))
	fmt.Fprintf(&b, `<mtr><mtd><mrow><mi>𝑏′</mi><mo>=</mo><mrow><mo>(</mo>%s<mo>−</mo>%s<mo>)</mo></mrow><mo>·</mo>%s</mrow></mtd></mtr>`+
		`<mtr><mtd><mrow><mspace width="1.2em"/><mo>+</mo>%s<mo>=</mo>%s</mrow></mtd></mtr></mtable></math></p>`,
		mnPlain(f.Bias), mnPlain(f.RunningMean), mnPlain(f.Scale), mnPlain(beta), mn6(f.FoldedBias))
	b.WriteString(kernelsPanel(f))
	verdict := "the same up to float32 rounding"
	if !f.Same {
		verdict = "NOT the same: the fold is wrong"
	}
	fmt.Fprintf(&b, `<p>Largest difference between the folded conv and conv → BN (eval) over every output of the batch: <strong class="live">%s</strong> `+
		`(largest |output| %s, float32 allowance %s): %s.</p>`,
		html.EscapeString(numfmt.Num(f.MaxAbsDiff)), html.EscapeString(numfmt.Num(f.MaxAbsOut)), html.EscapeString(numfmt.Num(f.Tolerance)), verdict)
	return b.String()
}

// kernelsPanel is the highlighted channel's first kernel before and after
// folding, side by side.
func kernelsPanel(f Fold) string {
	k := 3
	if len(f.Weights) != 9 || len(f.Folded) != 9 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="table-wrap" tabindex="0"><table class="numbers kernel"><caption>Channel %d's 3 × 3 kernel on input channel 0: w and w′ = w·s</caption>`, f.Channel)
	b.WriteString(`<thead><tr><th scope="col" colspan="3">w</th><th scope="col" colspan="3">w′</th></tr></thead><tbody>`)
	for i := range k {
		b.WriteString("<tr>")
		for j := range k {
			b.WriteString("<td>" + numfmt.Sig(f.Weights[i*k+j], 3) + "</td>")
		}
		for j := range k {
			b.WriteString("<td>" + numfmt.Sig(f.Folded[i*k+j], 3) + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table></div>")
	return b.String()
}

// biasPanel shows that the conv bias before BN changes nothing in training.
func biasPanel(v *View) string {
	return fmt.Sprintf(`<p>Channel %d's conv bias is b = %s. BN subtracts the batch mean, and b is part of that mean, so `+
		`BN(conv(x)) and BN(conv(x) − b) differ by at most <strong class="live">%s</strong> over the whole batch. `+
		`A convolution followed by BN can therefore be built with <code>bias=False</code>; β does the shifting.</p>`,
		v.Channel, html.EscapeString(numfmt.Num(v.Bias.Bias)), html.EscapeString(numfmt.Num(v.Bias.MaxDiff)))
}

// lossPanel is the training loss of the steps run so far.
func lossPanel(v *View) (string, error) {
	if len(v.Losses) < 2 {
		return "", nil // the page's .chart:empty hides the box; the prose says how to train
	}
	x := make([]float64, len(v.Losses))
	for i := range x {
		x[i] = float64(i + 1)
	}
	svg, err := charts.Lines(charts.LineSpec{Title: "Training loss (Adam, lr 0.001, batch 16)", XLabel: "step", YLabel: "cross-entropy",
		Series: []charts.Series{{Name: "training batch", X: x, Y: v.Losses}}, Size: charts.Size{W: 432, H: 200}})
	if err != nil {
		return "", fmt.Errorf("cnn: %w", err)
	}
	return pages.Figure(svg, fmt.Sprintf("After %d steps the loss on the latest training batch is %s.", v.Steps, numfmt.Num(v.Losses[len(v.Losses)-1]))), nil
}
