package train

import (
	"math"

	"bnlab/engine"
)

// Hist is a histogram with fixed bins: Counts[i] counts the values in
// [Lo + i·w, Lo + (i+1)·w) with w = (Hi − Lo)/len(Counts) (the last bin
// includes Hi); values below Lo are counted in Under, above Hi in Over, so
// that a pile-up outside the range is not drawn as a spike in an edge bin.
// Mean and Std (population, divide by N) are of all N finite values; NaN
// and Inf values are not counted.
type Hist struct {
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	Counts []int   `json:"counts"`
	Under  int     `json:"under"`
	Over   int     `json:"over"`
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	Std    float64 `json:"std"`
}

// NewHist counts data into bins equal bins over [lo, hi].
func NewHist(data []float32, bins int, lo, hi float64) Hist {
	h := Hist{Lo: lo, Hi: hi, Counts: make([]int, bins)}
	w := (hi - lo) / float64(bins)
	var sum, sq float64
	for _, x := range data {
		v := float64(x)
		if !Finite(v) {
			continue
		}
		h.N++
		sum += v
		switch {
		case v < lo:
			h.Under++
		case v > hi:
			h.Over++
		default:
			h.Counts[min(int((v-lo)/w), bins-1)]++
		}
	}
	if h.N > 0 {
		h.Mean = sum / float64(h.N)
		for _, x := range data {
			if v := float64(x); Finite(v) {
				sq += (v - h.Mean) * (v - h.Mean)
			}
		}
		h.Std = math.Sqrt(sq / float64(h.N))
	}
	return h
}

// LayerStats describes one hidden block of a network at a histogram step.
type LayerStats struct {
	// Layer is the 1-based hidden layer.
	Layer int `json:"layer"`
	// Pre is the Linear layer's output z = W x + b: the pre-activation
	// before any normalisation.
	Pre Hist `json:"pre"`
	// Norm is the BatchNorm layer's output, nil without BN: after BN when
	// it precedes the activation (Linear → BN → act), or the normalised
	// activation when it follows it (Linear → act → BN, NormAfterAct).
	// In a net with noise after BN (NetSpec.Noise) it is the noise layer's
	// output: BN's output randomly scaled and shifted.
	Norm         *Hist `json:"norm,omitempty"`
	NormAfterAct bool  `json:"normAfterAct,omitempty"`
	// ActIn names the histogram that reaches the activation: "pre" or "norm".
	ActIn string `json:"actIn"`
	// Act is the activation's output ([0, 1] for sigmoid, [−1, 1] for tanh,
	// [0, Range] for ReLU).
	Act Hist `json:"act"`
	// Saturated is the share of activation outputs where its derivative is
	// nearly 0 (sigmoid < 0.02 or > 0.98; |tanh| > 0.98; ReLU = 0).
	Saturated float64 `json:"saturated"`
	// GradNorm is ‖∂L/∂W‖₂ of this block's Linear weight at that step.
	GradNorm float64 `json:"gradNorm"`
}

// Curve is a series over training steps: Values[i] at Steps[i]. A long
// history is shown averaged in buckets (Steps[i] is then the bucket's last
// step).
type Curve struct {
	Steps  []int     `json:"steps"`
	Values []float64 `json:"values"`
}

// Series is a full history; View returns it bucketed to at most max points.
type Series struct {
	Steps []int
	Vals  []float64
}

func (c *Series) Add(step int, v float64) {
	c.Steps = append(c.Steps, step)
	c.Vals = append(c.Vals, v)
}

// Last returns the last value and whether there is one.
func (c *Series) Last() (float64, bool) {
	if len(c.Vals) == 0 {
		return 0, false
	}
	return c.Vals[len(c.Vals)-1], true
}

// View averages the history in ⌈n/max⌉-long buckets.
func (c *Series) View(max int) Curve {
	k := (len(c.Vals) + max - 1) / max
	if k <= 1 {
		return Curve{Steps: append([]int{}, c.Steps...), Values: append([]float64{}, c.Vals...)}
	}
	var out Curve
	for lo := 0; lo < len(c.Vals); lo += k {
		hi := min(lo+k, len(c.Vals))
		s := 0.0
		for _, v := range c.Vals[lo:hi] {
			s += v
		}
		out.Steps = append(out.Steps, c.Steps[hi-1])
		out.Values = append(out.Values, s/float64(hi-lo))
	}
	return out
}

// Band is the 15th, 50th and 85th percentiles of an activation's input over
// training steps (Ioffe & Szegedy 2015, Fig. 1), computed with
// engine.Percentiles (numpy's linear interpolation).
type Band struct {
	Steps []int     `json:"steps"`
	P15   []float64 `json:"p15"`
	P50   []float64 `json:"p50"`
	P85   []float64 `json:"p85"`
}

// BandSeries is a full percentile history.
type BandSeries struct{ p15, p50, p85 Series }

func (b *BandSeries) add(step int, data []float32) {
	p, err := engine.Percentiles(data, 15, 50, 85)
	if err != nil || !Finite(p[0]) || !Finite(p[2]) {
		return
	}
	b.p15.Add(step, p[0])
	b.p50.Add(step, p[1])
	b.p85.Add(step, p[2])
}

func (b *BandSeries) view(max int) Band {
	a, m, c := b.p15.View(max), b.p50.View(max), b.p85.View(max)
	return Band{Steps: a.Steps, P15: a.Values, P50: m.Values, P85: c.Values}
}
