//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	"bnlab/lessons/traineval"
	"bnlab/palette"

	"github.com/hajimehoshi/ebiten/v2/vector"
)

// trainEvalBinder draws the train-eval lesson's network as a row of
// layers: each BatchNorm1d says which statistics it normalises with (and
// their first values), each Dropout shows its mask or "off". Flipping the
// mode makes the two kinds of layer pulse and their contents cross-fade.
type trainEvalBinder struct {
	st    *traineval.Stage
	mode  string
	pulse float64 // 1 right after a mode change, fading to 0
	key   string
	cells [][]float64 // per layer, per mask cell: opacity now
	to    [][]float64
}

func newTrainEvalBinder() binder { return &trainEvalBinder{} }

func (b *trainEvalBinder) interval() time.Duration { return 500 * time.Millisecond }

// stageTarget is what each frame's stage JSON is decoded into; the
// pointer is then the view (remote_stage.go).
func (b *trainEvalBinder) stageTarget() any { return &traineval.Stage{} }

// stage returns the stage payload of view (nil before the first frame).
func (b *trainEvalBinder) stage(view any) (*traineval.Stage, bool) {
	st, ok := view.(*traineval.Stage)
	return st, ok && st != nil
}

func (b *trainEvalBinder) clock(view any) string {
	st, ok := b.stage(view)
	if !ok {
		return ""
	}
	return fmt.Sprintf("step %d", st.Step)
}

// tick follows mode changes (pulse) and masks (fade).
func (b *trainEvalBinder) tick(view any, dt float64) {
	st, ok := b.stage(view)
	if !ok {
		return
	}
	fresh := st != b.st // a new frame: a fresh pointer each time
	b.st = st
	if st.Mode != b.mode {
		if b.mode != "" {
			b.pulse = 1
		}
		b.mode = st.Mode
	}
	b.pulse = math.Max(0, b.pulse-dt/0.9)
	key := b.key
	if fresh {
		key = fmt.Sprint(st.Step, st.Mode)
		for _, l := range st.Layers {
			key += fmt.Sprint(l.Kept)
		}
	}
	if key != b.key {
		b.key = key
		b.to = make([][]float64, len(st.Layers))
		for i, l := range st.Layers {
			if l.Kind != "Dropout" {
				continue
			}
			n := min(l.Units, 24)
			b.to[i] = make([]float64, n)
			for j := range n {
				b.to[i][j] = 1
				if j < len(l.Kept) && !l.Kept[j] {
					b.to[i][j] = 0.12
				}
			}
		}
		if !doSameShape(b.cells, b.to) {
			b.cells = doCloneRows(b.to)
		}
	}
	step := dt / 0.35
	for i := range b.cells {
		for j := range b.cells[i] {
			d := b.to[i][j] - b.cells[i][j]
			b.cells[i][j] += math.Copysign(math.Min(math.Abs(d), step), d)
		}
	}
}

// teWeight is a layer's share of the row: BN and Dropout get room for
// their numbers and masks.
func teWeight(kind string) float64 {
	if kind == "BatchNorm1d" || kind == "Dropout" {
		return 2.2
	}
	return 1
}

