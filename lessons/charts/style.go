package charts

import (
	"bnlab/palette"
	"bytes"
	"fmt"
	"image/color"
	"math"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Size is a chart's size in points (1/72 inch); the SVG scales with CSS
// through its viewBox.
type Size struct {
	W, H vg.Length
}

// DefaultSize is the size charts use when a spec leaves Size zero.
var DefaultSize = Size{W: 432, H: 252}

// Palette is the order in which series take the Okabe–Ito colour-blind-
// safe colours (palette.Series): blue, orange, bluish green, reddish
// purple, sky blue, vermillion, yellow, black.
var Palette = opaque(palette.Series)

// opaque converts opaque colours to color.NRGBA (the same bytes).
func opaque(cs []color.RGBA) []color.NRGBA {
	out := make([]color.NRGBA, len(cs))
	for i, c := range cs {
		out[i] = color.NRGBA{c.R, c.G, c.B, 0xff}
	}
	return out
}

// dashes gives each series a dash pattern too, so lines stay apart in
// grey-scale print and for readers who cannot tell the colours apart.
var dashes = [][]vg.Length{nil, {6, 3}, {2, 2}, {8, 3, 2, 3}, {4, 4}, {1, 3}}

// seriesColor is the palette colour of series i.
func seriesColor(i int) color.NRGBA { return Palette[i%len(Palette)] }

// fade returns c with the given opacity (0..1).
func fade(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(a*255 + 0.5)
	return c
}

var (
	ink  = color.NRGBA{0x22, 0x22, 0x22, 0xFF}
	grid = color.NRGBA{0xDD, 0xDD, 0xDD, 0xFF}
	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}
)

// newPlot returns a plot in the shared style.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 14)
	p.Title.TextStyle.Color = ink
	p.Title.Padding = 6
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 12)
		a.Label.TextStyle.Color = ink
		a.Tick.Label.Font = font.From(sans, 11)
		a.Tick.Label.Color = ink
		a.Color, a.Tick.Color = ink, ink
		a.LineStyle.Width = 0.75
		a.Tick.LineStyle.Width = 0.75
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.Legend.TextStyle.Font = font.From(sans, 11)
	p.Legend.TextStyle.Color = ink
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = 18
	g := plotter.NewGrid()
	g.Vertical.Width = 0 // horizontal grid lines only
	g.Horizontal.Color, g.Horizontal.Width = grid, 0.5
	p.Add(g)
	return p
}

// headroom raises the y maximum so that a legend of n entries in the top
// right corner does not cover the data; call it after adding the data.
func headroom(p *plot.Plot, n int, h vg.Length) {
	if n == 0 {
		return
	}
	if h <= 0 {
		h = DefaultSize.H
	}
	f := float64(n*13+6) / float64(h-74)
	f = math.Min(f, 0.5)
	if p.Y.Max > p.Y.Min {
		p.Y.Max = p.Y.Min + (p.Y.Max-p.Y.Min)/(1-f)
	}
}

// render draws p (or several plots stacked vertically) into an SVG of the
// given size and returns the bytes, with accessibility attributes and font
// fallbacks added.
func render(title string, data table, size Size, plots ...*plot.Plot) ([]byte, error) {
	return emit(title, data, size, func(dc draw.Canvas) {
		if len(plots) == 1 {
			plots[0].Draw(dc)
			return
		}
		rows := make([][]*plot.Plot, len(plots))
		for i, p := range plots {
			rows[i] = []*plot.Plot{p}
		}
		t := draw.Tiles{Rows: len(plots), Cols: 1, PadY: 6}
		cs := plot.Align(rows, t, dc)
		for i := range plots {
			plots[i].Draw(cs[i][0])
		}
	})
}

// emit paints a chart into an SVG of the given size (a margin keeps lines
// and bars at the data's edge off the canvas edge), finishes it and
// attaches its numbers, and hands the drawing to a Record in progress.
func emit(title string, data table, size Size, paint func(draw.Canvas)) ([]byte, error) {
	if size.W <= 0 || size.H <= 0 {
		size = DefaultSize
	}
	c := vgsvg.New(size.W, size.H)
	paint(margin(draw.New(c)))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("charts: %s: %w", title, err)
	}
	svg := withData(finish(buf.Bytes(), title), data)
	recorded(Drawing{Title: title, CSV: data.csv(), SVG: svg, size: size, paint: paint})
	return svg, nil
}

// margin is the canvas inside the chart's margin.
func margin(c draw.Canvas) draw.Canvas { return draw.Crop(c, 4, -12, 2, -4) }

// finish adds role="img", aria-label and a <title> to the SVG root and
// gives the font a fallback list for browsers without Liberation Sans.
func finish(svg []byte, title string) []byte {
	s := string(svg)
	esc := xmlEscape(title)
	s = strings.Replace(s, "<svg ", `<svg role="img" aria-label="`+esc+`" `, 1)
	if i := strings.Index(s, "<svg "); i >= 0 {
		if j := strings.Index(s[i:], ">\n"); j >= 0 {
			k := i + j + 2
			s = s[:k] + "<title>" + esc + "</title>\n" + s[k:]
		}
	}
	s = strings.ReplaceAll(s, "font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
	// Tick labels with a true minus sign (−5, not -5), as in the prose.
	s = negLabel.ReplaceAllString(s, ">−$1")
	return []byte(s)
}

// negLabel matches a text node that starts with a hyphen-minus and a digit.
var negLabel = regexp.MustCompile(`>-([0-9])`)

func xmlEscape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
