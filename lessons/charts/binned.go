package charts

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
)

// Binned is one distribution that was binned already (e.g. by the training
// harness): Counts[i] values fell in [Lo + i·w, Lo + (i+1)·w) with
// w = (Hi − Lo)/len(Counts); Under and Over counted the values outside
// [Lo, Hi].
type Binned struct {
	Name        string
	Lo, Hi      float64
	Counts      []int
	Under, Over int
}

// BinnedSpec describes an overlaid histogram of pre-binned sets. Every set
// may have its own bins; the y axis is the share of all of a set's values
// (those outside the range included) per bin.
type BinnedSpec struct {
	Title, XLabel string
	Sets          []Binned
	Size          Size
}

// BinnedHistogram renders pre-binned histograms as translucent filled
// outlines, one colour and dash pattern per set. It fails on no sets, a set
// without bins or values, a range that is empty or not finite, or negative
// counts.
func BinnedHistogram(s BinnedSpec) ([]byte, error) {
	const chart = "binned histogram"
	if len(s.Sets) == 0 {
		return nil, fmt.Errorf("charts: %s %q: no sets", chart, s.Title)
	}
	p := newPlot(s.Title, s.XLabel, "share of values")
	for k, set := range s.Sets {
		if len(set.Counts) == 0 || len(set.Counts) > maxPoints {
			return nil, fmt.Errorf("charts: %s %q: set %q has %d bins, want 1 to %d", chart, s.Title, set.Name, len(set.Counts), maxPoints)
		}
		if !(set.Hi > set.Lo) || math.IsInf(set.Lo, 0) || math.IsInf(set.Hi, 0) {
			return nil, fmt.Errorf("charts: %s %q: set %q has range [%v, %v], want finite Lo < Hi", chart, s.Title, set.Name, set.Lo, set.Hi)
		}
		total := set.Under + set.Over
		for i, c := range set.Counts {
			if c < 0 {
				return nil, fmt.Errorf("charts: %s %q: set %q bin %d has count %d", chart, s.Title, set.Name, i, c)
			}
			total += c
		}
		if total <= 0 || set.Under < 0 || set.Over < 0 {
			return nil, fmt.Errorf("charts: %s %q: set %q has no values (under %d, over %d)", chart, s.Title, set.Name, set.Under, set.Over)
		}
		w := (set.Hi - set.Lo) / float64(len(set.Counts))
		pts := make(plotter.XYs, 0, 2*len(set.Counts)+2)
		pts = append(pts, plotter.XY{X: set.Lo, Y: 0})
		for i, c := range set.Counts {
			share := float64(c) / float64(total)
			x0 := set.Lo + float64(i)*w
			pts = append(pts, plotter.XY{X: x0, Y: share}, plotter.XY{X: x0 + w, Y: share})
		}
		pts = append(pts, plotter.XY{X: set.Hi, Y: 0})
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %q: %w", chart, s.Title, err)
		}
		c := seriesColor(k)
		l.Color, l.Width, l.Dashes = c, 1.5, dashes[k%len(dashes)]
		l.FillColor = fade(c, 0.18)
		p.Add(l)
		p.Legend.Add(set.Name, l)
	}
	p.Y.Min = 0
	headroom(p, len(s.Sets), s.Size.H)
	return render(s.Title, binnedTable(s.Sets), s.Size, p)
}
