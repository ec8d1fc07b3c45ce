package bnsteps

import (
	"errors"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/charts"
	"bnlab/lessons/pages"
)

// runningRows is how many of the latest batches the running table lists.
const runningRows = 8

// Frame renders the lesson's current view: its panels (the formulas with
// live numbers, the sample table, the heat maps, the running statistics),
// its Stage payload and the text alternative (lessons.Lesson).
func (l *Lesson) Frame() (lessons.Frame, error) {
	out, err := l.render()
	return pages.FrameOf(out, err, lessons.Progress{})
}

// render renders the current view.
func (l *Lesson) render() (pages.Output, error) {
	v := l.view
	if v == nil || len(v.Samples) == 0 {
		return pages.Output{}, errors.New("bnsteps: no view to render (Configure first)")
	}
	p := pages.Panels{
		"bn-steps-notes":    pages.NotesList(v.Notes...),
		"bn-steps-samples":  sampleRows(v),
		"bn-steps-means":    meanRows(v),
		"bn-steps-before":   heatTable("before", v.Heat.Before, v.Heat.MeanBefore, v.Heat.VarBefore),
		"bn-steps-after":    heatTable("after", v.Heat.After, v.Heat.MeanAfter, v.Heat.VarAfter),
		"bn-steps-running":  runningTable(v.Running),
		"bn-steps-momentum": html.EscapeString(num(v.Running.Momentum)),
	}
	n := numsOf(v)
	for k := 1; k <= 4; k++ {
		p["bn-steps-f"+strconv.Itoa(k)] = formulaHTML(k, n, v.Step == k)
	}
	chart, err := l.runningChart()
	if err != nil {
		return pages.Output{}, err
	}
	p["bn-steps-running-chart"] = chart
	return pages.Output{Panels: p, Stage: stageOf(v), Text: text(v)}, nil
}

// runningChart renders the running-statistics chart, or reuses the last
// one when its data have not changed (rendering it is the costliest part
// of a frame, and most changes, γ or the step, leave it alone).
func (l *Lesson) runningChart() (string, error) {
	r := l.view.Running
	key := fmt.Sprint(r)
	if key == l.chart.key {
		return l.chart.svg, nil
	}
	b, err := charts.BNRunningStats(r, charts.Size{})
	if err != nil {
		return "", fmt.Errorf("bnsteps: %w", err)
	}
	l.chart.key, l.chart.svg = key, pages.CSPSafeSVG(string(b))
	return l.chart.svg, nil
}

// sampleRows is the sample table's body: x, x − μ, x̂ and y of each sample.
func sampleRows(v *View) string {
	var b strings.Builder
	for _, s := range v.Samples {
		b.WriteString(`<tr><th scope="row">` + strconv.Itoa(s.I) + `</th>`)
		for _, x := range []float64{s.X, s.Centered, s.XHat, s.Y} {
			b.WriteString("<td>" + html.EscapeString(num(x)) + "</td>")
		}
		b.WriteString("</tr>")
	}
	return b.String()
}

// meanRows is the sample table's foot: each column's mean and biased
// variance, computed from the column as shown. The means of x − μ, x̂ and y
// within rounding error of 0 show as 0 (a normalised column's mean is 0 up to float32
// rounding).
func meanRows(v *View) string {
	cols := [4][]float64{}
	for _, s := range v.Samples {
		for j, x := range []float64{s.X, s.Centered, s.XHat, s.Y} {
			cols[j] = append(cols[j], x)
		}
	}
	scales := [4]float64{0, maxAbs(cols[0]), 1, maxAbs(cols[3])}
	var b strings.Builder
	b.WriteString(`<tr><th scope="row">mean</th>`)
	for j, c := range cols {
		s := num(mean(c)) // the input's mean, as it is
		if j > 0 {
			s = near0(mean(c), scales[j])
		}
		b.WriteString("<td>" + html.EscapeString(s) + "</td>")
	}
	b.WriteString(`</tr><tr><th scope="row">var (1/m)</th>`)
	for _, c := range cols {
		b.WriteString("<td>" + html.EscapeString(num(variance(c))) + "</td>")
	}
	b.WriteString("</tr>")
	return b.String()
}

// runningTable is the running-statistics table's body: the latest
// runningRows batches, the newest running values marked.
func runningTable(r charts.BNRunning) string {
	rows := r.Points[max(0, len(r.Points)-runningRows):]
	var b strings.Builder
	for i, pt := range rows {
		label := strconv.Itoa(pt.Batch)
		if pt.Batch == 0 {
			label = "start"
		}
		b.WriteString(`<tr><th scope="row">` + label + `</th>`)
		for j, x := range []float64{pt.BatchMean, pt.BatchVar, pt.TorchMean, pt.TorchVar, pt.KerasMean, pt.KerasVar} {
			s := num(x)
			if pt.Batch == 0 && j < 2 {
				s = "–"
			}
			if i == len(rows)-1 && j >= 2 {
				b.WriteString(`<td class="latest">` + html.EscapeString(s) + "</td>")
			} else {
				b.WriteString("<td>" + html.EscapeString(s) + "</td>")
			}
		}
		b.WriteString("</tr>")
	}
	return b.String()
}

// near0 is num, but shows values within rounding error of 0 as 0.
func near0(f, scale float64) string {
	if math.Abs(f) < 1e-5*math.Max(1, math.Abs(scale)) {
		return "0"
	}
	return num(f)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// variance is the biased (1/m) variance, as in the forward pass.
func variance(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	m, s := mean(xs), 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs))
}

// maxAbs is the largest |x| of xs.
func maxAbs(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = math.Max(m, math.Abs(x))
	}
	return m
}
