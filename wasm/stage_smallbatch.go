//go:build js && wasm

package main

import (
	"fmt"
	"image/color"
	"time"

	"bnlab/lessons/smallbatch"
	"bnlab/palette"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// sbBinder draws the small-batches stage: the activation tensor as the
// N × C × (H·W) cube of Wu & He (ECCV 2018, Fig. 2), once for BatchNorm,
// LayerNorm and GroupNorm, with the values that share one mean and
// variance shaded; the chosen norm is drawn strongest.
type sbBinder struct{ workerStage }

func newSBBinder() binder { return &sbBinder{} }

func (b *sbBinder) stageTarget() any { return &smallbatch.Stage{} }

// interval paces playing: each step draws new batches.
func (b *sbBinder) interval() time.Duration { return 1200 * time.Millisecond }

func (b *sbBinder) clock(view any) string {
	if st, ok := view.(*smallbatch.Stage); ok && st != nil {
		return fmt.Sprintf("m = %d", st.N)
	}
	return ""
}

// sbCube is the oblique projection of one cube: c (channels, left to
// right), n (samples, front to back) and h (positions, top to bottom),
// each in [0, 1].
type sbCube struct{ x0, y0, fw, fh, dx, dy float64 }

func (q sbCube) at(c, n, h float64) (float32, float32) {
	return float32(q.x0 + c*q.fw + n*q.dx), float32(q.y0 + h*q.fh + n*q.dy)
}

// quad fills the quadrilateral through four projected points.
func (q sbCube) quad(dst *ebiten.Image, pts [4][3]float64, fill color.Color) {
	var p vector.Path
	for i, pt := range pts {
		x, y := q.at(pt[0], pt[1], pt[2])
		if i == 0 {
			p.MoveTo(x, y)
		} else {
			p.LineTo(x, y)
		}
	}
	p.Close()
	vs, is := p.AppendVerticesAndIndicesForFilling(nil, nil)
	r, g, bl, a := fill.RGBA()
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR, vs[i].ColorG, vs[i].ColorB, vs[i].ColorA = float32(r)/0xffff, float32(g)/0xffff, float32(bl)/0xffff, float32(a)/0xffff
	}
	dst.DrawTriangles(vs, is, whiteImage(), &ebiten.DrawTrianglesOptions{AntiAlias: true})
}

// line strokes a segment between two projected points.
func (q sbCube) line(dst *ebiten.Image, a, b [3]float64, w float64, c color.Color) {
	x0, y0 := q.at(a[0], a[1], a[2])
	x1, y1 := q.at(b[0], b[1], b[2])
	vector.StrokeLine(dst, x0, y0, x1, y1, float32(w), c, true)
}

// sbSet is the part of the cube one statistic covers: channels [c0, c1),
// samples [n0, n1), every position.
type sbSet struct{ c0, c1, n0, n1 float64 }

func sbSetOf(key string, st *smallbatch.Stage) sbSet {
	n, c, g := float64(max(st.N, 1)), float64(max(st.C, 1)), float64(max(st.G, 1))
	switch key {
	case "bn":
		return sbSet{0, 1 / c, 0, 1}
	case "ln":
		return sbSet{0, 1, 0, 1 / n}
	}
	return sbSet{0, 1 / g, 0, 1 / n}
}

func (b *sbBinder) draw(c *canvas, view any) {
	st, ok := view.(*smallbatch.Stage)
	u := c.s
	if !ok || st == nil || len(st.Norms) == 0 {
		c.lab.draw(c.img, "Waiting for the training worker…", 14*u, mutedC, c.w/2, c.h/2, 0.5, 0.5)
		return
	}
	c.lab.drawFit(c.img, "Shaded: the values that share one mean and variance · input "+st.Input, 14*u, c.w-24*u, inkC, 12*u, 8*u)
	slot := (c.w - 24*u) / float64(len(st.Norms))
	top, bottom := 36*u, c.h-52*u
	for i, nm := range st.Norms {
		sel := nm.Key == st.Norm
		fw := slot * 0.46
		depth := slot * 0.26
		fh := min(fw*1.35, bottom-top-depth*0.55)
		if st.HW <= 1 {
			fh = max(10*u, fw*0.12) // one value per sample and channel: a flat slab
		}
		x0 := 12*u + float64(i)*slot + slot*0.2
		q := sbCube{x0: x0, y0: bottom - fh, fw: fw, fh: fh, dx: depth, dy: -depth * 0.55}
		b.cube(c, q, st, nm, sel, i == 0)
		col, size := mutedC, 13*u
		if sel {
			col = blueC
		}
		lx := x0 + fw/2
		name := nm.Kind
		if nm.Key == "gn" {
			name += fmt.Sprintf(" (G = %d)", st.G)
		}
		c.lab.draw(c.img, name, size, col, lx, bottom+15*u, 0.5, 0)
		sub := fmt.Sprintf("%d sets of %d values", nm.NumStats, nm.Count)
		if nm.NumStats == 1 {
			sub = fmt.Sprintf("1 set of %d values", nm.Count)
		}
		scol := mutedC
		if nm.Error != "" {
			sub, scol = "refused: 1 value per channel", vermC
		}
		c.lab.draw(c.img, sub, 11*u, scol, lx, bottom+32*u, 0.5, 0)
	}
}

