package train

import (
	"math"
	"testing"
)

// TestMedianMove: the mean |Δ| of the median between consecutive steps
// only, with gaps (a step skipped for a non-finite batch) left out.
func TestMedianMove(t *testing.T) {
	for _, c := range []struct {
		name  string
		s     Series
		want  float64
		pairs int
	}{
		{"empty", Series{}, 0, 0},
		{"one point", Series{Steps: []int{0}, Vals: []float64{3}}, 0, 0},
		{"steady", Series{Steps: []int{0, 1, 2}, Vals: []float64{1, 1, 1}}, 0, 2},
		{"up and down", Series{Steps: []int{0, 1, 2}, Vals: []float64{0, 1, -1}}, 1.5, 2},
		{"a gap", Series{Steps: []int{0, 1, 3, 4}, Vals: []float64{0, 1, 10, 10.5}}, 0.75, 2},
	} {
		got, n := medianMove(c.s)
		if math.Abs(got-c.want) > 1e-12 || n != c.pairs {
			t.Errorf("%s: %v over %d pairs, want %v over %d", c.name, got, n, c.want, c.pairs)
		}
	}
}

// TestSummaryMedianMove: NetSummary.MedianMove is computed from every step,
// so it equals the mean step-to-step move of an unthinned snapshot's band
// and differs from the thinned one the chart draws.
func TestSummaryMedianMove(t *testing.T) {
	ds := testSynthetic(t)
	cfg := smallConfig(3)
	cfg.MaxPoints = 1000
	h := runHarness(t, cfg, ds, 40)
	snap, sums := h.Snapshot(), h.Summaries()
	for k, n := range snap.Nets {
		p := n.UnitBand.P50
		if len(p) != 41 {
			t.Fatalf("net %s: %d band points, want 41", n.Name, len(p))
		}
		var want float64
		for i := 1; i < len(p); i++ {
			want += math.Abs(p[i] - p[i-1])
		}
		want /= float64(len(p) - 1)
		if s := sums[k]; math.Abs(s.MedianMove-want) > 1e-9*math.Max(1, want) || s.MedianMoves != 40 || !(want > 0) {
			t.Errorf("net %s: MedianMove %v over %d pairs, want %v over 40", n.Name, s.MedianMove, s.MedianMoves, want)
		}
	}
}
