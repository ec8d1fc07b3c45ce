package pages

import "bnlab/lessons/train"

// StageHist is a histogram shrunk for the stage: S[i] is the share of the
// values in bin i of bins, Under and Over the shares below and above the
// range, all in thousandths. Lessons embed it in their stage payloads.
type StageHist struct {
	S     []int `json:"s"`
	Under int   `json:"u"`
	Over  int   `json:"o"`
}

// ShrinkHist merges h's bins into bins (of equal width when h has a
// multiple of bins) and gives every share in thousandths, rounded.
func ShrinkHist(h train.Hist, bins int) StageHist {
	out := StageHist{S: make([]int, bins)}
	if h.N == 0 || len(h.Counts) == 0 {
		return out
	}
	per := func(c int) int { return int(1000*float64(c)/float64(h.N) + 0.5) }
	sums := make([]int, bins)
	for i, c := range h.Counts {
		sums[i*bins/len(h.Counts)] += c
	}
	for i, c := range sums {
		out.S[i] = per(c)
	}
	out.Under, out.Over = per(h.Under), per(h.Over)
	return out
}
