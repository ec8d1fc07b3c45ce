package charts

import (
	"fmt"

	"gonum.org/v1/plot/plotter"
)

// Band is one percentile band over training steps: the 15th, 50th and
// 85th percentiles of a quantity (e.g. a sigmoid's input) at each step.
type Band struct {
	Name          string
	Steps         []float64
	P15, P50, P85 []float64
}

// BandSpec describes a percentile-band chart in the style of Ioffe &
// Szegedy 2015, Fig. 1 (b, c): the median as a line, the 15th–85th
// percentile range as a translucent band, one band per network.
type BandSpec struct {
	Title, XLabel, YLabel string
	Bands                 []Band
	Size                  Size
}

// PercentileBands renders one or more percentile bands. It fails on no
// bands, series of different lengths, NaN or Inf, or P15 > P50 > P85 out of
// order at some step.
func PercentileBands(s BandSpec) ([]byte, error) {
	const chart = "percentile bands"
	if len(s.Bands) == 0 {
		return nil, fmt.Errorf("charts: %s %q: no bands", chart, s.Title)
	}
	p := newPlot(s.Title, s.XLabel, s.YLabel)
	for k, b := range s.Bands {
		n := len(b.Steps)
		for _, ser := range []struct {
			name string
			v    []float64
		}{{"steps", b.Steps}, {"P15", b.P15}, {"P50", b.P50}, {"P85", b.P85}} {
			if err := checkSame(chart, b.Name+" steps", n, b.Name+" "+ser.name, len(ser.v)); err != nil {
				return nil, err
			}
			if err := checkFinite(chart, b.Name+" "+ser.name, ser.v); err != nil {
				return nil, err
			}
		}
		area := make(plotter.XYs, 0, 2*n)
		mid := make(plotter.XYs, n)
		for i := range n {
			if b.P15[i] > b.P50[i] || b.P50[i] > b.P85[i] {
				return nil, fmt.Errorf("charts: %s %q: %s at step %v has percentiles out of order: %v, %v, %v", chart, s.Title, b.Name, b.Steps[i], b.P15[i], b.P50[i], b.P85[i])
			}
			area = append(area, plotter.XY{X: b.Steps[i], Y: b.P85[i]})
			mid[i] = plotter.XY{X: b.Steps[i], Y: b.P50[i]}
		}
		for i := n - 1; i >= 0; i-- {
			area = append(area, plotter.XY{X: b.Steps[i], Y: b.P15[i]})
		}
		c := seriesColor(k)
		poly, err := plotter.NewPolygon(area)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
		}
		poly.Color = fade(c, 0.2)
		poly.LineStyle.Width = 0
		line, err := plotter.NewLine(mid)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
		}
		line.Color, line.Width, line.Dashes = c, 1.75, dashes[k%len(dashes)]
		p.Add(poly)
		// Thin edges keep overlapping bands apart where their tints mix.
		for _, pv := range [][]float64{b.P15, b.P85} {
			edge := make(plotter.XYs, n)
			for i := range n {
				edge[i] = plotter.XY{X: b.Steps[i], Y: pv[i]}
			}
			el, err := plotter.NewLine(edge)
			if err != nil {
				return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
			}
			el.Color, el.Width, el.Dashes = fade(c, 0.7), 0.6, dashes[k%len(dashes)]
			p.Add(el)
		}
		p.Add(line)
		p.Legend.Add(b.Name+" (median, 15–85th pct.)", line, poly)
	}
	if whole(bandSteps(s.Bands)) {
		p.X.Tick.Marker = wholeTicks{}
	}
	headroom(p, len(s.Bands), s.Size.H)
	return render(s.Title, bandTable(s.XLabel, s.Bands), s.Size, p)
}

// bandSteps returns the bands' steps as series, for whole.
func bandSteps(bs []Band) []Series {
	ss := make([]Series, len(bs))
	for i, b := range bs {
		ss[i] = Series{X: b.Steps}
	}
	return ss
}