// cube draws one norm's cube with its grid and the shaded set.
func (b *sbBinder) cube(c *canvas, q sbCube, st *smallbatch.Stage, nm smallbatch.StageNorm, sel, axes bool) {
	u := c.s
	front := [4][3]float64{{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {0, 0, 1}}
	topF := [4][3]float64{{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}}
	right := [4][3]float64{{1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {1, 0, 1}}
	q.quad(c.img, front, color.RGBA{0xee, 0xea, 0xe2, 0xff})
	q.quad(c.img, topF, color.RGBA{0xf7, 0xf4, 0xee, 0xff})
	q.quad(c.img, right, palette.Line)

	// The shaded set on the three visible faces.
	s := sbSetOf(nm.Key, st)
	fill := color.NRGBA{0x56, 0xb4, 0xe9, 0x90}
	if sel {
		fill = color.NRGBA{0x00, 0x72, 0xb2, 0xd0}
	}
	if nm.Error != "" {
		fill = color.NRGBA{0xd5, 0x5e, 0x00, 0x90}
	}
	if s.n0 == 0 {
		q.quad(c.img, [4][3]float64{{s.c0, 0, 0}, {s.c1, 0, 0}, {s.c1, 0, 1}, {s.c0, 0, 1}}, fill)
	}
	q.quad(c.img, [4][3]float64{{s.c0, s.n0, 0}, {s.c1, s.n0, 0}, {s.c1, s.n1, 0}, {s.c0, s.n1, 0}}, fill)
	if s.c1 == 1 {
		q.quad(c.img, [4][3]float64{{1, s.n0, 0}, {1, s.n1, 0}, {1, s.n1, 1}, {1, s.n0, 1}}, fill)
	}

	// Grid: channels (group borders stronger), samples.
	thin, strong := color.NRGBA{0x59, 0x62, 0x73, 0x50}, color.NRGBA{0x59, 0x62, 0x73, 0xb0}
	if st.C <= 32 {
		per := max(st.C/max(st.G, 1), 1)
		for k := 1; k < st.C; k++ {
			f, col := float64(k)/float64(st.C), thin
			if nm.Key == "gn" && k%per == 0 {
				col = strong
			}
			q.line(c.img, [3]float64{f, 0, 0}, [3]float64{f, 0, 1}, 0.8*u, col)
			q.line(c.img, [3]float64{f, 0, 0}, [3]float64{f, 1, 0}, 0.8*u, col)
		}
	}
	if st.N <= 64 {
		for k := 1; k < st.N; k++ {
			f := float64(k) / float64(st.N)
			q.line(c.img, [3]float64{0, f, 0}, [3]float64{1, f, 0}, 0.8*u, thin)
			q.line(c.img, [3]float64{1, f, 0}, [3]float64{1, f, 1}, 0.8*u, thin)
		}
	}
	edge := mutedC
	if sel {
		edge = inkC
	}
	for _, e := range [][2][3]float64{
		{{0, 0, 0}, {1, 0, 0}}, {{1, 0, 0}, {1, 0, 1}}, {{1, 0, 1}, {0, 0, 1}}, {{0, 0, 1}, {0, 0, 0}},
		{{0, 0, 0}, {0, 1, 0}}, {{1, 0, 0}, {1, 1, 0}}, {{0, 1, 0}, {1, 1, 0}}, {{1, 1, 0}, {1, 1, 1}}, {{1, 0, 1}, {1, 1, 1}},
	} {
		q.line(c.img, e[0], e[1], 1.2*u, edge)
	}

	// Axis names with sizes, on the first cube.
	if !axes {
		return
	}
	x, y := q.at(0.5, 0, 1)
	c.lab.draw(c.img, fmt.Sprintf("C = %d", st.C), 11*u, mutedC, float64(x), float64(y)+1*u, 0.5, 0)
	x, y = q.at(0, 0, 0.5)
	// Two short lines: one would run past the canvas's left edge.
	c.lab.draw(c.img, "H·W", 11*u, mutedC, float64(x)-3*u, float64(y)-1*u, 1, 1)
	c.lab.draw(c.img, fmt.Sprintf("= %d", st.HW), 11*u, mutedC, float64(x)-3*u, float64(y)+1*u, 1, 0)
	x, y = q.at(0, 0.5, 0)
	c.lab.draw(c.img, fmt.Sprintf("N = %d", st.N), 11*u, mutedC, float64(x)-3*u, float64(y)-2*u, 1, 1)
}
