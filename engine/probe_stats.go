package engine

import (
	"fmt"
	"math"
	"slices"
)

// Percentiles returns the requested percentiles (0 to 100) of data, with
// linear interpolation between order statistics as numpy.percentile's
// default:
//
//	rank = p/100 · (n − 1),  value = v[⌊rank⌋] + (rank − ⌊rank⌋)(v[⌊rank⌋+1] − v[⌊rank⌋])
//
// for the sorted values v. data is not modified (a sorted copy is made).
// Ioffe & Szegedy (2015, Fig. 1) plot the 15th, 50th and 85th percentiles
// of a sigmoid's input over training. Empty data or a percentile outside
// [0, 100] is an error; NaN values sort last.
func Percentiles(data []float32, ps ...float64) ([]float64, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("engine: Percentiles of an empty tensor")
	}
	for _, p := range ps {
		if !(p >= 0 && p <= 100) {
			return nil, fmt.Errorf("engine: percentile must be in [0, 100], got %v", p)
		}
	}
	v := slices.Clone(data)
	slices.SortFunc(v, func(a, b float32) int {
		an, bn := a != a, b != b
		switch {
		case an && bn:
			return 0
		case an:
			return 1
		case bn:
			return -1
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	out := make([]float64, len(ps))
	for i, p := range ps {
		rank := p / 100 * float64(len(v)-1)
		lo := int(math.Floor(rank))
		hi := min(lo+1, len(v)-1)
		f := rank - float64(lo)
		out[i] = float64(v[lo]) + f*(float64(v[hi])-float64(v[lo]))
	}
	return out, nil
}

// Histogram counts data into bins equal bins over [lo, hi]; values below lo
// go to the first bin, above hi to the last (so every finite value is
// counted); NaN values are skipped. It errors on bins < 1 or hi <= lo.
func Histogram(data []float32, bins int, lo, hi float64) ([]int, error) {
	if bins < 1 || !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("engine: Histogram needs bins >= 1 and finite lo < hi, got bins=%d, lo=%v, hi=%v", bins, lo, hi)
	}
	counts := make([]int, bins)
	w := (hi - lo) / float64(bins)
	for _, x := range data {
		if x != x {
			continue
		}
		b := int((float64(x) - lo) / w)
		counts[max(0, min(b, bins-1))]++
	}
	return counts, nil
}

// MeanStd returns the mean and the population standard deviation (divide
// by n) of data, summed in float64; (0, 0) for empty data.
func MeanStd(data []float32) (mean, std float64) {
	if len(data) == 0 {
		return 0, 0
	}
	for _, x := range data {
		mean += float64(x)
	}
	mean /= float64(len(data))
	for _, x := range data {
		d := float64(x) - mean
		std += d * d
	}
	return mean, math.Sqrt(std / float64(len(data)))
}

// L2Norm returns √(Σ xᵢ²) of data, summed in float64 (the gradient norm
// the lessons plot per layer).
func L2Norm(data []float32) float64 {
	var s float64
	for _, x := range data {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}
