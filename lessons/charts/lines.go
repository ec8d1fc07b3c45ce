package charts

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Series is one named line: Y against X.
type Series struct {
	Name string
	X, Y []float64
}

// LineSpec describes a line chart (loss or accuracy curves).
type LineSpec struct {
	Title, XLabel, YLabel string
	Series                []Series
	// YMin and YMax fix the y range when YMax > YMin (e.g. 0 and 1 for accuracy).
	YMin, YMax float64
	Size       Size
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
	return render(s.Title, s.Size, p)
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
		l.Color, l.Width, l.Dashes = seriesColor(k), 1.75, dashes[k%len(dashes)]
		p.Add(l)
		p.Legend.Add(ser.Name, l)
	}
	if s.YMax > s.YMin {
		p.Y.Min, p.Y.Max = s.YMin, s.YMax
	}
	return p, nil
}
