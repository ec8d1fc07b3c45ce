//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"bnlab/lessons/dropout"

	"github.com/hajimehoshi/ebiten/v2/vector"
)

// dropoutBinder draws the dropout lesson's network diagram: at every
// training step the dropped units fade out and their connections go, and
// the survivors show their 1/(1 − p) scale.
type dropoutBinder struct {
	st   *dropout.Stage
	key  string      // identifies the masks on stage, to restart the tween
	from [][]float64 // per column, per shown unit: opacity at tween start
	to   [][]float64 // target opacity (1 kept, doDropped dropped)
	now  [][]float64
	t    float64
}

// doDropped is the opacity a dropped unit fades to.
const doDropped = 0.13

func newDropoutBinder() binder { return &dropoutBinder{} }

func (b *dropoutBinder) interval() time.Duration { return 700 * time.Millisecond }

// stageTarget is what each frame's stage JSON is decoded into; the
// pointer is then the view (remote_stage.go).
func (b *dropoutBinder) stageTarget() any { return &dropout.Stage{} }

// stage returns the stage payload of view (nil before the first frame).
func (b *dropoutBinder) stage(view any) (*dropout.Stage, bool) {
	st, ok := view.(*dropout.Stage)
	return st, ok && st != nil
}

func (b *dropoutBinder) clock(view any) string {
	st, ok := b.stage(view)
	if !ok {
		return ""
	}
	return fmt.Sprintf("step %d", st.Step)
}

// tick restarts the fade when the masks change and advances it.
func (b *dropoutBinder) tick(view any, dt float64) {
	st, ok := b.stage(view)
	if !ok {
		return
	}
	fresh := st != b.st // a new frame: a fresh pointer each time
	b.st = st
	key := b.key
	if fresh {
		key = fmt.Sprint(st.Step, st.Mode, len(st.Layers))
		for _, l := range st.Layers {
			key += fmt.Sprint(l.Shown, l.Kept)
		}
	}
	if key != b.key {
		b.key = key
		to := make([][]float64, len(st.Layers))
		for c, l := range st.Layers {
			to[c] = make([]float64, l.Shown)
			for j := range to[c] {
				to[c][j] = 1
				if j < len(l.Kept) && !l.Kept[j] {
					to[c][j] = doDropped
				}
			}
		}
		if !doSameShape(b.now, to) {
			b.now = doCloneRows(to)
		}
		b.from, b.to, b.t = doCloneRows(b.now), to, 0
	}
	if b.t < 1 {
		b.t = math.Min(1, b.t+dt/0.45)
		e := easeInOut(b.t)
		for c := range b.now {
			for j := range b.now[c] {
				b.now[c][j] = b.from[c][j] + (b.to[c][j]-b.from[c][j])*e
			}
		}
	}
}

