package charts

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// GapPanel is one network's training and validation curve, measured at the
// same steps X.
type GapPanel struct {
	Title      string
	X          []float64
	Train, Val []float64
}

// GapSpec describes small multiples of train-versus-validation curves with
// the gap between them shaded: one panel per network, Cols panels per row,
// one shared y range so that gaps compare across panels.
type GapSpec struct {
	Title, XLabel, YLabel string
	// TrainName and ValName label the two lines in each panel's legend
	// (default "train" and "validation").
	TrainName, ValName string
	Panels             []GapPanel
	// Cols is the number of panels per row (default 2).
	Cols int
	// LegendTop puts each panel's legend in the top right corner (e.g. for
	// falling loss curves) instead of the bottom right.
	LegendTop bool
	// YMin and YMax fix the shared y range when YMax > YMin (e.g. 0 and 1
	// for accuracy); otherwise it covers every panel's data.
	YMin, YMax float64
	// YPercent labels the y ticks as percentages of 1 (0.5 → 50%).
	YPercent bool
	Size     Size
}

var (
	trainColor = Palette[0] // blue, solid
	valColor   = Palette[5] // vermillion, dashed
)

// Gap renders the panels of s in a grid. In each panel the training curve
// is a solid blue line, the validation curve a dashed vermillion line, and
// the area between them is shaded. It fails on no panels, a panel whose
// series differ in length or are empty, NaN or Inf.
func Gap(s GapSpec) ([]byte, error) {
	const chart = "gap"
	if len(s.Panels) == 0 {
		return nil, fmt.Errorf("charts: %s %q: no panels", chart, s.Title)
	}
	if s.TrainName == "" {
		s.TrainName = "train"
	}
	if s.ValName == "" {
		s.ValName = "validation"
	}
	cols := s.Cols
	if cols <= 0 {
		cols = 2
	}
	cols = min(cols, len(s.Panels))
	lo, hi := s.YMin, s.YMax
	fixed := hi > lo
	plots := make([]*plot.Plot, len(s.Panels))
	for i, pn := range s.Panels {
		p, err := gapPlot(chart, s, pn)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			// The first panel's legend serves them all.
			p.Legend = plot.NewLegend()
		}
		if whole([]Series{{X: pn.X}}) {
			p.X.Tick.Marker = wholeTicks{}
		}
		if fixed || s.YPercent {
			p.Y.Tick.Marker = cappedTicks{Max: hi, Percent: s.YPercent}
			if !fixed {
				p.Y.Tick.Marker = cappedTicks{Max: math.Inf(1), Percent: true}
			}
		}
		if !fixed {
			if i == 0 {
				lo, hi = p.Y.Min, p.Y.Max
			}
			lo, hi = min(lo, p.Y.Min), max(hi, p.Y.Max)
		}
		plots[i] = p
	}
	if !(hi > lo) {
		lo, hi = lo-0.5, hi+0.5
	}
	for _, p := range plots {
		p.Y.Min, p.Y.Max = lo, hi
	}
	return renderGrid(s.Title, gapTable(s), s.Size, cols, plots)
}

// gapPlot builds one panel.
func gapPlot(chart string, s GapSpec, pn GapPanel) (*plot.Plot, error) {
	n := len(pn.X)
	if err := checkSame(chart, pn.Title+" X", n, pn.Title+" train", len(pn.Train)); err != nil {
		return nil, err
	}
	if err := checkSame(chart, pn.Title+" X", n, pn.Title+" validation", len(pn.Val)); err != nil {
		return nil, err
	}
	for _, ser := range []struct {
		name string
		v    []float64
	}{{"X", pn.X}, {"train", pn.Train}, {"validation", pn.Val}} {
		if err := checkFinite(chart, pn.Title+" "+ser.name, ser.v); err != nil {
			return nil, err
		}
	}
	p := newPlot(pn.Title, s.XLabel, s.YLabel)
	p.Title.TextStyle.Font.Size = 12
	p.Legend.Top = s.LegendTop
	tr, va := make(plotter.XYs, n), make(plotter.XYs, n)
	area := make(plotter.XYs, 0, 2*n)
	for i := range n {
		tr[i] = plotter.XY{X: pn.X[i], Y: pn.Train[i]}
		va[i] = plotter.XY{X: pn.X[i], Y: pn.Val[i]}
		area = append(area, tr[i])
	}
	for i := n - 1; i >= 0; i-- {
		area = append(area, va[i])
	}
	if n > 1 {
		poly, err := plotter.NewPolygon(area)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
		}
		poly.Color = fade(valColor, 0.18)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	lt, err := plotter.NewLine(tr)
	if err != nil {
		return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
	}
	lt.Color, lt.Width = trainColor, 1.75
	lv, err := plotter.NewLine(va)
	if err != nil {
		return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
	}
	lv.Color, lv.Width, lv.Dashes = valColor, 1.75, dashes[1]
	p.Add(lt, lv)
	p.Legend.Add(s.TrainName, lt)
	p.Legend.Add(s.ValName, lv)
	return p, nil
}

// renderGrid draws plots in rows of cols into one SVG, like render.
func renderGrid(title string, data table, size Size, cols int, plots []*plot.Plot) ([]byte, error) {
	rows := (len(plots) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for i := range grid {
		grid[i] = make([]*plot.Plot, cols)
	}
	for i, p := range plots {
		grid[i/cols][i%cols] = p
	}
	return emit(title, data, size, func(dc draw.Canvas) {
		cs := plot.Align(grid, draw.Tiles{Rows: rows, Cols: cols, PadX: 14, PadY: 10}, dc)
		for i, p := range plots {
			p.Draw(cs[i/cols][i%cols])
		}
	})
}
