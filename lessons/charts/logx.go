package charts

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// LinesLogX renders s like Lines but with a logarithmic x axis whose ticks
// are exactly Ticks (e.g. the batch sizes 2, 4, …, 64), labelled as
// integers when they are whole numbers. Every X must be positive.
func LinesLogX(s LineSpec, ticks []float64) ([]byte, error) {
	const chart = "lines (log x)"
	for _, ser := range s.Series {
		for i, x := range ser.X {
			if !(x > 0) {
				return nil, fmt.Errorf("charts: %s %q: %s X[%d] is %v, want a positive value", chart, s.Title, ser.Name, i, x)
			}
		}
	}
	if err := checkFinite(chart, "ticks", ticks); err != nil {
		return nil, err
	}
	p, err := linePlot(s)
	if err != nil {
		return nil, err
	}
	var ts []plot.Tick
	for _, t := range ticks {
		if !(t > 0) {
			return nil, fmt.Errorf("charts: %s %q: tick %v, want a positive value", chart, s.Title, t)
		}
		label := strconv.FormatFloat(t, 'g', 4, 64)
		if t == math.Trunc(t) {
			label = strconv.FormatFloat(t, 'f', 0, 64)
		}
		ts = append(ts, plot.Tick{Value: t, Label: label})
	}
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.ConstantTicks(ts)
	headroom(p, len(s.Series), s.Size.H)
	return render(s.Title, seriesTable(s.XLabel, s.YLabel, s.Series), s.Size, p)
}
