package charts

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// LinesPow2X renders a line chart like Lines whose x axis is logarithmic
// with ticks at the powers of two (1, 2, 4, … 64): for quantities measured
// at batch sizes that double. It fails like Lines, and on an x value that
// is not positive.
func LinesPow2X(s LineSpec) ([]byte, error) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ser := range s.Series {
		for i, x := range ser.X {
			if !(x > 0) {
				return nil, fmt.Errorf("charts: lines (log x) %q: %s X[%d] = %v, want a positive value", s.Title, ser.Name, i, x)
			}
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	p, err := linePlot(s)
	if err != nil {
		return nil, err
	}
	p.X.Scale = plot.LogScale{}
	var ticks plot.ConstantTicks
	for k := math.Floor(math.Log2(lo)); k <= math.Ceil(math.Log2(hi)); k++ {
		v := math.Exp2(k)
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
	}
	p.X.Tick.Marker = ticks
	p.X.Min, p.X.Max = lo/math.Pow(2, 0.15), hi*math.Pow(2, 0.15)
	headroom(p, len(s.Series), s.Size.H)
	return render(s.Title, seriesTable(s.XLabel, s.YLabel, s.Series), s.Size, p)
}
