//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"

	"bnlab/lessons/mistakes"

	"github.com/hajimehoshi/ebiten/v2/vector"
)

// mistakes binds the mistakes lesson's stage: while the experiment trains,
// a progress bar; once measured, its key quantity (the accuracy of each
// repeated prediction, the variance per unit in train and eval mode, or
// accuracy against batch size), with the fix in blue and the mistake in
// orange, the colours the page's charts give them.
type mistakesStage struct{ workerStage }

func newMistakes() binder { return &mistakesStage{} }

func (m *mistakesStage) stageTarget() any { return &mistakes.Stage{} }

// clock says how far the experiment is (the worker's step counter goes on
// counting once the experiment is measured, so it means nothing here).
func (m *mistakesStage) clock(view any) string {
	s, ok := view.(*mistakes.Stage)
	switch {
	case !ok || s.Waiting:
		return ""
	case s.Done:
		return "measured"
	}
	return fmt.Sprintf("training %.0f%%", 100*s.Progress)
}

var paleOrangeC = color.RGBA{0xf5, 0xd9, 0x99, 0xff}
var paleBlueC = color.RGBA{0xa9, 0xcf, 0xe8, 0xff}

func (m *mistakesStage) draw(c *canvas, view any) {
	s, ok := view.(*mistakes.Stage)
	if !ok || s.Waiting {
		c.lab.draw(c.img, "Waiting for the MNIST images…", 16*c.s, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		return
	}
	px := c.s
	c.lab.drawFit(c.img, s.Title, 16*px, c.w-28*px, inkC, 14*px, 8*px)
	switch {
	case s.Error != "":
		c.lab.drawFit(c.img, "Stopped: "+s.Error, 13*px, c.w-28*px, vermC, 14*px, c.h/2)
	case !s.Done:
		mkProgress(c, s.Progress)
	case s.Passes != nil:
		mkDrawPasses(c, s.Passes, s.Fixed)
	case s.Variance != nil:
		mkDrawVariance(c, s.Variance, s.Fixed)
	case s.Batch != nil:
		mkDrawBatch(c, s.Batch)
	}
}

// mkProgress draws the training progress bar.
func mkProgress(c *canvas, p float64) {
	px := c.s
	x, y, w, h := 40*px, c.h/2-8*px, c.w-80*px, 16*px
	vector.DrawFilledRect(c.img, float32(x), float32(y), float32(w), float32(h), lineC, true)
	vector.DrawFilledRect(c.img, float32(x), float32(y), float32(w*math.Max(0, math.Min(1, p))), float32(h), blueC, true)
	c.lab.draw(c.img, fmt.Sprintf("Training the networks of this experiment: %.0f%%", 100*p), 14*px, inkC, c.w/2, y-10*px, 0.5, 1)
	c.lab.draw(c.img, "The measurements appear when training ends.", 12*px, mutedC, c.w/2, y+h+10*px, 0.5, 0)
}

// mkDrawPasses draws each pass's accuracy as a dot on one accuracy axis
// per mode: the mistake's dots scatter, the fix's coincide.
func mkDrawPasses(c *canvas, p *mistakes.StagePasses, fixed bool) {
	px := c.s
	if p.Diverged != "" {
		c.lab.drawFit(c.img, "The network diverged in training: "+p.Diverged, 13*px, c.w-28*px, vermC, 14*px, c.h/2)
		return
	}
	all := append(append([]float64(nil), p.Mistake...), p.Fix...)
	if len(all) == 0 {
		return
	}
	lo, hi := niceRange(minOf(all)*100, maxOf(all)*100)
	left, right := 24*px, c.w-24*px
	xOf := func(a float64) float32 { return float32(left + (100*a-lo)/(hi-lo)*(right-left)) }
	c.lab.draw(c.img, "Accuracy of each pass over the same validation images", 13*px, mutedC, 14*px, 34*px, 0, 0)
	rows := []struct {
		label    string
		acc      []float64
		disagree float64
		col      color.RGBA
		on       bool
	}{{p.MistakeLabel, p.Mistake, p.MistakeDisagree, orangeC, !fixed}, {p.FixLabel, p.Fix, p.FixDisagree, blueC, fixed}}
	for i, r := range rows {
		y := 90*px + float64(i)*70*px
		lc := mutedC
		if r.on {
			lc = inkC
		}
		c.lab.drawFit(c.img, r.label, 13*px, right-left, lc, left, y-28*px)
		vector.StrokeLine(c.img, float32(left), float32(y), float32(right), float32(y), float32(1*px), lineC, true)
		for _, a := range r.acc {
			vector.DrawFilledCircle(c.img, xOf(a), float32(y), float32(6*px), r.col, true)
			vector.StrokeCircle(c.img, xOf(a), float32(y), float32(6*px), float32(1*px), paper, true)
		}
		c.lab.draw(c.img, fmt.Sprintf("%.1f%% of images change class between passes", 100*r.disagree), 12*px, mutedC, left, y+14*px, 0, 0)
	}
	ay := 90*px + 2*70*px - 20*px
	vector.StrokeLine(c.img, float32(left), float32(ay), float32(right), float32(ay), float32(1.5*px), mutedC, true)
	st := tickStep(hi - lo)
	for t := math.Ceil(lo/st) * st; t <= hi+1e-9; t += st {
		x := xOf(t / 100)
		vector.StrokeLine(c.img, x, float32(ay), x, float32(ay+5*px), float32(1*px), mutedC, true)
		c.lab.draw(c.img, num(roundTo(t, st))+"%", 11*px, mutedC, float64(x), ay+7*px, 0.5, 0)
	}
}

// mkDrawVariance draws, per unit of the second BN, its input variance in
// train mode (pale) and in eval mode (solid): one row per network.
func mkDrawVariance(c *canvas, v *mistakes.StageVariance, fixed bool) {
	px := c.s
	c.lab.draw(c.img, "Input variance of the second BN, per unit: train mode (pale) vs eval mode (solid)", 12*px, mutedC, 14*px, 32*px, 0, 0)
	rows := []struct {
		label        string
		train, eval  []float64
		ratio, acc   float64
		col, paleCol color.RGBA
		on           bool
	}{{v.MistakeLabel, v.MistakeTrain, v.MistakeEval, v.MistakeRatio, v.MistakeAcc, orangeC, paleOrangeC, !fixed},
		{v.FixLabel, v.FixTrain, v.FixEval, v.FixRatio, v.FixAcc, blueC, paleBlueC, fixed}}
	top, rowH := 52*px, (c.h-60*px)/2
	for i, r := range rows {
		y0 := top + float64(i)*rowH
		lc := mutedC
		if r.on {
			lc = inkC
		}
		c.lab.drawFit(c.img, fmt.Sprintf("%s · mean eval/train %.2f · accuracy %.1f%%", r.label, r.ratio, 100*r.acc), 12*px, c.w-28*px, lc, 14*px, y0)
		n := min(len(r.train), len(r.eval))
		if n == 0 {
			continue
		}
		peak := math.Max(maxOf(r.train[:n]), maxOf(r.eval[:n]))
		if !(peak > 0) {
			continue
		}
		bx, bw := 14*px, c.w-28*px
		base, bh := y0+rowH-8*px, rowH-28*px
		slot := bw / float64(n)
		for u := 0; u < n; u++ {
			x := bx + float64(u)*slot
			ht, he := r.train[u]/peak*bh, r.eval[u]/peak*bh
			vector.DrawFilledRect(c.img, float32(x+0.1*slot), float32(base-ht), float32(0.4*slot), float32(ht), r.paleCol, true)
			vector.DrawFilledRect(c.img, float32(x+0.5*slot), float32(base-he), float32(0.4*slot), float32(he), r.col, true)
		}
		vector.StrokeLine(c.img, float32(bx), float32(base), float32(bx+bw), float32(base), float32(1*px), mutedC, true)
	}
}

// mkDrawBatch draws validation accuracy against batch size (log scale)
// for BN (vermillion) and LayerNorm (blue).
func mkDrawBatch(c *canvas, b *mistakes.StageBatch) {
	px := c.s
	n := min(len(b.Sizes), len(b.BN), len(b.LN))
	if n == 0 {
		return
	}
	all := append(append([]float64(nil), b.BN[:n]...), b.LN[:n]...)
	lo, hi := niceRange(100*minOf(all), 100)
	hi = math.Min(hi, 100)
	left, right, top, bottom := 64*px, c.w-180*px, 44*px, c.h-36*px
	l0, l1 := math.Log2(float64(b.Sizes[0])), math.Log2(float64(b.Sizes[n-1]))
	if l1 <= l0 {
		l1 = l0 + 1
	}
	xOf := func(m int) float32 { return float32(left + (math.Log2(float64(m))-l0)/(l1-l0)*(right-left)) }
	yOf := func(a float64) float32 { return float32(bottom - (100*a-lo)/(hi-lo)*(bottom-top)) }
	st := tickStep(hi - lo)
	for t := math.Ceil(lo/st) * st; t <= hi+1e-9; t += st {
		y := yOf(t / 100)
		vector.StrokeLine(c.img, float32(left), y, float32(right), y, float32(1*px), lineC, true)
		c.lab.draw(c.img, num(roundTo(t, st))+"%", 11*px, mutedC, left-6*px, float64(y), 1, 0.5)
	}
	// Batches below 16: BN statistics get noisy (FACTS.md).
	if b.Sizes[0] < 16 {
		x16 := xOf(16)
		vector.DrawFilledRect(c.img, float32(left), float32(top), x16-float32(left), float32(bottom-top), bandC, true)
		c.lab.draw(c.img, "batch < 16", 11*px, blueC, float64(left)+4*px, top+2*px, 0, 0)
	}
	for i := 0; i < n; i++ {
		x := xOf(b.Sizes[i])
		c.lab.draw(c.img, fmt.Sprint(b.Sizes[i]), 11*px, mutedC, float64(x), bottom+4*px, 0.5, 0)
	}
	c.lab.draw(c.img, "batch size (log scale) → validation accuracy", 11*px, mutedC, (left+right)/2, bottom+18*px, 0.5, 0)
	series := []struct {
		label string
		acc   []float64
		div   []bool
		col   color.RGBA
	}{{b.BNLabel, b.BN, b.BNDiverged, orangeC}, {b.LNLabel, b.LN, b.LNDiverged, blueC}}
	for k, s := range series {
		for i := 0; i < n; i++ {
			x, y := xOf(b.Sizes[i]), yOf(s.acc[i])
			if i > 0 {
				vector.StrokeLine(c.img, xOf(b.Sizes[i-1]), yOf(s.acc[i-1]), x, y, float32(2*px), s.col, true)
			}
			if i < len(s.div) && s.div[i] {
				c.lab.draw(c.img, "×", 14*px, s.col, float64(x), float64(y), 0.5, 0.5)
			} else {
				vector.DrawFilledCircle(c.img, x, y, float32(4*px), s.col, true)
			}
		}
		ly := top + float64(k)*20*px
		vector.StrokeLine(c.img, float32(right+12*px), float32(ly+7*px), float32(right+26*px), float32(ly+7*px), float32(3*px), s.col, true)
		c.lab.drawFit(c.img, fmt.Sprintf("%s: %.1f%% → %.1f%%", s.label, 100*s.acc[0], 100*s.acc[n-1]), 12*px, c.w-right-40*px, inkC, right+30*px, ly)
	}
}
