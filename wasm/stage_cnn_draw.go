//go:build js && wasm

package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Drawing helpers shared by the cnn, small-batches and code stages.
// Names start with cn.

// cnDiverge maps t in [−1, 1] to blue (#0072b2), near-white and vermillion
// (#d55e00), the page's diverging scale.
func cnDiverge(t float64) color.RGBA {
	t = math.Max(-1, math.Min(1, t))
	from := [3]float64{247, 247, 247}
	to := [3]float64{213, 94, 0}
	if t < 0 {
		to, t = [3]float64{0, 114, 178}, -t
	}
	var c [3]uint8
	for i := range c {
		c[i] = uint8(from[i] + (to[i]-from[i])*t + 0.5)
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}
}

// cnTiles turns quantised maps into images, one per map of h × w bytes:
// grey (paper to ink) when grey is true, the diverging scale around 128
// otherwise. Short data gives fewer images.
func cnTiles(data []byte, h, w int, grey bool) []*ebiten.Image {
	if h <= 0 || w <= 0 {
		return nil
	}
	var out []*ebiten.Image
	for k := 0; (k+1)*h*w <= len(data); k++ {
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		for i, q := range data[k*h*w : (k+1)*h*w] {
			var c color.RGBA
			if grey {
				t := float64(q) / 255
				c = color.RGBA{uint8(251 - (251-0x1c)*t), uint8(250 - (250-0x22)*t), uint8(247 - (247-0x30)*t), 0xff}
			} else {
				c = cnDiverge((float64(q) - 128) / 127)
			}
			o := 4 * i
			rgba.Pix[o], rgba.Pix[o+1], rgba.Pix[o+2], rgba.Pix[o+3] = c.R, c.G, c.B, c.A
		}
		out = append(out, ebiten.NewImageFromImage(rgba))
	}
	return out
}

// cnFree deallocates tile images.
func cnFree(imgs []*ebiten.Image) {
	for _, im := range imgs {
		im.Deallocate()
	}
}

// cnGrid picks the number of columns that makes n square tiles largest in
// a w × h box, and returns it with the tile size.
func cnGrid(n int, w, h float64) (cols int, size float64) {
	cols = 1
	for c := 1; c <= max(n, 1); c++ {
		rows := (n + c - 1) / c
		s := math.Min(w/float64(c), h/float64(max(rows, 1)))
		if s > size {
			cols, size = c, s
		}
	}
	return cols, size
}

// cnDrawTile draws img scaled into the square at (x, y) of side s, pixels
// kept sharp.
func cnDrawTile(dst, img *ebiten.Image, x, y, s float64) {
	if img == nil {
		return
	}
	b := img.Bounds()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(s/float64(b.Dx()), s/float64(b.Dy()))
	op.GeoM.Translate(x, y)
	op.Filter = ebiten.FilterNearest
	dst.DrawImage(img, op)
}

// cnRect strokes a rectangle.
func cnRect(dst *ebiten.Image, x, y, w, h, width float64, c color.Color) {
	vector.StrokeRect(dst, float32(x), float32(y), float32(w), float32(h), float32(width), c, true)
}

// cnFill fills a rectangle.
func cnFill(dst *ebiten.Image, x, y, w, h float64, c color.Color) {
	vector.DrawFilledRect(dst, float32(x), float32(y), float32(w), float32(h), c, true)
}
