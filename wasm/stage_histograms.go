//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"

	"bnlab/lessons/histograms"
)

// histograms binds the histograms lesson's stage: the plain and the BN
// network side by side, one row per hidden layer with the histogram of
// what reaches the activation (saturating range shaded), the share of
// saturated outputs as a bar and the layer's gradient norm, eased between
// the worker's frames.
type histogramsStage struct {
	workerStage
	shown [][][]float64 // [net][layer][bin] thousandths on screen
	sat   [][]float64   // [net][layer] saturated share on screen
	fills rectBatch     // every filled rectangle and straight line of a frame, one draw call
	late  []lateLabel   // labels that go on top of the fills
}

// lateLabel is a label drawn after the frame's fills (it sits on a shade).
type lateLabel struct {
	s      string
	size   float64
	c      color.RGBA
	x, y   float64
	ax, ay float64
}

// hline and vline queue a straight line of width px as a thin rectangle.
func (h *histogramsStage) hline(x0, x1, y, px float32, c color.RGBA) {
	h.fills.add(x0, y-px/2, x1-x0, px, c)
}
func (h *histogramsStage) vline(x, y0, y1, px float32, c color.RGBA) {
	h.fills.add(x-px/2, y0, px, y1-y0, c)
}

func (h *histogramsStage) stageTarget() any { return &histograms.Stage{} }

var (
	satShade = color.RGBA{0xe4, 0xe1, 0xda, 0xff}
	hsNetC   = []color.RGBA{blueC, orangeC}
)

func (h *histogramsStage) clock(view any) string {
	if s, ok := view.(*histograms.Stage); ok && !s.Waiting {
		return fmt.Sprintf("step %d", s.Step)
	}
	return ""
}

// tick eases the drawn bins and saturation bars towards the last frame's.
func (h *histogramsStage) tick(view any, dt float64) {
	s, ok := view.(*histograms.Stage)
	if !ok {
		return
	}
	k := easeFactor(dt)
	if len(h.shown) != len(s.Nets) {
		h.shown, h.sat = make([][][]float64, len(s.Nets)), make([][]float64, len(s.Nets))
	}
	for i, n := range s.Nets {
		if len(h.shown[i]) != len(n.Layers) {
			h.shown[i], h.sat[i] = make([][]float64, len(n.Layers)), make([]float64, len(n.Layers))
		}
		for j, l := range n.Layers {
			h.shown[i][j] = easeRow(h.shown[i][j], l.S, k)
			h.sat[i][j] += (float64(l.Sat)/1000 - h.sat[i][j]) * k
		}
	}
}

