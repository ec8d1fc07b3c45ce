package bnsteps

import "fmt"

// dataKey identifies the generated batches: everything batch reads.
// γ, β, ε, the step and the momentum are not part of it, so dragging those
// sliders reuses the batches, and "next-batch" extends them by one.
type dataKey struct {
	m, d                int
	shift, spread, skew float64
	typed               string
	seed                uint64
}

// batchCache memoizes batch for the last data key. It holds pure
// function results, so it never changes what the lesson shows.
type batchCache struct {
	key     dataKey
	batches [][]float32 // batches[b-1] is batch b
}

// get returns batches 1..p.batches for p and seed, generating only the
// ones not already cached.
func (c *batchCache) get(p params, seed uint64) [][]float32 {
	key := dataKey{m: p.m, d: p.d, shift: p.shift, spread: p.spread, skew: p.skew,
		typed: fmt.Sprint(p.typed), seed: seed}
	if key != c.key {
		c.key, c.batches = key, nil
	}
	for b := len(c.batches) + 1; b <= p.batches; b++ {
		c.batches = append(c.batches, batch(p, seed, b))
	}
	return c.batches[:p.batches]
}
