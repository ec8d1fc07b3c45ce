package charts

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// BarGroup is one named series of a bar chart: one value per category.
type BarGroup struct {
	Name   string
	Values []float64
}

// BarSpec describes a grouped bar chart: Categories along x, one bar per
// group in each category.
type BarSpec struct {
	Title, YLabel string
	// XLabel names the categories' axis (optional).
	XLabel     string
	Categories []string
	Groups     []BarGroup
	// YPercent says the values are shares of 1: the y ticks read 0% to
	// 100%, none above.
	YPercent bool
	Size     Size
}

// Bars renders a grouped bar chart. It fails on no categories or groups,
// a group whose length differs from the categories, NaN or Inf.
func Bars(s BarSpec) ([]byte, error) {
	const chart = "bars"
	if len(s.Categories) == 0 || len(s.Groups) == 0 {
		return nil, fmt.Errorf("charts: %s %q: %d categories and %d groups, want at least one of each", chart, s.Title, len(s.Categories), len(s.Groups))
	}
	size := s.Size
	if size.W <= 0 || size.H <= 0 {
		size = DefaultSize
	}
	p := newPlot(s.Title, s.XLabel, s.YLabel)
	// Bars fill 70% of each category's slot, split between the groups.
	slot := (size.W - 80) / vg.Length(len(s.Categories))
	w := slot * 0.7 / vg.Length(len(s.Groups))
	for k, g := range s.Groups {
		if err := checkSame(chart, "categories", len(s.Categories), g.Name, len(g.Values)); err != nil {
			return nil, err
		}
		if err := checkFinite(chart, g.Name, g.Values); err != nil {
			return nil, err
		}
		b, err := plotter.NewBarChart(plotter.Values(g.Values), w)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
		}
		c := seriesColor(k)
		b.Color = c
		b.LineStyle.Color, b.LineStyle.Width = ink, 0.5
		b.Offset = w * (vg.Length(k) - vg.Length(len(s.Groups)-1)/2)
		p.Add(b)
		if len(s.Groups) > 1 {
			p.Legend.Add(g.Name, b)
		}
	}
	p.NominalX(s.Categories...)
	p.X.Min, p.X.Max = -0.5, float64(len(s.Categories))-0.5
	p.Y.Min = math.Min(p.Y.Min, 0)
	if s.YPercent {
		p.Y.Max = math.Max(p.Y.Max, 1)
		p.Y.Tick.Marker = cappedTicks{Max: 1, Percent: true}
	}
	if len(s.Groups) > 1 {
		headroom(p, len(s.Groups), s.Size.H)
	}
	return render(s.Title, barTable(s.YLabel, s.Categories, s.Groups), s.Size, p)
}
