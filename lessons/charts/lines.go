package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one named line: Y against X.
type Series struct {
	Name string
	X, Y []float64
}

// Style overrides a series' look: Color and Dash, when positive, pick the
// palette colour and the dash pattern (1 = solid, 2 = dashed, …) instead
// of the series' position, e.g. to pair a layer's two curves by colour.
type Style struct {
	Color, Dash int
}

// style returns the colour and dashes of series k.
func (s LineSpec) style(k int) (color.NRGBA, []vg.Length) {
	c, d := seriesColor(k), dashes[k%len(dashes)]
	if k < len(s.Styles) {
		if st := s.Styles[k]; st.Color > 0 {
			c = seriesColor(st.Color - 1)
		}
		if st := s.Styles[k]; st.Dash > 0 {
			d = dashes[(st.Dash-1)%len(dashes)]
		}
	}
	return c, d
}

// LineSpec describes a line chart (loss or accuracy curves).
type LineSpec struct {
	Title, XLabel, YLabel string
	Series                []Series
	// YMin and YMax fix the y range when YMax > YMin (e.g. 0 and 1 for accuracy).
	YMin, YMax float64
	// YPercent labels the y ticks as percentages of 1 (0.5 → 50%).
	YPercent bool
	// YPow10 says the Y values are base-10 logarithms: the ticks sit at
	// whole numbers k and read 10^k.
	YPow10 bool
	// XMax, when larger than every X, extends the x axis to it (e.g. to
	// the current step while a measurement is sparse).
	XMax float64
	// Styles, when given, override the look of the series of the same
	// index (missing or zero entries keep the default).
	Styles []Style
	Size   Size
}

// Lines renders several series as lines, each with its own colour and
// dash pattern and a legend entry. It fails on no series, an empty
// series, X and Y of different lengths, NaN or Inf.
func Lines(s LineSpec) ([]byte, error) {
	p, err := linePlot(s)
	if err != nil {
		return nil, err
	}
	headroom(p, len(s.Series), s.Size.H)
	return render(s.Title, seriesTable(s.XLabel, s.YLabel, s.Series), s.Size, p)
}

// linePlot builds the plot of Lines without rendering it.
func linePlot(s LineSpec) (*plot.Plot, error) {
	const chart = "lines"
	if len(s.Series) == 0 {
		return nil, fmt.Errorf("charts: %s %q: no series", chart, s.Title)
	}
	p := newPlot(s.Title, s.XLabel, s.YLabel)
	for k, ser := range s.Series {
		if err := checkSame(chart, ser.Name+" X", len(ser.X), ser.Name+" Y", len(ser.Y)); err != nil {
			return nil, err
		}
		if err := checkFinite(chart, ser.Name+" X", ser.X); err != nil {
			return nil, err
		}
		if err := checkFinite(chart, ser.Name+" Y", ser.Y); err != nil {
			return nil, err
		}
		pts := make(plotter.XYs, len(ser.X))
		for i := range ser.X {
			pts[i] = plotter.XY{X: ser.X[i], Y: ser.Y[i]}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
		}
		col, dash := s.style(k)
		l.Color, l.Width, l.Dashes = col, 1.75, dash
		p.Add(l)
		if len(pts) <= 2 {
			// A line of one point draws nothing: mark the points.
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
			}
			sc.Color, sc.Radius, sc.Shape = col, 2.5, draw.CircleGlyph{}
			p.Add(sc)
			p.Legend.Add(ser.Name, l, sc)
		} else {
			p.Legend.Add(ser.Name, l)
		}
	}
	if s.XMax > p.X.Max {
		p.X.Max = s.XMax
	}
	if whole(s.Series) {
		p.X.Tick.Marker = wholeTicks{}
		if p.X.Max == p.X.Min {
			p.X.Max = p.X.Min + 1
		}
	}
	if s.YPow10 {
		p.Y.Tick.Marker = pow10Ticks{}
	}
	if s.YMax > s.YMin {
		p.Y.Min, p.Y.Max = s.YMin, s.YMax
		p.Y.Tick.Marker = cappedTicks{Max: s.YMax, Percent: s.YPercent}
	} else if s.YPercent {
		p.Y.Tick.Marker = cappedTicks{Max: math.Inf(1), Percent: true}
	}
	return p, nil
}
