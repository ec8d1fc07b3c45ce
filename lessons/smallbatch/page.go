package smallbatch

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
	return pages.FrameOf(out, err, lessons.Progress{})
}

// Stage is what the small-batches stage draws: the activation
// tensor as the N × C × (H·W) cube of Wu & He (2018, Fig. 2), once per
// normalisation, with the values one statistic reduces over shaded.
type Stage struct {
	Norm     string      `json:"norm"` // the highlighted norm: "bn", "ln", "gn"
	N        int         `json:"n"`
	C        int         `json:"c"`
	G        int         `json:"g"`
	HW       int         `json:"hw"` // values per sample and channel: 16 or 1
	Shape    string      `json:"shape"`
	Input    string      `json:"input"` // "(4, 8, 4, 4)"
	Norms    []StageNorm `json:"norms"` // bn, ln, gn
	MeanStd  float64     `json:"meanStd"`
	PopSigma float64     `json:"popSigma"`
}

// StageNorm is one norm's reduction: Count values per statistic,
// NumStats statistics, and the engine's refusal if any.
type StageNorm struct {
	Key            string `json:"key"`
	Kind           string `json:"kind"`
	Over           string `json:"over"`
	Count          int    `json:"count"`
	NumStats       int    `json:"numStats"`
	DependsOnBatch bool   `json:"dependsOnBatch"`
	Error          string `json:"error,omitempty"`
}

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("smallbatch: no view to render")
	}
	spread, err := spreadChart(v)
	if err != nil {
		return pages.Output{}, err
	}
	exp, err := experimentPanel(v)
	if err != nil {
		return pages.Output{}, err
	}
	notes := pages.NoticeTexts(v.Notices, v.Notes...)
	st := Stage{Norm: v.Norm, N: v.Batch, C: v.Channels, G: v.Groups, HW: v.PerSample, Shape: v.Shape,
		Input: v.InputShape, PopSigma: pages.Round(math.Sqrt(v.PopVar), 4)}
	for _, pt := range v.Spread {
		if pt.Current {
			st.MeanStd = pages.Round(pt.MeanStd, 4)
		}
	}
	for _, n := range v.Norms {
		st.Norms = append(st.Norms, StageNorm{Key: n.Key, Kind: n.Kind, Over: n.Over, Count: n.Count,
			NumStats: n.NumStats, DependsOnBatch: n.DependsOnBatch, Error: n.Error})
	}
	return pages.Output{Panels: pages.Panels{
		"small-batches-spread":     spread,
		"small-batches-current":    current(v),
		"small-batches-one":        batchOfOnePanel(v),
		"small-batches-norms":      normsPanel(v),
		"small-batches-compare":    comparePanel(v),
		"small-batches-experiment": exp,
		"small-batches-notes":      pages.NotesList(notes...),
		"small-batches-facts":      pages.NotesList(v.Facts...),
	}, Stage: st, Text: text(v)}, nil
}

// text is the stage's text alternative.
func text(v *View) string {
	for _, n := range v.Norms {
		if n.Key == v.Norm {
			s := fmt.Sprintf("Three cubes of the input %s, axes N (samples), C (channels) and H·W (positions). Highlighted: %s, which normalises %s: %d statistics of %d values each",
				v.InputShape, n.Kind, n.Over, n.NumStats, n.Count)
			if n.DependsOnBatch {
				return s + ", so they change with the batch."
			}
			return s + ", the same whatever else is in the batch."
		}
	}
	return "Three cubes of the input tensor, one per normalisation."
}

