//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"bnlab/lessons/bnsteps"
	"bnlab/palette"

	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Stage colours (Okabe–Ito) and ink.
var (
	inkC    = palette.Ink
	mutedC  = palette.Muted
	lineC   = palette.Rule
	blueC   = palette.Blue
	vermC   = palette.Vermillion
	greenC  = palette.Green
	bandC   = color.NRGBA{0x56, 0xb4, 0xe9, 0x40}
	orangeC = palette.Orange
)

// bnSteps draws the bn-steps stage (a bnsteps.Stage): one feature of the
// batch on a number line, each point easing from where it is drawn to
// where the current step puts it, with the step's guides.
type bnSteps struct {
	workerStage
	stage bnStage
}

func newBNSteps() binder { return &bnSteps{} }

func (b *bnSteps) stageTarget() any { return &bnsteps.Stage{} }

// interval paces playing: one of the four steps at a time, slow enough to
// follow the points.
func (b *bnSteps) interval() time.Duration { return 1200 * time.Millisecond }

func (b *bnSteps) clock(view any) string {
	v, ok := bnStageOf(view)
	if !ok {
		return ""
	}
	return fmt.Sprintf("step %d of 4", v.Step)
}

// bnStageOf returns the stage payload of view (ok false before the first
// frame).
func bnStageOf(view any) (*bnsteps.Stage, bool) {
	v, ok := view.(*bnsteps.Stage)
	return v, ok && v != nil && len(v.X) > 0
}

// phaseNames name the state after each step.
var phaseNames = []string{"the raw mini-batch", "step 1: the batch mean", "step 2: the batch variance", "step 3: normalised", "step 4: scaled and shifted"}

// bnStage animates the points between the steps.
type bnStage struct {
	from, to, now []float64
	t             float64 // tween progress, 0..1
	key           string  // identifies the targets, to restart the tween on change
	lo, hi        float64 // axis range
}

// bnTargets returns where the points belong after the shown step.
func bnTargets(v *bnsteps.Stage) []float64 {
	switch {
	case v.Step >= 4:
		return v.Y
	case v.Step == 3:
		return v.XHat
	}
	return v.X
}

func (b *bnSteps) tick(view any, dt float64) {
	v, ok := bnStageOf(view)
	if !ok {
		return
	}
	s := &b.stage
	tg := bnTargets(v)
	key := strconv.Itoa(v.Step) + ":" + floatsKey(tg)
	if key != s.key {
		s.key = key
		if len(s.now) != len(tg) {
			s.now = append([]float64(nil), tg...)
		}
		s.from = append([]float64(nil), s.now...)
		s.to = append([]float64(nil), tg...)
		s.t = 0
		// The axis covers every stage of the batch, and 0, so that the
		// points visibly travel when they are normalised.
		all := append(append(append([]float64{0, -1, 1}, v.X...), v.XHat...), v.Y...)
		s.lo, s.hi = niceRange(slices.Min(all), slices.Max(all))
	}
	if s.t < 1 {
		s.t = math.Min(1, s.t+dt/0.7)
		e := easeInOut(s.t)
		for i := range s.now {
			s.now[i] = s.from[i] + (s.to[i]-s.from[i])*e
		}
	}
}

