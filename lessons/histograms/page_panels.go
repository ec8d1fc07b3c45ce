package histograms

import (
	"fmt"
	"html"
	"image/color"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons/charts"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

// stack is the table of small multiples: one row per hidden layer, a
// small histogram of z = Wx + b without BN, of z with BN before the BN
// layer and after it, the share of saturated outputs and the gradient norm
// (without BN above, with BN below, in the networks' colours). It fits the
// prose column: three 84-pixel histograms and two narrow number columns.
func stack(v *View) (string, error) {
	if len(v.Train.Nets) < 2 {
		return `<p class="aside">The layer stack needs both networks.</p>`, nil
	}
	plain, bn := v.Train.Nets[0], v.Train.Nets[1]
	act := actPanel(v.Activation)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="table-wrap" tabindex="0"><table class="numbers hist-stack"><caption>Every hidden layer at step %d, one mini-batch: histograms over [−5, 5], grey where the %s saturates, mean μ and spread σ below</caption>`,
		plain.HistStep, html.EscapeString(act))
	b.WriteString(`<thead><tr><th scope="col">layer</th><th scope="col" class="v-plain">without BN<br/><small>z</small></th>` +
		`<th scope="col" class="v-bn">` + second(v) + `<br/><small>z before BN</small></th><th scope="col" class="v-after">` + second(v) + `<br/><small>` + after(v) + `</small></th>` +
		`<th scope="col">` + html.EscapeString(satCol(v.Activation)) + `<br/><small><span class="v-plain">without</span> / <span class="v-bn">` + with(v) + `</span></small></th>` +
		`<th scope="col">‖∂L/∂W‖<br/><small><span class="v-plain">without</span> / <span class="v-bn">` + with(v) + `</span></small></th></tr></thead><tbody>`)
	satLo, satHi := satRange(v.Activation, 5)
	for i := range plain.Layers {
		if i >= len(bn.Layers) {
			break
		}
		p, q := plain.Layers[i], bn.Layers[i]
		fmt.Fprintf(&b, `<tr><th scope="row">%d</th>`, i+1)
		b.WriteString("<td>" + spark(p.Pre, charts.Palette[0], satLo, satHi) + "</td>")
		b.WriteString("<td>" + spark(q.Pre, charts.Palette[1], satLo, satHi) + "</td>")
		if q.Norm != nil {
			b.WriteString("<td>" + spark(*q.Norm, charts.Palette[2], satLo, satHi) + "</td>")
		} else {
			b.WriteString("<td>—</td>")
		}
		fmt.Fprintf(&b, `<td class="pair"><span class="v-plain">%s</span> <span class="v-bn">%s</span></td><td class="pair"><span class="v-plain">%s</span> <span class="v-bn">%s</span></td></tr>`,
			numfmt.Pct(p.Saturated), numfmt.Pct(q.Saturated), sci(p.GradNorm), sci(q.GradNorm))
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String(), nil
}

// sci formats a magnitude compactly with two significant digits:
// 0.48, 3.1, 0.048, 215, and 7.2e−5 below 0.01 or 1.2e4 from 10⁴ on.
func sci(f float64) string {
	a := math.Abs(f)
	var s string
	switch {
	case f == 0 || math.IsNaN(f) || math.IsInf(f, 0):
		return numfmt.Plain(f)
	case a >= 0.01 && a < 1e4:
		s = strconv.FormatFloat(f, 'f', max(0, 1-int(math.Floor(math.Log10(a)))), 64)
	default:
		m, e, _ := strings.Cut(strconv.FormatFloat(f, 'e', 1, 64), "e")
		n, _ := strconv.Atoi(e)
		s = m + "e" + strconv.Itoa(n)
	}
	return strings.ReplaceAll(s, "-", "−")
}

// satHead is the heading of the saturation column.
func satHead(act string) string {
	if act == "relu" {
		return "ReLU outputs at 0"
	}
	return "saturated " + act + " outputs"
}

// satCol is the short heading of the stack's saturation column.
func satCol(act string) string {
	if act == "relu" {
		return "ReLU at 0"
	}
	return "saturated"
}

// fix formats a mean or spread with two decimals and a true minus sign.
func fix(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return strings.ReplaceAll(s, "-", "−")
}

// spark is a small inline SVG histogram of h (drawn with presentation
// attributes only, for the page's CSP) with its mean and spread below and,
// when some values fall outside the drawn range, their share.
func spark(h train.Hist, c color.NRGBA, satLo, satHi float64) string {
	const w, ht = 84.0, 22.0
	var b strings.Builder
	col := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	fmt.Fprintf(&b, `<svg class="spark" viewBox="0 0 %g %g" width="%g" height="%g" aria-hidden="true" focusable="false">`, w, ht, w, ht)
	x := func(v float64) float64 { return pages.RoundTo((v-h.Lo)/(h.Hi-h.Lo)*w, 1) }
	if h.Hi > h.Lo {
		if satLo > h.Lo {
			fmt.Fprintf(&b, `<rect x="0" y="0" width="%g" height="%g" fill="#596273" fill-opacity="0.12"/>`, x(satLo), ht)
		}
		if satHi < h.Hi {
			fmt.Fprintf(&b, `<rect x="%g" y="0" width="%g" height="%g" fill="#596273" fill-opacity="0.12"/>`, x(satHi), w-x(satHi), ht)
		}
	}
	peak := 0
	for _, n := range h.Counts {
		peak = max(peak, n)
	}
	if peak > 0 && len(h.Counts) > 0 {
		bw := w / float64(len(h.Counts))
		var p strings.Builder
		fmt.Fprintf(&p, "M0 %g", ht)
		for i, n := range h.Counts {
			y := pages.RoundTo(ht-(ht-2)*float64(n)/float64(peak), 1)
			fmt.Fprintf(&p, " L%g %g L%g %g", pages.RoundTo(float64(i)*bw, 1), y, pages.RoundTo(float64(i+1)*bw, 1), y)
		}
		fmt.Fprintf(&p, " L%g %g Z", w, ht)
		fmt.Fprintf(&b, `<path d="%s" fill="%s" fill-opacity="0.55" stroke="%s" stroke-width="1"/>`, p.String(), col, col)
	}
	if h.Under > 0 {
		fmt.Fprintf(&b, `<rect x="0" y="0" width="2" height="%g" fill="#d55e00"/>`, ht)
	}
	if h.Over > 0 {
		fmt.Fprintf(&b, `<rect x="%g" y="0" width="2" height="%g" fill="#d55e00"/>`, w-2, ht)
	}
	b.WriteString(`</svg>`)
	// No-break spaces tie each symbol to its number: on a narrow column
	// the pair wraps onto two lines, never in the middle.
	fmt.Fprintf(&b, "<small>μ\u00a0%s σ\u00a0%s</small>", fix(h.Mean), fix(h.Std))
	if h.N > 0 && (h.Under+h.Over) > 0 {
		fmt.Fprintf(&b, `<small class="out">%s outside</small>`, numfmt.Pct(float64(h.Under+h.Over)/float64(h.N)))
	}
	return b.String()
}

// bands draws the 15th/50th/85th percentiles of the chosen unit's
// activation input over training in both nets (Ioffe & Szegedy 2015, Fig. 1).
func bands(v *View) (string, error) {
	var bs []charts.Band
	for _, n := range v.Train.Nets {
		ub := n.UnitBand
		if len(ub.Steps) == 0 {
			continue
		}
		x := make([]float64, len(ub.Steps))
		for i, s := range ub.Steps {
			x[i] = float64(s)
		}
		bs = append(bs, charts.Band{Name: short(n.Name), Steps: x, P15: ub.P15, P50: ub.P50, P85: ub.P85})
	}
	if len(bs) == 0 {
		return `<p class="aside">The percentile bands start with the first step.</p>`, nil
	}
	act := actPanel(v.Activation)
	svg, err := charts.PercentileBands(charts.BandSpec{Title: fmt.Sprintf("Input to one %s in hidden layer %d", act, v.Train.Layer),
		XLabel: "step", YLabel: "value reaching " + act, Bands: bs})
	if err != nil {
		return "", err
	}
	return pages.Figure(svg, fmt.Sprintf("The 15th, 50th (line) and 85th percentiles over each mini-batch of unit %d's input, as in Ioffe & Szegedy (2015), Fig. 1.",
		v.Train.Unit+1)), nil
}

// gradsPanel draws log₁₀ of each layer's weight-gradient norm at the last
// histogram step: a line that falls towards layer 1 is a vanishing gradient.
func gradsPanel(v *View) (string, error) {
	var ss []charts.Series
	for _, n := range v.Train.Nets {
		var x, y []float64
		for _, l := range n.Layers {
			if l.GradNorm > 0 && !math.IsInf(l.GradNorm, 0) && !math.IsNaN(l.GradNorm) {
				x, y = append(x, float64(l.Layer)), append(y, math.Log10(l.GradNorm))
			}
		}
		if len(x) > 0 {
			ss = append(ss, charts.Series{Name: short(n.Name), X: x, Y: y})
		}
	}
	if len(ss) == 0 {
		return `<p class="aside">The gradient norms appear after the first recorded training step.</p>`, nil
	}
	svg, err := charts.Lines(charts.LineSpec{Title: "Gradient norm per layer", XLabel: "hidden layer (1 = next to the input)",
		YLabel: "‖∂L/∂W‖₂ (log scale)", YPow10: true, Series: ss})
	if err != nil {
		return "", err
	}
	return pages.Figure(svg, fmt.Sprintf("At step %d. Each step down on this axis is a factor of 10: a line falling towards layer 1 means the first layers barely learn.",
		v.Train.Nets[0].HistStep)), nil
}

// lossPanel draws the training loss of both nets.
func lossPanel(v *View) (string, error) {
	var ss []charts.Series
	for _, n := range v.Train.Nets {
		if x, y := pages.XY(n.Loss); len(x) > 0 {
			ss = append(ss, charts.Series{Name: short(n.Name), X: x, Y: y})
		}
	}
	if len(ss) == 0 {
		return `<p class="aside">The loss curves start with the first step.</p>`, nil
	}
	svg, err := charts.Lines(charts.LineSpec{Title: "Training loss (mini-batch cross-entropy)", XLabel: "step", YLabel: "loss", Series: ss})
	if err != nil {
		return "", err
	}
	return pages.Figure(svg, "Each point is a mini-batch's loss in train mode, before that step's update; chance level is ln 10 ≈ 2.30 (long runs are averaged)."), nil
}

// accPanel draws the validation accuracy of both nets.
func accPanel(v *View) (string, error) {
	var ss []charts.Series
	for _, n := range v.Train.Nets {
		if x, y := pages.XY(n.ValAcc); len(x) > 0 {
			ss = append(ss, charts.Series{Name: short(n.Name), X: x, Y: y})
		}
	}
	if len(ss) == 0 {
		return `<p class="aside">The validation curve starts at the first validation step.</p>`, nil
	}
	svg, err := charts.Lines(charts.LineSpec{Title: "Validation accuracy (eval mode)", XLabel: "step", YLabel: "accuracy", YMin: 0, YMax: 1, YPercent: true, XMax: float64(v.Train.Step), Series: ss})
	if err != nil {
		return "", err
	}
	return pages.Figure(svg, fmt.Sprintf("Measured every %d steps on %d validation images, BN using its running statistics; chance is 10%%.",
		v.Train.ValEvery, v.Train.ValSize)), nil
}

// summaryPanel is the results table: measurements, no verdict.
func summaryPanel(v *View) (string, error) {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers nowrap-names nowrap-cells"><caption>Measured so far</caption>`)
	b.WriteString(`<thead><tr><th scope="col">network</th><th scope="col">steps</th><th scope="col">train loss (recent)</th><th scope="col">val. acc. (last)</th>` +
		`<th scope="col">best val. acc. (step)</th><th scope="col"><span class="nw">‖∂L/∂W‖</span><br/>layer 1 ÷ last</th><th scope="col">` + html.EscapeString(satHead(v.Activation)) + `</th>` +
		`<th scope="col">median's move<br/>per step</th></tr></thead><tbody>`)
	for _, s := range v.Summary {
		name := `<abbr title="` + html.EscapeString(s.Label) + `">` + html.EscapeString(short(s.Name)) + `</abbr>`
		if s.Diverged {
			name += " <strong>(diverged)</strong>"
		}
		last, best := "—", "—"
		if s.ValStep > 0 || s.BestValAcc > 0 {
			last = numfmt.Pct(s.ValAcc)
			best = fmt.Sprintf("%s (%d)", numfmt.Pct(s.BestValAcc), s.BestValStep)
		}
		loss, ratio, sat, move := numfmt.Plain(s.RecentLoss), sci(s.GradRatio), numfmt.Pct(s.Saturated), "—"
		if s.MedianMoves > 0 {
			move = numfmt.Plain(s.MedianMove)
		}
		if s.Steps == 0 {
			loss = "—"
		}
		if s.Diverged {
			loss, ratio, sat, move = "—", "—", "—", "—"
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			name, s.Steps, loss, last, best, ratio, sat, move)
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String(), nil
}
