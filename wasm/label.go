//go:build js && wasm

package main

import (
	"image"
	"image/color"
	"image/draw"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// labels rasterises short strings once (Liberation Sans, the font the charts
// use too) and caches them as images for the stage.
type labels struct {
	font  *opentype.Font
	faces map[float64]font.Face
	cache map[labelKey]*ebiten.Image
}

type labelKey struct {
	s    string
	size float64
	c    color.RGBA
}

func newLabels() (*labels, error) {
	f, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return nil, err
	}
	return &labels{font: f, faces: map[float64]font.Face{}, cache: map[labelKey]*ebiten.Image{}}, nil
}

// image returns s drawn at size pixels in colour c, on a transparent background.
func (l *labels) image(s string, size float64, c color.RGBA) *ebiten.Image {
	k := labelKey{s, size, c}
	if img, ok := l.cache[k]; ok {
		return img
	}
	face, ok := l.faces[size]
	if !ok {
		var err error
		face, err = opentype.NewFace(l.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil
		}
		l.faces[size] = face
	}
	m := face.Metrics()
	w := font.MeasureString(face, s).Ceil() + 2
	h := (m.Ascent + m.Descent).Ceil() + 2
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	dr := &font.Drawer{Dst: rgba, Src: image.NewUniform(c), Face: face, Dot: fixed.P(1, m.Ascent.Ceil()+1)}
	draw.Draw(rgba, rgba.Bounds(), image.Transparent, image.Point{}, draw.Src)
	dr.DrawString(s)
	img := ebiten.NewImageFromImage(rgba)
	if len(l.cache) > 512 {
		for key, old := range l.cache {
			old.Deallocate()
			delete(l.cache, key)
		}
	}
	l.cache[k] = img
	return img
}

// draw puts s on dst with its anchor at (x, y): ax, ay in [0, 1] pick the
// anchor inside the label (0.5, 0.5 centres it).
func (l *labels) draw(dst *ebiten.Image, s string, size float64, c color.RGBA, x, y, ax, ay float64) {
	img := l.image(s, size, c)
	if img == nil {
		return
	}
	b := img.Bounds()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(x-ax*float64(b.Dx()), y-ay*float64(b.Dy()))
	op.Filter = ebiten.FilterLinear
	dst.DrawImage(img, op)
}

// drawFit draws s at size, or smaller (down to 60%) so that it fits in
// width; text that still does not fit is cut with an ellipsis.
func (l *labels) drawFit(dst *ebiten.Image, s string, size, width float64, c color.RGBA, x, y float64) {
	for sz := size; sz >= size*0.6; sz -= size * 0.1 {
		if img := l.image(s, sz, c); img != nil && float64(img.Bounds().Dx()) <= width {
			l.draw(dst, s, sz, c, x, y, 0, 0)
			return
		}
	}
	r := []rune(s)
	for len(r) > 4 {
		r = r[:len(r)-4]
		t := string(r) + "…"
		if img := l.image(t, size*0.6, c); img != nil && float64(img.Bounds().Dx()) <= width {
			l.draw(dst, t, size*0.6, c, x, y, 0, 0)
			return
		}
	}
}