// spreadChart is the noise of BN's batch mean against the batch size,
// with the σ/√m reference.
func spreadChart(v *View) (string, error) {
	sigma := math.Sqrt(v.PopVar)
	var m, meas, theory, ref []float64
	for _, pt := range v.Spread {
		if pt.Failed {
			continue
		}
		m = append(m, float64(pt.M))
		meas = append(meas, pt.MeanStd)
		theory = append(theory, pt.TheoryMeanStd)
		ref = append(ref, sigma/math.Sqrt(float64(pt.M)))
	}
	if len(m) == 0 {
		return `<p class="aside">BN refused every batch size here.</p>`, nil
	}
	series := []charts.Series{{Name: "measured std of the batch mean", X: m, Y: meas}, {Name: "σ/√m (independent samples)", X: m, Y: ref}}
	if v.Shape == "conv" {
		series = append(series, charts.Series{Name: "prediction for correlated pixels", X: m, Y: theory})
	}
	svg, err := charts.LinesPow2X(charts.LineSpec{Title: "How far BN's batch mean strays from the population mean",
		XLabel: "batch size m", YLabel: "standard deviation", Series: series, YMin: 0, YMax: 1.15 * math.Max(maxAbs(meas), maxAbs(ref)),
		Size: charts.Size{W: 460, H: 260}})
	if err != nil {
		return "", fmt.Errorf("smallbatch: %w", err)
	}
	caption := fmt.Sprintf("Channel 0, %d sampled batches per size; population mean %s, σ = %s.", v.Spread[0].Batches, numfmt.Num(v.PopMean), numfmt.Num(sigma))
	if v.Shape == "conv" {
		caption += fmt.Sprintf(" The %d pixels of one map are correlated, so the measured spread follows the correlated prediction, above σ/√(m·H·W) and below σ/√m.", v.PerSample)
	}
	return pages.Figure(svg, caption), nil
}

func maxAbs(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}

// current is the table of BN's batch statistics at every size, the
// current one marked.
func current(v *View) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>BN's statistics of channel 0 over the sampled batches (population: mean ` +
		html.EscapeString(numfmt.Num(v.PopMean)) + `, variance ` + html.EscapeString(numfmt.Num(v.PopVar)) + `)</caption>`)
	b.WriteString(`<thead><tr><th scope="col">m</th><th scope="col">std of μ<sub>B</sub></th><th scope="col">mean of σ²<sub>B</sub> (biased)</th><th scope="col">÷ population variance</th><th scope="col">(m − 1)/m, if independent</th><th scope="col">std of σ²<sub>B</sub></th><th scope="col">output error (RMS)</th></tr></thead><tbody>`)
	for _, pt := range v.Spread {
		cls := ""
		if pt.Current {
			cls = ` class="hot"`
		}
		if pt.Failed {
			fmt.Fprintf(&b, `<tr%s><th scope="row">%d</th><td colspan="6">refused: one value per channel</td></tr>`, cls, pt.M)
			continue
		}
		fmt.Fprintf(&b, `<tr%s><th scope="row">%d</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`, cls, pt.M,
			numfmt.Num(pt.MeanStd), numfmt.Num(pt.VarMean), numfmt.Sig(pt.VarFrac, 3), numfmt.Sig(float64(pt.M-1)/float64(pt.M), 3),
			numfmt.Num(pt.VarStd), numfmt.Num(pt.OutputRMS))
	}
	b.WriteString(`</tbody></table></div><p class="aside">`)
	if v.Shape == "conv" {
		fmt.Fprintf(&b, `The (m − 1)/m column is what m independent values would give. BN averages over m·H·W = m × %d values here, but the positions of one map are alike, so the measured fraction lies between (m − 1)/m and 1: the biased variance falls short by the variance of the batch mean. `, v.PerSample)
	} else {
		b.WriteString(`Dense features are independent samples, so the measured fraction follows (m − 1)/m, up to the noise of the sampled batches. `)
	}
	b.WriteString(`Output error: how far one fixed sample's train-mode BN output moves from its output with the true statistics, averaged over the batches it could have been in.</p>`)
	return b.String()
}

// batchOfOne is the batch-of-one failure.
func batchOfOnePanel(v *View) string {
	o := v.BatchOfOne
	conv := "refused too"
	if o.ConvOK {
		conv = "accepted (N·H·W > 1), but the statistics come from one image"
	}
	return `<div class="error"><p><strong>BatchNorm1d, train mode, input ` + html.EscapeString(o.DenseShape) + `:</strong></p>` +
		`<p><code>` + html.EscapeString(o.DenseError) + `</code></p></div>` +
		`<p>A conv map ` + html.EscapeString(o.ConvShape) + ` with BatchNorm2d: ` + html.EscapeString(conv) + `.</p>`
}

