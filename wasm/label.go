//go:build js && wasm

package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// labels draws short strings on the stage (Liberation Sans, the font the
// charts use too). Each glyph is rasterised once per size, in white, into
// one glyph sheet; a label is one DrawTriangles call with a quad per glyph,
// coloured by its vertices. So a label whose numbers change every frame (a
// step count, a loss) costs no rasterisation, no texture upload and one
// draw call. Whole-string images (image) are kept for callers that measure
// a label.
type labels struct {
	font    *opentype.Font
	faces   map[float64]font.Face
	mets    map[float64]font.Metrics
	cache   map[labelKey]*ebiten.Image
	glyphs  map[glyphKey]*glyph
	layouts map[layoutKey]*layout
	sheet   *ebiten.Image
	// The sheet fills in shelves: the next glyph goes at (sx, sy) and the
	// current shelf is sh pixels high.
	sx, sy, sh int
	verts      []ebiten.Vertex
	idx        []uint16
}

type labelKey struct {
	s    string
	size float64
	c    color.RGBA
}

type glyphKey struct {
	r    rune
	size float64
}

type layoutKey struct {
	s    string
	size float64
}

// glyph is one rasterised glyph: src is its rectangle in the sheet (empty
// for blank glyphs such as a space), drawn at the pen position plus off;
// adv advances the pen.
type glyph struct {
	src image.Rectangle
	off image.Point
	adv fixed.Int26_6
}

// sheetSize is the glyph sheet's width and height in pixels.
const sheetSize = 1024

func newLabels() (*labels, error) {
	f, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return nil, err
	}
	return &labels{font: f, faces: map[float64]font.Face{}, mets: map[float64]font.Metrics{}, cache: map[labelKey]*ebiten.Image{}, glyphs: map[glyphKey]*glyph{}, layouts: map[layoutKey]*layout{}}, nil
}

// face returns the font at size pixels (nil if it cannot be made).
func (l *labels) face(size float64) font.Face {
	face, ok := l.faces[size]
	if !ok {
		var err error
		face, err = opentype.NewFace(l.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil
		}
		l.faces[size] = face
		l.mets[size] = face.Metrics()
	}
	return face
}

// image returns s drawn at size pixels in colour c, on a transparent background.
func (l *labels) image(s string, size float64, c color.RGBA) *ebiten.Image {
	k := labelKey{s, size, c}
	if img, ok := l.cache[k]; ok {
		return img
	}
	face := l.face(size)
	if face == nil {
		return nil
	}
	// The label box: the advance width plus a pixel each side, ascent plus
	// descent plus a pixel above and below, the baseline at ascent+1.
	m := face.Metrics()
	w, h, base := font.MeasureString(face, s).Ceil()+2, (m.Ascent+m.Descent).Ceil()+2, m.Ascent.Ceil()+1
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	dr := &font.Drawer{Dst: rgba, Src: image.NewUniform(c), Face: face, Dot: fixed.P(1, base)}
	dr.DrawString(s)
	img := ebiten.NewImageFromImage(rgba)
	if len(l.cache) > 256 {
		for key, old := range l.cache {
			old.Deallocate()
			delete(l.cache, key)
		}
	}
	l.cache[k] = img
	return img
}

// glyph returns r at size, rasterising it into the sheet the first time
// (nil when the sheet is full: the caller starts again with an empty one).
func (l *labels) glyph(face font.Face, r rune, size float64) *glyph {
	k := glyphKey{r, size}
	if g, ok := l.glyphs[k]; ok {
		return g
	}
	dr, mask, mp, adv, ok := face.Glyph(fixed.Point26_6{}, r)
	g := &glyph{adv: adv}
	if ok && !dr.Empty() {
		w, h := dr.Dx(), dr.Dy()
		if l.sx+w+1 > sheetSize { // next shelf
			l.sx, l.sy, l.sh = 0, l.sy+l.sh+1, 0
		}
		if l.sy+h+1 > sheetSize || w+1 > sheetSize {
			return nil
		}
		if l.sheet == nil {
			l.sheet = ebiten.NewImage(sheetSize, sheetSize)
		}
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.DrawMask(rgba, rgba.Bounds(), image.White, image.Point{}, mask, mp, draw.Over)
		g.src = image.Rect(l.sx, l.sy, l.sx+w, l.sy+h)
		l.sheet.SubImage(g.src).(*ebiten.Image).WritePixels(rgba.Pix)
		g.off = dr.Min
		l.sx += w + 1
		l.sh = max(l.sh, h)
	}
	l.glyphs[k] = g
	return g
}

