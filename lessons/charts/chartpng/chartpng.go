// Package chartpng renders the charts that package charts drew (and
// charts.Record collected) as PNG images at print resolution, natively with
// gonum/plot's vgimg. It is kept apart from package charts so that the
// page's WebAssembly bundle, which draws SVG only, does not carry a
// rasteriser.
package chartpng

import (
	"bytes"
	"fmt"
	"image/color"
	"math"

	"bnlab/lessons/charts"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Encode paints d again, on white, into a PNG at least minWidth pixels
// wide: the resolution is raised (from 96 dpi) until it is.
func Encode(d charts.Drawing, minWidth int) ([]byte, error) {
	size := d.Size()
	if !(size.W > 0) || !(size.H > 0) {
		return nil, fmt.Errorf("chartpng: %s: no size", d.Title)
	}
	dpi := max(96, int(math.Ceil(float64(minWidth)/float64(size.W/vg.Inch))))
	c := vgimg.NewWith(vgimg.UseWH(size.W, size.H), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	if err := d.Paint(draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chartpng: %s: %w", d.Title, err)
	}
	return buf.Bytes(), nil
}
