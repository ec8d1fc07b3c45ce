//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"bnlab/lessons/placement"

	"github.com/hajimehoshi/ebiten/v2/vector"
)

// placement binds the placement lesson's stage: three networks side by
// side, one column each, with a small histogram per hidden layer of the
// values that reach the activation, eased between the worker's frames.
type placementStage struct {
	workerStage
	shown [][][]float64 // [net][layer][bin] shares on screen, eased to the frame's
	bars  rectBatch     // a histogram's bars, drawn in one call
}

func newPlacement() binder { return &placementStage{} }

// netColors are the charts' series colours (Okabe–Ito, in order), so a
// network has the same colour on the stage and in the page's charts.
var netColors = []color.RGBA{blueC, orangeC, greenC, {0xcc, 0x79, 0xa7, 0xff}}

func (p *placementStage) stageTarget() any { return &placement.Stage{} }

// clock is the lesson's training step.
func (p *placementStage) clock(view any) string {
	if s, ok := view.(*placement.Stage); ok && !s.Waiting {
		return fmt.Sprintf("step %d", s.Step)
	}
	return ""
}

func (p *placementStage) tick(view any, dt float64) {
	s, ok := view.(*placement.Stage)
	if !ok {
		return
	}
	k := easeFactor(dt)
	if len(p.shown) != len(s.Nets) {
		p.shown = make([][][]float64, len(s.Nets))
	}
	for i, n := range s.Nets {
		if len(p.shown[i]) != len(n.Layers) {
			p.shown[i] = make([][]float64, len(n.Layers))
		}
		for j, h := range n.Layers {
			p.shown[i][j] = easeRow(p.shown[i][j], h.S, k)
		}
	}
}

func (p *placementStage) draw(c *canvas, view any) {
	s, ok := view.(*placement.Stage)
	if !ok || s.Waiting || len(s.Nets) == 0 {
		c.lab.draw(c.img, "Waiting for the MNIST images…", 16*c.s, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		return
	}
	px := c.s
	pad, gap := 14*px, 16*px
	colW := (c.w - 2*pad - gap*float64(len(s.Nets)-1)) / float64(len(s.Nets))
	top, foot := 52*px, 54*px
	depth := len(s.Nets[0].Layers)
	rowH := (c.h - top - foot) / float64(max(depth, 1))
	c.lab.draw(c.img, fmt.Sprintf("Step %d · what reaches each %s, per hidden layer", s.Step, s.Act), 14*px, inkC, pad, 8*px, 0, 0)
	for i, n := range s.Nets {
		x0 := pad + float64(i)*(colW+gap)
		col := netColors[i%len(netColors)]
		c.lab.drawFit(c.img, n.Label, 13*px, colW, col, x0, 28*px)
		// Row maxima are shared across the nets, so heights compare.
		for j := range n.Layers {
			y0 := top + float64(j)*rowH
			p.drawHist(c, s, i, j, x0, y0+3*px, colW, rowH-6*px, col)
		}
		// The axis under the last row.
		ay := top + float64(depth)*rowH
		hw := colW - 18*px
		if rowH-6*px >= 30*px {
			hw -= 40 * px
		}
		for _, t := range []float64{s.Lo, 0, s.Hi} {
			x := x0 + 18*px + (t-s.Lo)/(s.Hi-s.Lo)*hw
			c.lab.draw(c.img, num(t), 10*px, mutedC, x, ay+1*px, 0.5, 0)
		}
		// Two short lines under each column, legible at 1024 pixels.
		msg, msg2, mc := "", fmt.Sprintf("loss %.3g", n.Loss), inkC
		switch {
		case n.Diverged:
			msg, msg2, mc = "diverged", "(NaN or ∞)", vermC
		case n.HasVal:
			msg = fmt.Sprintf("val. acc. %.1f%% (step %d)", 100*n.ValAcc, n.ValStep)
		}
		if msg != "" {
			c.lab.drawFit(c.img, msg, 12*px, colW, mc, x0, c.h-36*px)
		}
		c.lab.drawFit(c.img, msg2, 12*px, colW, mc, x0, c.h-20*px)
	}
}

// drawHist draws net i's histogram of hidden layer j in the box (x, y, w, h).
func (p *placementStage) drawHist(c *canvas, s *placement.Stage, i, j int, x, y, w, h float64, col color.RGBA) {
	px := c.s
	c.lab.draw(c.img, fmt.Sprintf("%d", j+1), 11*px, mutedC, x, y+h/2, 0, 0.5)
	x += 18 * px
	w -= 18 * px
	if h >= 30*px {
		w -= 40 * px // room for the σ label on the right
	}
	if i >= len(p.shown) || j >= len(p.shown[i]) {
		return
	}
	bins := p.shown[i][j]
	peak := 1.0
	for k := range p.shown {
		if j < len(p.shown[k]) {
			for _, v := range p.shown[k][j] {
				peak = math.Max(peak, v)
			}
		}
	}
	base := float32(y + h)
	vector.StrokeLine(c.img, float32(x), base, float32(x+w), base, float32(1*px), lineC, true)
	bw := w / float64(len(bins))
	fill := color.RGBA{col.R, col.G, col.B, 0xff}
	for b, v := range bins {
		bh := v / peak * (h - 2*px)
		if bh < 0.5 {
			continue
		}
		p.bars.add(float32(x+float64(b)*bw+0.5*px), base-float32(bh), float32(bw-1*px), float32(bh), fill)
	}
	p.bars.draw(c.img)
	z := float32(x + (0-s.Lo)/(s.Hi-s.Lo)*w)
	vector.StrokeLine(c.img, z, float32(y), z, base, float32(1*px), mutedC, true)
	hs := s.Nets[i].Layers[j]
	if hs.Under >= 5 {
		c.lab.draw(c.img, fmt.Sprintf("← %d%%", (hs.Under+5)/10), 10*px, vermC, x+2*px, y, 0, 0)
	}
	if hs.Over >= 5 {
		c.lab.draw(c.img, fmt.Sprintf("%d%% →", (hs.Over+5)/10), 10*px, vermC, x+w-2*px, y, 1, 0)
	}
	if h >= 30*px {
		c.lab.draw(c.img, "σ "+strconv.FormatFloat(hs.Std, 'f', 2, 64), 10*px, mutedC, x+w+3*px, y+h-2*px, 0, 1)
	}
}
