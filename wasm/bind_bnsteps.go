//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strconv"
	"syscall/js"
	"time"
)

// bnSteps binds the bn-steps lesson: formulas with live numbers, the table
// of every sample, the heat-maps, the running statistics and the stage.
type bnSteps struct {
	stage    bnStage
	rows     int // rows currently in the sample table
	runRows  int
	heatDims [2]int
}

func newBNSteps() binder { return &bnSteps{} }

func (b *bnSteps) interval() time.Duration { return 1200 * time.Millisecond }

func (b *bnSteps) clock(view any) string {
	v, ok := bnViewOf(view)
	if !ok {
		return ""
	}
	return fmt.Sprintf("step %d of %d", v.Phase, max(v.Phases, 4))
}

// describe says in words what the stage shows.
func (b *bnSteps) describe(view any) string {
	v, ok := bnViewOf(view)
	if !ok {
		return ""
	}
	m := len(v.X)
	switch v.Phase {
	case 1:
		return fmt.Sprintf("%d points on a number line, with the batch mean μ = %s marked.", m, num(v.Mean))
	case 2:
		return fmt.Sprintf("The %d points with a band of one standard deviation around μ = %s; the biased variance is σ² = %s.", m, num(v.Mean), num(v.Var))
	case 3:
		return fmt.Sprintf("The points moved to their normalised values x̂, centred on 0 with spread about 1 (range %s to %s).", num(minOf(v.XHat)), num(maxOf(v.XHat)))
	case 4:
		return fmt.Sprintf("The points scaled by γ = %s and shifted by β = %s: y ranges from %s to %s.", num(v.Gamma), num(v.Beta), num(minOf(v.Y)), num(maxOf(v.Y)))
	}
	return fmt.Sprintf("A mini-batch of %d values on a number line, from %s to %s. Step to compute its mean.", m, num(minOf(v.X)), num(maxOf(v.X)))
}

// page writes the numbers into the lesson's section.
func (b *bnSteps) page(a *app, view any) {
	v, ok := bnViewOf(view)
	if !ok {
		return
	}
	sec := a.dom.query(js.Null(), `section[data-lesson="bn-steps"]`)
	first := func(xs []float64) float64 {
		if len(xs) == 0 {
			return 0
		}
		return xs[0]
	}
	vals := map[string]string{
		"sum": num(v.Sum), "m": strconv.Itoa(len(v.X)), "mu": num(v.Mean),
		"sumsq": num(v.SumSq), "var": num(v.Var), "eps": num(v.Eps),
		"x1": num(first(v.X)), "xhat1": num(first(v.XHat)), "y1": num(first(v.Y)),
		"gamma": num(v.Gamma), "beta": num(v.Beta),
		"mean-x": num(mean(v.X)), "mean-xc": numNear0(mean(v.Centered), maxAbs(v.X)), "mean-xhat": numNear0(mean(v.XHat), 1), "mean-y": numNear0(mean(v.Y), maxAbs(v.Y)),
		"momentum": num(v.TorchMomentum),
		"var-x":    num(variance(v.X)), "var-xc": num(variance(v.Centered)), "var-xhat": num(variance(v.XHat)), "var-y": num(variance(v.Y)),
	}
	for _, e := range a.dom.queryAll(sec, "[data-bind]") {
		if s, ok := vals[e.Get("dataset").Get("bind").String()]; ok {
			setText(e, s)
		}
	}
	for i, id := range []string{"s1", "s2", "s3", "s4"} {
		f := a.dom.byID(id).Get("nextElementSibling").Get("nextElementSibling")
		if f.Truthy() {
			f.Get("classList").Call("toggle", "current", v.Phase == i+1)
		}
	}
	if ul := a.dom.byID("bn-notes"); ul.Truthy() {
		clear(ul)
		for _, n := range v.Notes {
			ul.Call("appendChild", a.dom.text("li", n))
		}
	}
	b.sampleTable(a, v)
	b.heatmaps(a, v)
	b.running(a, v)
}

// sampleTable fills the x, x − μ, x̂, y table, one row per sample.
func (b *bnSteps) sampleTable(a *app, v bnView) {
	body := a.dom.query(a.dom.byID("bn-table"), "tbody")
	if b.rows != len(v.X) {
		clear(body)
		for i := range v.X {
			tr := a.dom.el("tr")
			tr.Call("appendChild", a.dom.text("th", strconv.Itoa(i+1), "scope", "row"))
			for range 4 {
				tr.Call("appendChild", a.dom.el("td"))
			}
			body.Call("appendChild", tr)
		}
		b.rows = len(v.X)
	}
	rows := body.Get("rows")
	for i := range v.X {
		cells := rows.Index(i).Get("cells")
		for j, col := range [][]float64{v.X, v.Centered, v.XHat, v.Y} {
			if i < len(col) {
				setText(cells.Index(j+1), num(col[i]))
			}
		}
	}
}

// runningRows is how many of the latest batches the table lists.
const runningRows = 8

// running fills the running-statistics table (the latest batches) and chart.
func (b *bnSteps) running(a *app, v bnView) {
	body := a.dom.query(a.dom.byID("bn-running"), "tbody")
	rows := v.Running[max(0, len(v.Running)-runningRows):]
	key := len(v.Running)
	if len(rows) > 0 {
		key = key*1000003 + int(rows[len(rows)-1].TorchMean*1e6)
	}
	if b.runRows != key {
		clear(body)
		for i, r := range rows {
			tr := a.dom.el("tr")
			label := strconv.Itoa(r.Batch)
			if r.Batch == 0 {
				label = "start"
			}
			tr.Call("appendChild", a.dom.text("th", label, "scope", "row"))
			for j, x := range []float64{r.Mean, r.Var, r.TorchMean, r.TorchVar, r.KerasMean, r.KerasVar} {
				s := num(x)
				if r.Batch == 0 && j < 2 {
					s = "–"
				}
				td := a.dom.text("td", s)
				if i == len(rows)-1 && j >= 2 {
					td.Call("setAttribute", "class", "latest")
				}
				tr.Call("appendChild", td)
			}
			body.Call("appendChild", tr)
		}
		b.runRows = key
	}
	if chart := a.dom.query(js.Null(), `[data-chart="running"]`); chart.Truthy() {
		setSVG("bn-running", chart, v.RunningSVG)
	}
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

func maxAbs(xs []float64) float64 { return math.Max(math.Abs(minOf(xs)), math.Abs(maxOf(xs))) }

func minOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

func maxOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	m := xs[0]
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