// reset empties the sheet and the caches built on it.
func (l *labels) reset() {
	l.glyphs, l.layouts = map[glyphKey]*glyph{}, map[layoutKey]*layout{}
	l.sx, l.sy, l.sh = 0, 0, 0
	if l.sheet != nil {
		l.sheet.Clear()
	}
}

// width returns the width of s's label at size in pixels.
func (l *labels) width(s string, size float64) float64 {
	if lo := l.layoutOf(s, size); lo != nil {
		return float64(lo.w)
	}
	return 0
}

// placed is a glyph at its offset in a label's box.
type placed struct {
	g    *glyph
	x, y float32
}

// layout is a label laid out once: its box and its glyphs.
type layout struct {
	w, h   int
	glyphs []placed
}

// layoutOf returns s's layout at size (nil if there is no face).
func (l *labels) layoutOf(s string, size float64) *layout {
	k := layoutKey{s, size}
	if lo, ok := l.layouts[k]; ok {
		return lo
	}
	face := l.face(size)
	if face == nil {
		return nil
	}
	if len(l.layouts) > 1024 { // many changing labels: start again
		l.layouts = map[layoutKey]*layout{}
	}
	for try := 0; try < 2; try++ {
		if lo := l.lay(face, s, size); lo != nil {
			l.layouts[k] = lo
			return lo
		}
		l.reset() // the sheet is full
	}
	return nil
}

// lay lays s out at size; nil when the sheet is full.
func (l *labels) lay(face font.Face, s string, size float64) *layout {
	m := l.mets[size]
	lo := &layout{h: (m.Ascent + m.Descent).Ceil() + 2}
	base := m.Ascent.Ceil() + 1
	dot := fixed.I(1)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot += face.Kern(prev, r)
		}
		g := l.glyph(face, r, size)
		if g == nil {
			return nil
		}
		if !g.src.Empty() {
			lo.glyphs = append(lo.glyphs, placed{g, float32(dot.Round() + g.off.X), float32(base + g.off.Y)})
		}
		dot += g.adv
		prev = r
	}
	lo.w = (dot - fixed.I(1)).Ceil() + 2
	return lo
}

// draw puts s on dst with its anchor at (x, y): ax, ay in [0, 1] pick the
// anchor inside the label (0.5, 0.5 centres it).
func (l *labels) draw(dst *ebiten.Image, s string, size float64, c color.RGBA, x, y, ax, ay float64) {
	lo := l.layoutOf(s, size)
	if lo == nil || len(lo.glyphs) == 0 {
		return
	}
	// The label's top left corner, on whole pixels as the string images
	// were placed, so that glyphs keep their hinted shapes.
	x0 := float32(math.Round(x - ax*float64(lo.w)))
	y0 := float32(math.Round(y - ay*float64(lo.h)))
	cr, cg, cb, ca := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	l.verts, l.idx = l.verts[:0], l.idx[:0]
	for _, p := range lo.glyphs {
		r := p.g.src
		gx, gy := x0+p.x, y0+p.y
		w, h := float32(r.Dx()), float32(r.Dy())
		sx, sy := float32(r.Min.X), float32(r.Min.Y)
		n := uint16(len(l.verts))
		l.verts = append(l.verts,
			ebiten.Vertex{DstX: gx, DstY: gy, SrcX: sx, SrcY: sy, ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca},
			ebiten.Vertex{DstX: gx + w, DstY: gy, SrcX: sx + w, SrcY: sy, ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca},
			ebiten.Vertex{DstX: gx, DstY: gy + h, SrcX: sx, SrcY: sy + h, ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca},
			ebiten.Vertex{DstX: gx + w, DstY: gy + h, SrcX: sx + w, SrcY: sy + h, ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca})
		l.idx = append(l.idx, n, n+1, n+2, n+1, n+3, n+2)
	}
	dst.DrawTriangles(l.verts, l.idx, l.sheet, nil)
}

// drawFit draws s at size, or smaller (down to 60%) so that it fits in
// width; text that still does not fit is cut with an ellipsis.
func (l *labels) drawFit(dst *ebiten.Image, s string, size, width float64, c color.RGBA, x, y float64) {
	for sz := size; sz >= size*0.6; sz -= size * 0.1 {
		if w := l.width(s, sz); w > 0 && w <= width {
			l.draw(dst, s, sz, c, x, y, 0, 0)
			return
		}
	}
	r := []rune(s)
	for len(r) > 4 {
		r = r[:len(r)-4]
		t := string(r) + "…"
		if w := l.width(t, size*0.6); w > 0 && w <= width {
			l.draw(dst, t, size*0.6, c, x, y, 0, 0)
			return
		}
	}
}