func (h *histogramsStage) draw(c *canvas, view any) {
	s, ok := view.(*histograms.Stage)
	if !ok || s.Waiting || len(s.Nets) == 0 || len(h.shown) != len(s.Nets) {
		c.lab.draw(c.img, "Waiting for the MNIST images…", 16*c.s, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		return
	}
	px := c.s
	pad, gap := 14*px, 22*px
	colW := (c.w - 2*pad - gap*float64(len(s.Nets)-1)) / float64(len(s.Nets))
	top, foot := 52*px, 40*px
	depth := len(s.Nets[0].Layers)
	rowH := (c.h - top - foot) / float64(max(depth, 1))
	// The step and the static legend are separate labels, so that only the
	// short one is rasterised again at each frame.
	stepW := 72 * px
	c.lab.draw(c.img, fmt.Sprintf("Step %d", s.Step), 13*px, inkC, pad, 8*px, 0, 0)
	// Short enough to stay at full size on a 1024-pixel-wide page; the
	// layer numbers and the "saturated" axis label say the rest.
	c.lab.drawFit(c.img, "what reaches each "+s.Act+" · grey: saturating range",
		13*px, c.w-2*pad-stepW, mutedC, pad+stepW, 8*px)
	for i, n := range s.Nets {
		x0 := pad + float64(i)*(colW+gap)
		col := hsNetC[i%len(hsNetC)]
		c.lab.drawFit(c.img, n.Label, 13*px, colW, col, x0, 28*px)
		for j := range n.Layers {
			y0 := top + float64(j)*rowH
			if j+1 == s.Layer {
				x, y, w, ht, p := float32(x0), float32(y0+1*px), float32(colW), float32(rowH-2*px), float32(px)
				h.hline(x, x+w, y+p/2, p, mutedC)
				h.hline(x, x+w, y+ht-p/2, p, mutedC)
				h.vline(x+p/2, y, y+ht, p, mutedC)
				h.vline(x+w-p/2, y, y+ht, p, mutedC)
			}
			h.drawRow(c, s, i, j, x0, y0+3*px, colW, rowH-6*px, col)
		}
		h.drawAxis(c, s, x0, top+float64(depth)*rowH, colW)
		msg, mc := "", inkC
		switch {
		case n.Diverged:
			msg, mc = "diverged (NaN or ∞)", vermC
		case n.HasVal:
			msg = fmt.Sprintf("val. acc. %.1f%% · loss %s", 100*n.ValAcc, num(n.Loss))
		default:
			msg = "loss " + num(n.Loss)
		}
		c.lab.drawFit(c.img, msg, 12*px, colW, mc, x0, c.h-20*px)
	}
	h.fills.draw(c.img)
	for _, l := range h.late {
		c.lab.draw(c.img, l.s, l.size, l.c, l.x, l.y, l.ax, l.ay)
	}
	h.late = h.late[:0]
}

// rowGeom splits a row box into the layer label, the histogram and the
// saturation bar.
func rowGeom(px, x, w float64) (hx, hw, bx, bw float64) {
	lab, bar := 18*px, 54*px
	return x + lab, w - lab - bar - 6*px, x + w - bar, bar
}

// drawRow draws net i's hidden layer j in the box (x, y, w, ht).
func (h *histogramsStage) drawRow(c *canvas, s *histograms.Stage, i, j int, x, y, w, ht float64, col color.RGBA) {
	px := c.s
	c.lab.draw(c.img, fmt.Sprintf("%d", j+1), 11*px, mutedC, x, y+ht/2, 0, 0.5)
	hx, hw, bx, bw := rowGeom(px, x, w)
	xAt := func(v float64) float32 { return float32(hx + (v-s.Lo)/(s.Hi-s.Lo)*hw) }
	base := float32(y + ht)
	// Fills and lines are queued for the frame's one batch (see draw), in
	// the order they stack: shades, saturation bar, baseline, bars, zero.
	if s.SatLo > s.Lo {
		h.fills.add(float32(hx), float32(y), xAt(s.SatLo)-float32(hx), float32(ht), satShade)
	}
	if s.SatHi < s.Hi {
		h.fills.add(xAt(s.SatHi), float32(y), float32(hx+hw)-xAt(s.SatHi), float32(ht), satShade)
	}
	// The saturation bar's track and fill do not overlap the histogram.
	sat := h.sat[i][j]
	bh := float32(math.Min(ht, 12*px))
	by := float32(y + ht/2 - float64(bh)/2)
	h.fills.add(float32(bx), by, float32(bw), bh, satShade)
	h.fills.add(float32(bx), by, float32(bw*sat), bh, vermC)
	h.hline(float32(hx), float32(hx+hw), base, float32(px), lineC)
	bins := h.shown[i][j]
	peak := 1.0
	for _, v := range bins {
		peak = math.Max(peak, v)
	}
	if len(bins) > 0 {
		bwid := hw / float64(len(bins))
		for b, v := range bins {
			bh := v / peak * (ht - 2*px)
			if bh >= 0.5 {
				h.fills.add(float32(hx+float64(b)*bwid+0.5*px), base-float32(bh), float32(bwid-px), float32(bh), col)
			}
		}
	}
	h.vline(xAt(0), float32(y), base, float32(px), mutedC)
	l := s.Nets[i].Layers[j]
	if l.Under >= 5 {
		h.late = append(h.late, lateLabel{fmt.Sprintf("<%d%%", (l.Under+5)/10), 10 * px, vermC, hx + 2*px, y, 0, 0})
	}
	if l.Over >= 5 {
		h.late = append(h.late, lateLabel{fmt.Sprintf("%d%%>", (l.Over+5)/10), 10 * px, vermC, hx + hw - 2*px, y, 1, 0})
	}
	// The saturation bar's label: the share of outputs where the
	// derivative is ≈ 0.
	if ht >= 24*px {
		c.lab.draw(c.img, fmt.Sprintf("%d%%", (l.Sat+5)/10), 10*px, inkC, bx+bw/2, float64(by)-1*px, 0.5, 1)
	}
}

// drawAxis labels the histograms' x axis under the last row.
func (h *histogramsStage) drawAxis(c *canvas, s *histograms.Stage, x0, ay, w float64) {
	px := c.s
	hx, hw, bx, bw := rowGeom(px, x0, w)
	for _, t := range []float64{s.Lo, 0, s.Hi} {
		c.lab.draw(c.img, num(t), 10*px, mutedC, hx+(t-s.Lo)/(s.Hi-s.Lo)*hw, ay+1*px, 0.5, 0)
	}
	c.lab.draw(c.img, "saturated", 10*px, mutedC, bx+bw/2, ay+1*px, 0.5, 0)
}