func (b *dropoutBinder) draw(c *canvas, view any) {
	st, px := b.st, c.s
	if st == nil || len(st.Layers) == 0 || len(b.now) != len(st.Layers) {
		if st != nil && st.Waiting {
			c.lab.draw(c.img, "Waiting for the MNIST images…", 15*px, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		}
		return
	}
	// Title: the step and the scaling rule, a wrong mix flagged.
	title := fmt.Sprintf("Training step %d · first sample of the batch", st.Step)
	if st.Step == 0 {
		title = "No step yet · press One step (s) or Play"
	}
	c.lab.draw(c.img, title, 15*px, inkC, 16*px, 10*px, 0, 0)
	mode := map[string]string{"inverted": "inverted dropout", "classic": "classic dropout",
		"inverted-scaled": "WRONG MIX: scaled twice", "classic-no-scale": "WRONG MIX: never scaled"}[st.Mode]
	mcol := greenC
	if !st.Correct {
		mcol = vermC
	}
	c.lab.draw(c.img, mode, 14*px, mcol, c.w-16*px, 10*px, 1, 0)

	top, bottom := 62*px, c.h-58*px
	left, right := 60*px, c.w-60*px
	n := len(st.Layers)
	colX := func(i int) float64 { return left + (right-left)*float64(i)/float64(max(n-1, 1)) }
	maxShown := 1
	for _, l := range st.Layers {
		maxShown = max(maxShown, l.Shown)
	}
	r := math.Min(13*px, (bottom-top)/float64(maxShown)*0.36)
	unitY := func(l dropout.StageLayer, j int) float64 {
		return top + (bottom-top)*(float64(j)+0.5)/float64(max(l.Shown, 1))
	}

	// Connections: a line fades with the fainter of its two ends.
	for i := 0; i+1 < n; i++ {
		a, z := st.Layers[i], st.Layers[i+1]
		x0, x1 := float32(colX(i)+r), float32(colX(i+1)-r)
		for j := range a.Shown {
			for k := range z.Shown {
				op := math.Min(b.now[i][j], b.now[i+1][k])
				if op <= doDropped+0.02 {
					continue
				}
				col := color.NRGBA{0x59, 0x62, 0x73, uint8(90 * op)}
				vector.StrokeLine(c.img, x0, float32(unitY(a, j)), x1, float32(unitY(z, k)), float32(0.8*px), col, true)
			}
		}
	}

	// Units.
	for i, l := range st.Layers {
		x := colX(i)
		droppable := l.Kept != nil || l.P > 0
		for j := range l.Shown {
			y, op := unitY(l, j), b.now[i][j]
			switch {
			case !droppable:
				vector.DrawFilledCircle(c.img, float32(x), float32(y), float32(r), color.RGBA{0xe8, 0xe4, 0xdb, 0xff}, true)
				vector.StrokeCircle(c.img, float32(x), float32(y), float32(r), float32(1.2*px), mutedC, true)
			default:
				fill := color.NRGBA{0x00, 0x72, 0xb2, uint8(255 * op)}
				vector.DrawFilledCircle(c.img, float32(x), float32(y), float32(r), fill, true)
				ring := 1.2 * px
				if op > 0.9 && l.Scale > 1 && l.Kept != nil {
					ring = 3 * px // survivors carry the 1/(1 − p) scale
				}
				rc := color.NRGBA{0x1c, 0x22, 0x30, uint8(255 * math.Max(op, 0.35))}
				vector.StrokeCircle(c.img, float32(x), float32(y), float32(r), float32(ring), rc, true)
				if op < 0.5 && r >= 6*px { // a dropped unit is crossed out
					d := float32(r * 0.55)
					xc := color.NRGBA{0xd5, 0x5e, 0x00, uint8(255 * (1 - op))}
					vector.StrokeLine(c.img, float32(x)-d, float32(y)-d, float32(x)+d, float32(y)+d, float32(1.5*px), xc, true)
					vector.StrokeLine(c.img, float32(x)-d, float32(y)+d, float32(x)+d, float32(y)-d, float32(1.5*px), xc, true)
				}
				if op > 0.9 && l.Kept != nil && l.Scale != 1 && l.Scale > 0 && r >= 7*px {
					c.lab.draw(c.img, "×"+num(l.Scale), 11*px, inkC, x+r+3*px, y, 0, 0.5)
				}
			}
		}
		// Header and footer of the column.
		c.lab.draw(c.img, fmt.Sprintf("%s (%d)", l.Name, l.Units), 13*px, inkC, x, 34*px, 0.5, 0)
		if l.Shown < l.Units {
			c.lab.draw(c.img, fmt.Sprintf("first %d shown", l.Shown), 11*px, mutedC, x, 49*px, 0.5, 0)
		}
		if droppable {
			// One short line each, so that neighbouring columns never
			// touch on a 1024-pixel-wide page.
			c.lab.draw(c.img, "p = "+num(l.P), 12*px, vermC, x, bottom+6*px, 0.5, 0)
			if l.Kept != nil {
				c.lab.draw(c.img, fmt.Sprintf("dropped %d of %d", l.Dropped, l.Units), 12*px, vermC, x, bottom+21*px, 0.5, 0)
			}
			if l.Scale > 0 {
				c.lab.draw(c.img, "survivors ×"+num(l.Scale), 12*px, blueC, x, bottom+36*px, 0.5, 0)
			}
		}
	}
}

// doSameShape reports whether two ragged arrays have the same row lengths.
func doSameShape(a, b [][]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}

// doCloneRows copies a ragged array.
func doCloneRows(a [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for i := range a {
		out[i] = append([]float64(nil), a[i]...)
	}
	return out
}
