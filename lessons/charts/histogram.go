package charts

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
)

// HistSet is one distribution of a histogram, e.g. the pre-activations
// before BN.
type HistSet struct {
	Name   string
	Values []float64
}

// HistSpec describes an overlaid histogram: every set is binned on the
// same edges and drawn as a translucent filled outline.
type HistSpec struct {
	Title  string
	XLabel string
	Sets   []HistSet
	Bins   int  // number of bins; 0 means 30
	Size   Size // zero means DefaultSize
}

// Histogram renders overlaid histograms (e.g. before and after
// normalisation) as SVG. The y axis is the share of each set's values per
// bin, so sets of different sizes compare. It fails on no sets, an empty
// set, NaN or Inf, or more than 200 bins.
func Histogram(s HistSpec) ([]byte, error) {
	const chart = "histogram"
	if len(s.Sets) == 0 {
		return nil, fmt.Errorf("charts: %s %q: no sets", chart, s.Title)
	}
	bins := s.Bins
	if bins == 0 {
		bins = 30
	}
	if bins < 1 || bins > 200 {
		return nil, fmt.Errorf("charts: %s %q: %d bins, want 1 to 200", chart, s.Title, bins)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, set := range s.Sets {
		if err := checkFinite(chart, set.Name, set.Values); err != nil {
			return nil, err
		}
		for _, v := range set.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi-lo < 1e-12*math.Max(1, math.Abs(lo)) {
		lo, hi = lo-0.5, hi+0.5
	}
	width := (hi - lo) / float64(bins)
	p := newPlot(s.Title, s.XLabel, "share of values")
	data := table{head: []string{"set", "from", "to", "count", "share"}}
	for k, set := range s.Sets {
		counts := make([]float64, bins)
		for _, v := range set.Values {
			i := min(int((v-lo)/width), bins-1)
			counts[i]++
		}
		pts := make(plotter.XYs, 0, 2*bins+2)
		pts = append(pts, plotter.XY{X: lo, Y: 0})
		for i, c := range counts {
			share := c / float64(len(set.Values))
			data.add(set.Name, num(lo+float64(i)*width), num(lo+float64(i+1)*width), num(c), num(share))
			pts = append(pts, plotter.XY{X: lo + float64(i)*width, Y: share}, plotter.XY{X: lo + float64(i+1)*width, Y: share})
		}
		pts = append(pts, plotter.XY{X: hi, Y: 0})
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
		}
		c := seriesColor(k)
		l.Color, l.Width, l.Dashes = c, 1.5, dashes[k%len(dashes)]
		l.FillColor = fade(c, 0.25)
		p.Add(l)
		p.Legend.Add(set.Name, l)
	}
	p.Y.Min = 0
	headroom(p, len(s.Sets), s.Size.H)
	return render(s.Title, data, s.Size, p)
}
