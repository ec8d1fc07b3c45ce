package bnsteps

import (
	"math"
	"math/rand/v2"
)

// batch returns batch number b (1-based) of m samples × d features, row
// major, drawn with a PCG generator seeded by (seed, b), so the same seed
// and batch number always give the same values.
//
// Feature 0 follows the distribution the student shapes:
//
//	x = shift + spread · z,   z = cos θ · n₁ + sign(skew) · sin θ · ℓ(n₂),   θ = |skew| · π/2
//
// with n₁, n₂ independent standard normals and ℓ(n) = (eⁿ − √e) / √((e − 1) e)
// the standardized lognormal, so z has mean 0 and variance 1 for every skew
// and its skewness grows with |skew|. Feature j > 0 is the same shape with
// its own centre and scale (shift + 1.5 j, spread · (1 + 0.5 j)), so the
// heat map shows one mean and variance per column. A typed batch replaces
// feature 0 in every batch.
func batch(p params, seed uint64, b int) []float32 {
	r := rand.New(rand.NewPCG(seed, uint64(b)))
	theta := math.Abs(p.skew) * math.Pi / 2
	sign := 1.0
	if p.skew < 0 {
		sign = -1
	}
	lnMean, lnStd := math.Sqrt(math.E), math.Sqrt((math.E-1)*math.E)
	wn, wl := math.Cos(theta), sign*math.Sin(theta)/lnStd
	x := make([]float32, p.m*p.d)
	for i := range p.m {
		for j := range p.d {
			// Both normals are always drawn, so that moving the skew
			// slider morphs the same batch instead of drawing a new one.
			n1, n2 := r.NormFloat64(), r.NormFloat64()
			z := wn * n1
			if wl != 0 {
				z += wl * (math.Exp(n2) - lnMean)
			}
			c := p.shift + 1.5*float64(j)
			s := p.spread * (1 + 0.5*float64(j))
			x[i*p.d+j] = float32(c + s*z)
		}
		if len(p.typed) > 0 {
			x[i*p.d] = float32(p.typed[i])
		}
	}
	return x
}
