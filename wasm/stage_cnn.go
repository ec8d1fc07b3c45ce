//go:build js && wasm

package main

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"strconv"
	"time"

	"bnlab/lessons/cnn"

	"github.com/hajimehoshi/ebiten/v2"
)

// cnnBinder draws the cnn stage: the input digits, the highlighted
// channel's map for every sample (the N × H × W set its BN statistics
// reduce over, outlined in vermillion), and every channel of one sample
// (blue), so both axes of the (N, C) grid are visible. The lesson runs in
// the training worker; each frame's stage decodes into a *cnn.Stage.
type cnnBinder struct {
	workerStage
	st    *cnn.Stage // the stage whose tiles are built
	key   uint64     // hash of the tiles' data
	in    []*ebiten.Image
	maps  []*ebiten.Image
	chans []*ebiten.Image
}

func newCNNBinder() binder { return &cnnBinder{} }

func (b *cnnBinder) stageTarget() any { return &cnn.Stage{} }

// interval paces playing: one training step (and a new view) at a time.
func (b *cnnBinder) interval() time.Duration { return 250 * time.Millisecond }

// update rebuilds the tile images when a new stage has different data.
func (b *cnnBinder) update(view any) *cnn.Stage {
	st, ok := view.(*cnn.Stage)
	if !ok || st == nil {
		return nil
	}
	if st == b.st {
		return st
	}
	b.st = st
	h := fnv.New64a()
	h.Write(st.Inputs)
	h.Write(st.Maps)
	h.Write(st.SampleMaps)
	fmt.Fprint(h, st.N, st.H, st.W, st.SH, st.SW, st.InH, st.InW)
	if k := h.Sum64(); k != b.key || b.in == nil {
		b.key = k
		cnFree(b.in)
		cnFree(b.maps)
		cnFree(b.chans)
		b.in = cnTiles(st.Inputs, st.InH, st.InW, true)
		b.maps = cnTiles(st.Maps, st.H, st.W, false)
		b.chans = cnTiles(st.SampleMaps, st.SH, st.SW, false)
	}
	return st
}

func (b *cnnBinder) clock(view any) string {
	if st, ok := view.(*cnn.Stage); ok && st != nil {
		return strconv.Itoa(st.Steps) + " training steps"
	}
	return ""
}

func (b *cnnBinder) draw(c *canvas, view any) {
	st, u := b.update(view), c.s
	if st == nil || st.N == 0 {
		c.lab.draw(c.img, "Waiting for the training worker…", 14*u, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		return
	}
	title := fmt.Sprintf("%s → %s · channel %d of %d", st.Conv, st.BN, st.Channel, st.Channels)
	tw := c.w - 24*u
	if st.Synthetic {
		tw = c.w*0.62 - 12*u
		c.lab.drawFit(c.img, "stand-in images until MNIST loads", 11*u, c.w*0.36, mutedC, c.w*0.64, 11*u)
	}
	c.lab.drawFit(c.img, title, 15*u, tw, inkC, 12*u, 8*u)

	top, bottom := 52*u, c.h-44*u
	gap := 22 * u
	avail := c.w - 24*u - 2*gap
	// Inputs and maps share one arrangement; the channels block gets the rest.
	bw := []float64{avail * 0.3, avail * 0.3, avail * 0.4}
	x0 := 12 * u
	xs := []float64{x0, x0 + bw[0] + gap, x0 + bw[0] + bw[1] + 2*gap}
	h := bottom - top
	cols, s := cnGrid(st.N, bw[0], h)
	pad := max(1*u, s*0.06)
	heads := []string{fmt.Sprintf("inputs (N = %d)", st.N), fmt.Sprintf("channel %d of each", st.Channel), fmt.Sprintf("sample %d, all %d channels", st.Sample, st.Channels)}
	hcol := []color.RGBA{mutedC, vermC, blueC}
	for i, t := range heads {
		c.lab.drawFit(c.img, t, 13*u, bw[i], hcol[i], xs[i], top-20*u)
	}
	rows := (st.N + cols - 1) / cols
	for k := 0; k < st.N; k++ {
		gx, gy := float64(k%cols)*s, float64(k/cols)*s
		if k < len(b.in) {
			cnDrawTile(c.img, b.in[k], xs[0]+gx+pad/2, top+gy+pad/2, s-pad)
		}
		if k < len(b.maps) {
			cnDrawTile(c.img, b.maps[k], xs[1]+gx+pad/2, top+gy+pad/2, s-pad)
		}
		if k == st.Sample {
			cnRect(c.img, xs[0]+gx, top+gy, s, s, 2*u, blueC)
			cnRect(c.img, xs[1]+gx, top+gy, s, s, 2*u, blueC)
		}
	}
	// The reduction set: every map of the channel, all N samples, all H × W.
	setW, setH := float64(min(cols, st.N))*s, float64(rows)*s
	cnRect(c.img, xs[1]-3*u, top-3*u, setW+6*u, setH+6*u, 2.5*u, vermC)
	c.lab.drawFit(c.img, fmt.Sprintf("%d × %d × %d = %d values", st.N, st.H, st.W, st.Count), 12*u, bw[1]+gap, vermC, xs[1]-3*u, top+setH+7*u)

	// One sample's channels: not reduced together; channel c outlined.
	ccols, cs := cnGrid(st.Channels, bw[2], h)
	cpad := max(0.5*u, cs*0.06)
	for k := 0; k < st.Channels && k < len(b.chans); k++ {
		gx, gy := xs[2]+float64(k%ccols)*cs, top+float64(k/ccols)*cs
		cnDrawTile(c.img, b.chans[k], gx+cpad/2, gy+cpad/2, cs-cpad)
		if k == st.Channel {
			cnRect(c.img, gx, gy, cs, cs, 2*u, vermC)
		}
	}
	crows := (st.Channels + ccols - 1) / ccols
	cnRect(c.img, xs[2]-3*u, top-3*u, float64(min(ccols, st.Channels))*cs+6*u, float64(crows)*cs+6*u, 1.5*u, blueC)
	c.lab.drawFit(c.img, fmt.Sprintf("%d maps of %d × %d (shown at %d × %d)", st.Channels, st.H, st.W, st.SH, st.SW), 12*u, bw[2], blueC, xs[2]-3*u, top+float64(crows)*cs+7*u)

	// The channel's numbers.
	line := fmt.Sprintf("channel %d:  μ = %s   σ² = %s (biased, ÷ %d)   γ = %s   β = %s", st.Channel, num(st.Mean), num(st.Var), st.Count, num(st.Gamma), num(st.Beta))
	c.lab.drawFit(c.img, line, 14*u, c.w-24*u, inkC, 12*u, c.h-24*u)
}