// norms is the three norms on one batch: what each reduces over and its
// first statistics.
func normsPanel(v *View) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers text"><caption>The same batch ` + html.EscapeString(v.InputShape) + ` through each layer (engine, train mode)</caption>`)
	b.WriteString(`<thead><tr><th scope="col">layer</th><th scope="col">statistics × values: one μ and σ² for</th><th scope="col">the first: μ, σ²</th><th scope="col">batch matters</th></tr></thead><tbody>`)
	for _, n := range v.Norms {
		cls := ""
		if n.Selected {
			cls = ` class="hot"`
		}
		first := "–"
		if n.Error != "" {
			first = "refused"
		} else if len(n.Means) > 0 && len(n.Vars) > 0 && len(n.Labels) > 0 {
			first = html.EscapeString(n.Labels[0]+":") + `<br/><span class="nw">` + html.EscapeString(numfmt.Num(n.Means[0])+", "+numfmt.Num(n.Vars[0])) + "</span>"
		}
		dep := "no"
		if n.DependsOnBatch {
			dep = "yes"
		}
		fmt.Fprintf(&b, `<tr%s><th scope="row" title="%s">%s</th><td><strong>%d × %d</strong>: %s</td><td>%s</td><td>%s</td></tr>`, cls,
			html.EscapeString(n.Repr), html.EscapeString(n.Kind), n.NumStats, n.Count, html.EscapeString(n.Over), first, dep)
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// compare is one sample in two different batches: which norms give it
// the same output.
func comparePanel(v *View) string {
	c := v.Compare
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Sample A in two batches of %d with different companions</caption>`, c.Size)
	b.WriteString(`<thead><tr><th scope="col">layer</th><th scope="col">A's first output in batch 1</th><th scope="col">in batch 2</th><th scope="col">largest difference, all of A's outputs</th></tr></thead><tbody>`)
	for _, r := range c.Rows {
		o1, o2 := "–", "–"
		if len(r.Out1) > 0 && len(r.Out2) > 0 {
			o1, o2 = numfmt.Num(r.Out1[0]), numfmt.Num(r.Out2[0])
		}
		diff := numfmt.Num(r.MaxDiff)
		if r.Same {
			diff = "0 (identical)"
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>`, html.EscapeString(r.Kind), o1, o2, diff)
	}
	b.WriteString(`</tbody></table></div>`)
	if c.Text != "" {
		b.WriteString(`<p>` + html.EscapeString(c.Text) + `</p>`)
	}
	return b.String()
}

// experimentPanel is the accuracy-versus-batch-size chart, or how to run it.
func experimentPanel(v *View) (string, error) {
	e := v.Experiment
	if e == nil {
		return `<p class="aside">Not run yet: press <em>Run the experiment</em> (or <kbd>e</kbd>). It trains the small network 18 times, so it takes a few seconds.</p>`, nil
	}
	x := make([]float64, len(e.Sizes))
	for i, s := range e.Sizes {
		x[i] = float64(s)
	}
	var series []charts.Series
	var rows strings.Builder
	for _, r := range e.Rows {
		pct := make([]float64, len(r.Accuracy))
		cells := ""
		for i, a := range r.Accuracy {
			pct[i] = 100 * a
			cells += "<td>" + strconv.FormatFloat(100*a, 'f', 1, 64) + "%</td>"
		}
		series = append(series, charts.Series{Name: r.Kind, X: x, Y: pct})
		rows.WriteString(`<tr><th scope="row">` + html.EscapeString(r.Kind) + `</th>` + cells + `</tr>`)
	}
	svg, err := charts.LinesPow2X(charts.LineSpec{Title: "Validation accuracy after the same number of images",
		XLabel: "batch size", YLabel: "accuracy (%)", Series: series, Size: charts.Size{W: 460, H: 260}})
	if err != nil {
		return "", fmt.Errorf("smallbatch: %w", err)
	}
	var b strings.Builder
	b.WriteString(`<div class="chart">` + pages.Figure(svg, e.Text) + `</div>`)
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Validation accuracy (` + html.EscapeString(e.Dataset) + `, ` + strconv.Itoa(e.Val) + ` images)</caption><thead><tr><th scope="col">layer</th>`)
	for _, s := range e.Sizes {
		b.WriteString(`<th scope="col">` + strconv.Itoa(s) + `</th>`)
	}
	b.WriteString(`</tr></thead><tbody>` + rows.String() + `</tbody></table></div>`)
	return b.String(), nil
}
