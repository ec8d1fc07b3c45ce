// Package palette is bnlab's colours, defined once for the Go code (the
// stage, the charts) and the page's CSS, which cmd/serve writes from CSS
// into style.css: a calm paper-and-ink page, and for data the Okabe–Ito
// colour-blind-safe palette (Okabe & Ito 2008).
package palette

import (
	"fmt"
	"image/color"
	"strings"
)

// The page's colours.
var (
	Paper = color.RGBA{0xfb, 0xfa, 0xf7, 0xff} // the page's background
	Panel = color.RGBA{0xff, 0xff, 0xff, 0xff} // panels and the stage
	Ink   = color.RGBA{0x1c, 0x22, 0x30, 0xff} // text
	Muted = color.RGBA{0x59, 0x62, 0x73, 0xff} // secondary text, axes
	Line  = color.RGBA{0xe2, 0xde, 0xd5, 0xff} // hairlines, grids
	Soft  = color.RGBA{0xf2, 0xef, 0xe8, 0xff} // code and table backgrounds
	Rule  = color.RGBA{0xc9, 0xc3, 0xb6, 0xff} // borders a little darker than Line
	Tint  = color.RGBA{0xea, 0xf3, 0xfa, 0xff} // a pale blue highlight
	Warn  = color.RGBA{0x9a, 0x67, 0x00, 0xff} // warnings (dark enough for text)
)

// The Okabe–Ito colours.
var (
	Blue       = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	Orange     = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	Green      = color.RGBA{0x00, 0x9e, 0x73, 0xff} // bluish green
	Purple     = color.RGBA{0xcc, 0x79, 0xa7, 0xff} // reddish purple
	SkyBlue    = color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	Vermillion = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	Yellow     = color.RGBA{0xf0, 0xe4, 0x42, 0xff}
	Black      = color.RGBA{0x00, 0x00, 0x00, 0xff}
)

// Series is the order in which a chart's series take the Okabe–Ito
// colours.
var Series = []color.RGBA{Blue, Orange, Green, Purple, SkyBlue, Vermillion, Yellow, Black}

// Named is a colour with the CSS custom property that carries it.
type Named struct {
	Property string
	Color    color.RGBA
}

// CSSColors are the colours the page's CSS uses, by custom property.
var CSSColors = []Named{
	{"--paper", Paper}, {"--panel", Panel}, {"--ink", Ink}, {"--muted", Muted}, {"--line", Line},
	{"--soft", Soft}, {"--rule", Rule}, {"--tint", Tint}, {"--warn", Warn},
	{"--accent", Blue}, {"--accent-2", Vermillion}, {"--good", Green}, {"--focus", Orange},
	{"--sky", SkyBlue}, {"--purple", Purple}, {"--yellow", Yellow},
}

// Hex writes c as #rrggbb (its alpha is not written).
func Hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// CSS returns the custom property declarations for CSSColors, one per line
// with indent before each, for the :root rule of style.css.
func CSS(indent string) string {
	var b strings.Builder
	for i, n := range CSSColors {
		if i > 0 {
			b.WriteString("\n" + indent)
		}
		fmt.Fprintf(&b, "%s: %s;", n.Property, Hex(n.Color))
	}
	return b.String()
}
