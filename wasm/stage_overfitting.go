//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"

	"bnlab/lessons/overfitting"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// overfitting binds the overfitting lesson's stage: four small panels, one
// per network, with training accuracy (solid blue), validation accuracy
// (dashed vermillion) and the gap between them shaded.
type overfittingStage struct{ workerStage }

func newOverfitting() binder { return &overfittingStage{} }

func (o *overfittingStage) stageTarget() any { return &overfitting.Stage{} }

// clock is the lesson's own step count against its budget (the worker's
// counter goes on once the budget is spent).
func (o *overfittingStage) clock(view any) string {
	if s, ok := view.(*overfitting.Stage); ok && !s.Waiting {
		return fmt.Sprintf("step %d of %d", s.Step, s.Steps)
	}
	return ""
}

func (o *overfittingStage) draw(c *canvas, view any) {
	s, ok := view.(*overfitting.Stage)
	if !ok || s.Waiting || len(s.Nets) == 0 {
		c.lab.draw(c.img, "Waiting for the MNIST images…", 16*c.s, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		return
	}
	px := c.s
	// Short enough to stay at full size on a 1024-pixel-wide page (the
	// clock under the stage says "of N steps").
	head := fmt.Sprintf("Step %d · %.1f epochs · accuracy: training solid, validation dashed", s.Step, s.Epochs)
	if s.Done {
		head = fmt.Sprintf("Finished: %d steps, %.1f epochs · training solid, validation dashed", s.Step, s.Epochs)
	}
	c.lab.drawFit(c.img, head, 13*px, c.w-24*px, inkC, 12*px, 6*px)
	cols, rows := 2, (len(s.Nets)+1)/2
	top, pad, gap := 28*px, 12*px, 14*px
	w := (c.w - 2*pad - gap*float64(cols-1)) / float64(cols)
	h := (c.h - top - 4*px - gap*float64(rows-1)) / float64(rows)
	// The x axis grows with the training (at least a fifth of the budget)
	// so that the gap is readable early on.
	xMax := max(s.Steps/5, 1)
	for _, n := range s.Nets {
		if k := len(n.X); k > 0 {
			xMax = max(xMax, n.X[k-1]*11/10)
		}
	}
	xMax = min(xMax, max(s.Steps, 1))
	for i, n := range s.Nets {
		x0 := pad + float64(i%cols)*(w+gap)
		y0 := top + float64(i/cols)*(h+gap)
		ofPanel(c, n, xMax, x0, y0, w, h)
	}
}

// ofPanel draws one network's panel in the box (x, y, w, h); the x axis
// runs from step 0 to steps.
func ofPanel(c *canvas, n overfitting.StageNet, steps int, x, y, w, h float64) {
	px := c.s
	c.lab.draw(c.img, n.Label, 13*px, inkC, x, y, 0, 0)
	k := len(n.X) - 1
	switch {
	case n.Diverged:
		c.lab.draw(c.img, "diverged", 12*px, vermC, x+w, y, 1, 0)
	case k >= 0:
		g := n.Train[k] - n.Val[k]
		txt := fmt.Sprintf("gap %+.1f pts", 100*g)
		if n.Stalled {
			txt = "not learning"
		}
		c.lab.draw(c.img, txt, 12*px, vermC, x+w, y, 1, 0)
	}
	// The plot box: y from 0 to 1 (accuracy), x from 0 to the steps budget.
	bx, by := x+26*px, y+24*px
	bw, bh := w-28*px, h-40*px
	xOf := func(s int) float32 { return float32(bx + float64(s)/float64(max(steps, 1))*bw) }
	yOf := func(a float64) float32 { return float32(by + (1-math.Max(0, math.Min(1, a)))*bh) }
	for _, t := range []float64{0, 0.5, 1} {
		yy := yOf(t)
		vector.StrokeLine(c.img, float32(bx), yy, float32(bx+bw), yy, float32(1*px), lineC, true)
		c.lab.draw(c.img, fmt.Sprintf("%.0f%%", 100*t), 10*px, mutedC, bx-3*px, float64(yy), 1, 0.5)
	}
	c.lab.draw(c.img, fmt.Sprintf("step %d", steps), 10*px, mutedC, bx+bw, by+bh+1*px, 1, 0)
	if k < 0 {
		return
	}
	ofShade(c.img, n, xOf, yOf, color.RGBA{0xd5, 0x5e, 0x00, 0x40})
	for j := 1; j <= k; j++ {
		vector.StrokeLine(c.img, xOf(n.X[j-1]), yOf(n.Train[j-1]), xOf(n.X[j]), yOf(n.Train[j]), float32(2*px), blueC, true)
	}
	ofDashed(c, n, xOf, yOf)
}

// ofShade fills the area between the training and validation curves with
// one quad per segment.
func ofShade(dst *ebiten.Image, n overfitting.StageNet, xOf func(int) float32, yOf func(float64) float32, col color.RGBA) {
	var vs []ebiten.Vertex
	var is []uint16
	r, g, b, a := float32(col.R)/255, float32(col.G)/255, float32(col.B)/255, float32(col.A)/255
	v := func(x, y float32) ebiten.Vertex {
		return ebiten.Vertex{DstX: x, DstY: y, SrcX: 1, SrcY: 1, ColorR: r, ColorG: g, ColorB: b, ColorA: a} // straight alpha (the default ColorScaleMode)
	}
	for j := 1; j < len(n.X) && len(vs) < 60000; j++ {
		base := uint16(len(vs))
		x0, x1 := xOf(n.X[j-1]), xOf(n.X[j])
		vs = append(vs, v(x0, yOf(n.Train[j-1])), v(x1, yOf(n.Train[j])), v(x1, yOf(n.Val[j])), v(x0, yOf(n.Val[j-1])))
		is = append(is, base, base+1, base+2, base, base+2, base+3)
	}
	if len(vs) == 0 {
		return
	}
	dst.DrawTriangles(vs, is, whitePixel(), &ebiten.DrawTrianglesOptions{AntiAlias: true})
}

// ofDashed draws the validation curve dashed (6 on, 4 off, in CSS pixels).
func ofDashed(c *canvas, n overfitting.StageNet, xOf func(int) float32, yOf func(float64) float32) {
	on, off := 6*c.s, 4*c.s
	phase := 0.0 // distance into the current dash cycle
	for j := 1; j < len(n.X); j++ {
		x0, y0 := float64(xOf(n.X[j-1])), float64(yOf(n.Val[j-1]))
		x1, y1 := float64(xOf(n.X[j])), float64(yOf(n.Val[j]))
		l := math.Hypot(x1-x0, y1-y0)
		for d := 0.0; d < l; {
			if phase < on {
				e := math.Min(l, d+on-phase)
				a, b := d/l, e/l
				vector.StrokeLine(c.img, float32(x0+(x1-x0)*a), float32(y0+(y1-y0)*a), float32(x0+(x1-x0)*b), float32(y0+(y1-y0)*b), float32(2*c.s), vermC, true)
				phase += e - d
				d = e
			} else {
				e := math.Min(l, d+on+off-phase)
				phase += e - d
				d = e
			}
			if phase >= on+off {
				phase = 0
			}
		}
	}
}
