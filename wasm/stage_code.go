//go:build js && wasm

package main

import (
	"fmt"
	"strings"

	"bnlab/lessons/code"
	"bnlab/palette"
)

// codeBinder draws the code stage: the PyTorch and the Keras model as
// stacks of layers with their parameter counts (from the engine), the
// layers the chosen difference concerns highlighted.
type codeBinder struct{ workerStage }

func newCodeBinder() binder { return &codeBinder{} }

func (b *codeBinder) stageTarget() any { return &code.Stage{} }

// clock: the lesson has no clock; Play and Step do nothing here.
func (b *codeBinder) clock(view any) string { return "nothing to step" }

// codeRow is one row of a drawn stack: a layer with parameters, or a run
// of parameter-free layers (ReLU, pooling, dropout…) merged into one.
type codeRow struct {
	name, label string
	params      int
	hot, light  bool
}

// codeRows merges runs of parameter-free layers, so that the layers that
// hold the parameters get room to be read.
func codeRows(ls []code.StageLayer, torch bool) []codeRow {
	var rows []codeRow
	for _, l := range ls {
		label := l.Label
		if !torch && l.Params == 0 {
			label = l.Kind // Keras's label holds the output shape: keep it for layers with parameters
		}
		if n := len(rows); l.Params == 0 && n > 0 && rows[n-1].light && codePrefix(rows[n-1].name) == codePrefix(l.Name) {
			r := &rows[n-1]
			r.label += " · " + label
			if torch { // "features.2" and "features.3" become "features.2–3"
				first, _, _ := strings.Cut(strings.TrimPrefix(r.name, codePrefix(r.name)), "–")
				r.name = codePrefix(l.Name) + first + "–" + strings.TrimPrefix(l.Name, codePrefix(l.Name))
			}
			r.hot = r.hot || l.Hot
			continue
		}
		rows = append(rows, codeRow{name: l.Name, label: label, params: l.Params, hot: l.Hot, light: l.Params == 0})
	}
	return rows
}

func (b *codeBinder) draw(c *canvas, view any) {
	st, ok := view.(*code.Stage)
	u := c.s
	if !ok || st == nil || len(st.Torch) == 0 {
		c.lab.draw(c.img, "Waiting for the training worker…", 14*u, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		return
	}
	c.lab.drawFit(c.img, "The two models, layer by layer · highlighted: "+st.TopicLabel, 14*u, c.w-24*u, inkC, 12*u, 8*u)
	gap := 16 * u
	colW := (c.w - 24*u - gap) / 2
	top := 50 * u
	tr, kr := codeRows(st.Torch, true), codeRows(st.Keras, false)
	rh := (c.h - top - 8*u) / float64(max(len(tr), len(kr)))
	cols := []struct {
		head string
		rows []codeRow
		on   bool
	}{
		{fmt.Sprintf("PyTorch · %s parameters", cnComma(st.TorchTotal)), tr, st.Framework != "keras"},
		{fmt.Sprintf("Keras · %s (%s non-trainable)", cnComma(st.KerasTotal), cnComma(st.KerasNon)), kr, st.Framework != "pytorch"},
	}
	fs := min(13*u, rh*0.7)
	for i, col := range cols {
		x := 12*u + float64(i)*(colW+gap)
		hc := blueC
		if !col.on {
			hc = mutedC
		}
		c.lab.drawFit(c.img, col.head, 13*u, colW, hc, x, top-20*u)
		for k, r := range col.rows {
			y := top + float64(k)*rh
			fill, ink := palette.Soft, inkC
			if r.light {
				fill, ink = paper, mutedC
			}
			if r.hot {
				fill = palette.Tint
			}
			cnFill(c.img, x, y+0.5*u, colW, rh-1.5*u, fill)
			if r.hot {
				cnRect(c.img, x, y+0.5*u, colW, rh-1.5*u, 1.5*u, blueC)
				ink = blueC
			}
			label := r.label
			if i == 0 {
				label = r.name + "  " + r.label
			}
			ty := y + (rh-fs)/2 - 1.5*u
			c.lab.drawFit(c.img, label, fs, colW*0.74, ink, x+5*u, ty)
			if !r.light {
				c.lab.draw(c.img, cnComma(r.params), fs, ink, x+colW-5*u, ty, 1, 0)
			}
		}
	}
}

// codePrefix is a layer name's container part: "features." of
// "features.2"; "" for Keras's names.
func codePrefix(name string) string { return name[:strings.LastIndex(name, ".")+1] }

// cnComma writes n with thousands separators.
func cnComma(n int) string {
	s := fmt.Sprint(n)
	out := ""
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out += ","
		}
		out += string(r)
	}
	return out
}
