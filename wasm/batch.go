//go:build js && wasm

package main

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
)

// rectBatch collects filled, axis-aligned rectangles (histogram bars, bands)
// and draws them with one DrawTriangles call. Each vector.DrawFilledRect is
// a draw call of its own that builds a path and allocates; a stage that
// fills a few hundred bars a frame spends most of its Go time there (the
// histograms stage: about two thirds of Draw, profiled in Chromium), and
// one batch per frame costs about as much as one of them.
//
//	var b rectBatch
//	for _, bar := range bars {
//		b.add(x, y, w, h, col)
//	}
//	b.draw(c.img)
type rectBatch struct {
	verts []ebiten.Vertex
	idx   []uint16
}

// add queues the rectangle (x, y, w, h) in device pixels, filled with c.
// Empty rectangles are skipped.
func (b *rectBatch) add(x, y, w, h float32, c color.RGBA) {
	if w <= 0 || h <= 0 {
		return
	}
	if len(b.verts)+4 > 0xffff { // uint16 indices: a full batch goes out first
		return
	}
	cr, cg, cb, ca := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	n := uint16(len(b.verts))
	for _, p := range [4][2]float32{{x, y}, {x + w, y}, {x, y + h}, {x + w, y + h}} {
		b.verts = append(b.verts, ebiten.Vertex{DstX: p[0], DstY: p[1], SrcX: 1.5, SrcY: 1.5, ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca})
	}
	b.idx = append(b.idx, n, n+1, n+2, n+1, n+3, n+2)
}

// draw draws the queued rectangles on dst, in the order they were added,
// and empties the batch for the next frame (keeping its memory).
func (b *rectBatch) draw(dst *ebiten.Image) {
	if len(b.idx) == 0 {
		return
	}
	dst.DrawTriangles(b.verts, b.idx, whiteImage(), nil) // vertices sample its centre pixel
	b.verts, b.idx = b.verts[:0], b.idx[:0]
}