func (b *bnSteps) draw(c *canvas, view any) {
	v, ok := bnStageOf(view)
	if !ok || len(b.stage.now) == 0 {
		return
	}
	s, px := &b.stage, c.s
	left, right := 36*px, c.w-36*px
	axisY := c.h * 0.72
	xOf := func(x float64) float32 { return float32(left + (x-s.lo)/(s.hi-s.lo)*(right-left)) }

	// Title: which step, in words.
	title := phaseNames[min(max(v.Step, 0), len(phaseNames)-1)]
	c.lab.draw(c.img, title, 17*px, inkC, 20*px, 14*px, 0, 0)
	if v.Step == 0 {
		c.lab.draw(c.img, "Press Step (→) to compute the batch mean.", 14*px, mutedC, 20*px, 38*px, 0, 0)
	} else if v.Live != "" {
		c.lab.drawFit(c.img, v.Live, 14*px, c.w-40*px, blueC, 20*px, 38*px)
	}

	// Guides for the current step.
	top := float32(max(axisY-120*px, 84*px))
	switch {
	case v.Step == 2:
		sd := math.Sqrt(v.Var)
		x0, x1 := xOf(v.Mean-sd), xOf(v.Mean+sd)
		vector.DrawFilledRect(c.img, x0, top, x1-x0, float32(axisY)-top, bandC, true)
		c.lab.draw(c.img, "μ ± σ,  σ² = "+num(v.Var), 13*px, blueC, float64(x1)+6*px, float64(top)+4*px, 0, 0)
		fallthrough
	case v.Step == 1:
		mx := xOf(v.Mean)
		vector.StrokeLine(c.img, mx, top, mx, float32(axisY+6*px), float32(2*px), vermC, true)
		c.lab.draw(c.img, "μ = "+num(v.Mean), 14*px, vermC, float64(mx)+6*px, float64(top)-18*px, 0, 0)
	case v.Step == 3:
		x0, x1 := xOf(-1), xOf(1)
		vector.DrawFilledRect(c.img, x0, top, x1-x0, float32(axisY)-top, bandC, true)
		z := xOf(0)
		vector.StrokeLine(c.img, z, top, z, float32(axisY+6*px), float32(2*px), vermC, true)
		c.lab.draw(c.img, "mean 0, variance ≈ 1", 13*px, blueC, float64(x1)+6*px, float64(top)+4*px, 0, 0)
	case v.Step >= 4:
		g := math.Abs(v.Gamma)
		x0, x1 := xOf(v.Beta-g), xOf(v.Beta+g)
		vector.DrawFilledRect(c.img, x0, top, x1-x0, float32(axisY)-top, bandC, true)
		bx := xOf(v.Beta)
		vector.StrokeLine(c.img, bx, top, bx, float32(axisY+6*px), float32(2*px), greenC, true)
		c.lab.draw(c.img, "β = "+num(v.Beta)+",  |γ| = "+num(g), 13*px, greenC, float64(bx)+6*px, float64(top)-18*px, 0, 0)
	}

	// The axis with ticks.
	vector.StrokeLine(c.img, float32(left), float32(axisY), float32(right), float32(axisY), float32(1.5*px), mutedC, true)
	step := tickStep(s.hi - s.lo)
	for t := math.Ceil(s.lo/step) * step; t <= s.hi+1e-9; t += step {
		x := xOf(t)
		vector.StrokeLine(c.img, x, float32(axisY), x, float32(axisY+6*px), float32(1*px), mutedC, true)
		c.lab.draw(c.img, num(roundTo(t, step)), 12*px, mutedC, float64(x), axisY+9*px, 0.5, 0)
	}

	// The points, stacked where they would overlap.
	r := 7 * px
	order := make([]int, len(s.now))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return s.now[order[i]] < s.now[order[j]] })
	var lastX []float64 // rightmost x per stacking level
	col := blueC
	if v.Step >= 4 {
		col = greenC
	} else if v.Step == 3 {
		col = orangeC
	}
	showValues := len(s.now) <= 12
	labelRight := math.Inf(-1) // right edge of the last value label drawn
	for _, i := range order {
		x := float64(xOf(s.now[i]))
		lvl := 0
		for lvl < len(lastX) && x-lastX[lvl] < 2*r+1*px {
			lvl++
		}
		if lvl == len(lastX) {
			lastX = append(lastX, 0)
		}
		lastX[lvl] = x
		y := axisY - r - 3*px - float64(lvl)*(2*r+2*px)
		vector.DrawFilledCircle(c.img, float32(x), float32(y), float32(r), col, true)
		vector.StrokeCircle(c.img, float32(x), float32(y), float32(r), float32(1*px), paper, true)
		if showValues && lvl == 0 && s.t >= 0.99 {
			txt := num(s.now[i])
			if img := c.lab.image(txt, 11*px, inkC); img != nil {
				w := float64(img.Bounds().Dx())
				if x-w/2 > labelRight+4*px { // skip labels that would overlap
					c.lab.draw(c.img, txt, 11*px, inkC, x, axisY+28*px, 0.5, 0)
					labelRight = x + w/2
				}
			}
		}
	}
	_ = lineC
}

func easeInOut(t float64) float64 {
	if t < 0.5 {
		return 4 * t * t * t
	}
	return 1 - math.Pow(-2*t+2, 3)/2
}

// tickStep picks 1, 2 or 5 × 10^k so that a span gets about 6 ticks.
func tickStep(span float64) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / 6
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// niceRange widens [lo, hi] a little and rounds it to ticks.
func niceRange(lo, hi float64) (float64, float64) {
	if hi-lo < 1e-9 {
		lo, hi = lo-1, hi+1
	}
	pad := (hi - lo) * 0.06
	st := tickStep(hi - lo + 2*pad)
	return math.Floor((lo-pad)/st) * st, math.Ceil((hi+pad)/st) * st
}

func roundTo(x, step float64) float64 { return math.Round(x/step) * step }

func floatsKey(xs []float64) string {
	h := uint64(14695981039346656037)
	for _, x := range xs {
		h ^= math.Float64bits(x)
		h *= 1099511628211
	}
	return strconv.FormatUint(h, 36) + ":" + strconv.Itoa(len(xs))
}