func (b *trainEvalBinder) draw(c *canvas, view any) {
	st, px := b.st, c.s
	if st == nil || len(st.Layers) == 0 {
		if st != nil && st.Waiting {
			c.lab.draw(c.img, "Waiting for the MNIST images…", 15*px, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		}
		return
	}
	train := st.Mode == "train"
	modeCol, modeText := blueC, "model.eval()"
	if train {
		modeCol, modeText = vermC, "model.train()"
	}
	c.lab.draw(c.img, modeText, 18*px, modeCol, 16*px, 10*px, 0, 0)
	sub := "BN: running statistics · Dropout: off"
	if train {
		sub = "BN: this batch's statistics · Dropout: random mask"
	}
	c.lab.drawFit(c.img, sub, 13*px, c.w-200*px, mutedC, 170*px, 15*px)
	c.lab.draw(c.img, fmt.Sprintf("step %d", st.Step), 13*px, mutedC, c.w-16*px, 15*px, 1, 0)

	total := 0.0
	for _, l := range st.Layers {
		total += teWeight(l.Kind)
	}
	gap := 8 * px
	left, right := 12*px, c.w-12*px
	unit := (right - left - gap*float64(len(st.Layers)-1)) / total
	top, bottom := 50*px, c.h-12*px
	x := left
	for i, l := range st.Layers {
		w := unit * teWeight(l.Kind)
		special := l.Kind == "BatchNorm1d" || l.Kind == "Dropout"
		border, bw := lineC, 1.2*px
		fill := palette.Panel
		if special {
			border, bw = modeCol, (1.5+2.5*b.pulse)*px
			fill = color.RGBA{0xfd, 0xf3, 0xec, 0xff}
			if !train {
				fill = palette.Tint
			}
		}
		vector.DrawFilledRect(c.img, float32(x), float32(top), float32(w), float32(bottom-top), fill, true)
		vector.StrokeRect(c.img, float32(x), float32(top), float32(w), float32(bottom-top), float32(bw), border, true)
		if i+1 < len(st.Layers) { // arrow to the next layer
			ay := float32((top + bottom) / 2)
			x1 := float32(x + w + gap)
			vector.StrokeLine(c.img, float32(x+w), ay, x1-1, ay, float32(1.2*px), mutedC, true)
		}
		short := map[string]string{"BatchNorm1d": "BatchNorm1d", "Dropout": "Dropout", "Linear": "Linear", "ReLU": "ReLU"}[l.Kind]
		if short == "" {
			short = l.Kind
		}
		cx := x + w/2
		c.lab.draw(c.img, l.Name, 11*px, mutedC, cx, top+5*px, 0.5, 0)
		c.lab.drawFit(c.img, short, 12*px, w-4*px, inkC, x+3*px, top+19*px)
		switch l.Kind {
		case "BatchNorm1d":
			b.drawBN(c, l, x, w, top+38*px, modeCol)
		case "Dropout":
			b.drawDropout(c, i, l, x, w, top+38*px, bottom, modeCol)
		default:
			c.lab.draw(c.img, "same", 11*px, mutedC, cx, bottom-30*px, 0.5, 0)
			c.lab.draw(c.img, "in both", 11*px, mutedC, cx, bottom-16*px, 0.5, 0)
		}
		x += w + gap
	}
}

// drawBN writes which statistics a BN layer uses and the first values.
func (b *trainEvalBinder) drawBN(c *canvas, l traineval.StageLayer, x, w, y float64, col color.RGBA) {
	px := c.s
	what := "running stats"
	if l.Batch {
		what = "batch stats"
	}
	c.lab.drawFit(c.img, what, 12*px, w-6*px, col, x+3*px, y)
	y += 20 * px
	for k := range min(len(l.Mean), len(l.Var)) {
		c.lab.drawFit(c.img, fmt.Sprintf("ch %d  μ %s", k+1, teFixed(l.Mean[k])), 11*px, w-6*px, inkC, x+3*px, y)
		c.lab.drawFit(c.img, fmt.Sprintf("        σ² %s", teFixed(l.Var[k])), 11*px, w-6*px, inkC, x+3*px, y+14*px)
		y += 32 * px
	}
	if l.Channels > len(l.Mean) {
		c.lab.drawFit(c.img, fmt.Sprintf("… %d channels", l.Channels), 11*px, w-6*px, mutedC, x+3*px, y)
	}
}

// drawDropout draws a dropout layer's mask cells, or "off".
func (b *trainEvalBinder) drawDropout(c *canvas, i int, l traineval.StageLayer, x, w, y, bottom float64, col color.RGBA) {
	px := c.s
	if l.Kept == nil {
		c.lab.drawFit(c.img, "off: identity", 12*px, w-6*px, col, x+3*px, y)
	} else {
		c.lab.drawFit(c.img, fmt.Sprintf("mask p = %s", num(l.P)), 12*px, w-6*px, col, x+3*px, y)
	}
	y += 20 * px
	cells := []float64(nil)
	if i < len(b.cells) {
		cells = b.cells[i]
	}
	if len(cells) == 0 {
		return
	}
	cols := 6
	sz := math.Min((w-8*px)/float64(cols), 14*px)
	for j, op := range cells {
		cx := x + 4*px + float64(j%cols)*sz
		cy := y + float64(j/cols)*sz
		if cy+sz > bottom-34*px {
			break
		}
		var fc color.Color = color.NRGBA{palette.Blue.R, palette.Blue.G, palette.Blue.B, uint8(255 * op)}
		if l.Kept == nil {
			fc = palette.Green
		}
		vector.DrawFilledRect(c.img, float32(cx+1*px), float32(cy+1*px), float32(sz-2*px), float32(sz-2*px), fc, true)
		vector.StrokeRect(c.img, float32(cx+1*px), float32(cy+1*px), float32(sz-2*px), float32(sz-2*px), float32(0.8*px), mutedC, true)
	}
	if l.Kept != nil {
		c.lab.drawFit(c.img, fmt.Sprintf("dropped %d of %d", l.Dropped, l.Units), 11*px, w-6*px, inkC, x+3*px, bottom-30*px)
		c.lab.drawFit(c.img, "kept ×"+num(l.Scale), 11*px, w-6*px, blueC, x+3*px, bottom-16*px)
	} else {
		c.lab.drawFit(c.img, "all kept, ×1", 11*px, w-6*px, inkC, x+3*px, bottom-30*px)
	}
}

// teFixed formats a statistic with three decimals and a true minus sign,
// so that the stage's columns keep their width.
func teFixed(x float64) string {
	if math.Abs(x) >= 1000 {
		return num(x)
	}
	return minus(strconv.FormatFloat(x, 'f', 3, 64))
}
