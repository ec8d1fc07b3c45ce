//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strconv"
	"syscall/js"
)

// heatmaps draws the before/after tables of the multi-feature view: one
// cell per sample and feature, coloured on a diverging scale per map
// (blue, white, vermillion: readable with the common colour-vision types),
// with each column's mean and variance underneath.
func (b *bnSteps) heatmaps(a *app, v bnView) {
	if len(v.Before) == 0 {
		return
	}
	b.heatmap(a, "before", v.Before, v.ColMean, v.ColVar, absMax(v.Before))
	b.heatmap(a, "after", v.After, v.AfterMean, v.AfterVar, absMax(v.After))
}

// absMax is the largest |x| of a matrix: each map's symmetric colour scale.
func absMax(g [][]float64) float64 {
	m := 0.0
	for _, row := range g {
		for _, x := range row {
			m = math.Max(m, math.Abs(x))
		}
	}
	return m
}

func (b *bnSteps) heatmap(a *app, which string, g [][]float64, means, vars []float64, scale float64) {
	box := a.dom.query(js.Null(), `[data-heatmap="`+which+`"]`)
	if !box.Truthy() {
		return
	}
	rows, cols := len(g), 0
	if rows > 0 {
		cols = len(g[0])
	}
	tbl := box.Get("firstElementChild")
	if !tbl.Truthy() || tbl.Get("rows").Length() != rows+3 || tbl.Get("rows").Index(0).Get("cells").Length() != cols+1 {
		clear(box)
		tbl = a.dom.el("table")
		tbl.Call("appendChild", a.dom.text("caption", which+": "+strconv.Itoa(rows)+" samples × "+strconv.Itoa(cols)+" features", "class", "sr-only"))
		head := a.dom.el("thead")
		hr := a.dom.el("tr")
		hr.Call("appendChild", a.dom.el("td"))
		for j := range cols {
			hr.Call("appendChild", a.dom.text("th", "f"+strconv.Itoa(j+1), "scope", "col"))
		}
		head.Call("appendChild", hr)
		tbl.Call("appendChild", head)
		body := a.dom.el("tbody")
		for i := range rows {
			tr := a.dom.el("tr")
			tr.Call("appendChild", a.dom.text("th", strconv.Itoa(i+1), "scope", "row"))
			for range cols {
				td := a.dom.el("td")
				td.Call("appendChild", a.dom.el("span", "class", "sr-only"))
				tr.Call("appendChild", td)
			}
			body.Call("appendChild", tr)
		}
		tbl.Call("appendChild", body)
		foot := a.dom.el("tfoot")
		for _, name := range []string{"μ", "σ²"} {
			tr := a.dom.el("tr")
			tr.Call("appendChild", a.dom.text("th", name, "scope", "row"))
			for range cols {
				tr.Call("appendChild", a.dom.el("td"))
			}
			foot.Call("appendChild", tr)
		}
		tbl.Call("appendChild", foot)
		box.Call("appendChild", tbl)
	}
	trs := tbl.Get("rows")
	for i := range rows {
		cells := trs.Index(i + 1).Get("cells")
		for j := range cols {
			td := cells.Index(j + 1)
			x := g[i][j]
			td.Set("title", fmt.Sprintf("sample %d, feature %d: %s", i+1, j+1, num(x)))
			setText(td.Get("firstElementChild"), num(x))
			st := td.Get("style")
			st.Set("backgroundColor", diverging(x, scale))
			if math.Abs(x) > 0.6*scale {
				st.Set("color", "#fff")
			} else {
				st.Set("color", "")
			}
		}
	}
	for k, vals := range [][]float64{means, vars} {
		cells := trs.Index(rows + 1 + k).Get("cells")
		for j := range cols {
			if j < len(vals) {
				setText(cells.Index(j+1), numNear0(vals[j], scale))
				cells.Index(j+1).Set("title", num(vals[j]))
			}
		}
	}
}

// diverging maps x in [-scale, scale] to blue (#0072b2), near-white
// (#f7f7f7) and vermillion (#d55e00).
func diverging(x, scale float64) string {
	if scale <= 0 {
		scale = 1
	}
	t := math.Max(-1, math.Min(1, x/scale))
	from := [3]float64{247, 247, 247}
	to := [3]float64{213, 94, 0}
	if t < 0 {
		to = [3]float64{0, 114, 178}
		t = -t
	}
	var c [3]int
	for i := range c {
		c[i] = int(from[i] + (to[i]-from[i])*t + 0.5)
	}
	return fmt.Sprintf("rgb(%d, %d, %d)", c[0], c[1], c[2])
}
