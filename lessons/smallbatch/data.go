package smallbatch

import (
	"math"
	"math/rand/v2"
)

// The synthetic activations of small-batches: (N, C, side, side) maps
// or (N, C) features. Channel c has population mean μ_c and standard
// deviation σ_c; in a map, a share rho of the variance is shared by the
// whole map of one sample (a sample-level component, as real feature maps
// have) and the rest varies by position:
//
//	x[n,c,h,w] = μ_c + σ_c (√ρ a[n,c] + √(1 − ρ) e[n,c,h,w]),   a, e ~ N(0, 1)
//	x[n,c]     = μ_c + σ_c a[n,c]                               (dense)
//
// so every value has mean μ_c and variance σ_c², and the batch mean of
// m maps has variance σ_c² (ρ/m + (1 − ρ)/(m·H·W)).
const (
	side    = 4
	rho     = 0.5
	batches = 200 // sampled batches per batch size
	eps     = 1e-5
)

// sizes are the batch sizes of the spread curve.
var sizes = []int{1, 2, 4, 8, 16, 32, 64}

// The PCG streams of small-batches.
const (
	streamNorms = 0x5B0 + iota
	streamSampleA
	streamCompanions1
	streamCompanions2
	streamSpread // + batch size
)

// pop returns channel c's population mean and standard deviation.
func pop(c int) (mu, sigma float64) { return 2 + 0.25*float64(c), 1.5 + 0.1*float64(c) }

// perSample is the number of values per sample and channel.
func perSample(shape string) int {
	if shape == "dense" {
		return 1
	}
	return side * side
}

// fill writes one sample's channels [c0, c1) into dst ((c1 − c0)·S values).
func fill(r *rand.Rand, shape string, c0, c1 int, dst []float32) {
	s := perSample(shape)
	for c := c0; c < c1; c++ {
		mu, sigma := pop(c)
		a := r.NormFloat64()
		out := dst[(c-c0)*s : (c-c0+1)*s]
		if s == 1 {
			out[0] = float32(mu + sigma*a)
			continue
		}
		for k := range out {
			out[k] = float32(mu + sigma*(math.Sqrt(rho)*a+math.Sqrt(1-rho)*r.NormFloat64()))
		}
	}
}

// inputShape returns the tensor shape of n samples of c channels.
func inputShape(shape string, n, c int) []int {
	if shape == "dense" {
		return []int{n, c}
	}
	return []int{n, c, side, side}
}

// theoryStd is the standard deviation of the batch mean of m samples of
// channel 0 under independent sampling.
func theoryStd(shape string, m int) float64 {
	_, sigma := pop(0)
	if shape == "dense" {
		return sigma / math.Sqrt(float64(m))
	}
	s := float64(perSample(shape))
	return sigma * math.Sqrt(rho/float64(m)+(1-rho)/(float64(m)*s))
}

// theoryVarFrac is the expected biased batch variance of m samples of
// channel 0 as a fraction of the population variance: the biased variance
// falls short by the variance of the batch mean, E[σ²_B] = σ² − Var(μ_B),
// which is (m − 1)/m for independent samples and more for correlated maps.
func theoryVarFrac(shape string, m int) float64 {
	_, sigma := pop(0)
	s := theoryStd(shape, m) / sigma
	return 1 - s*s
}

// std returns the mean and the (population) standard deviation of xs.
func std(xs []float64) (mean, std float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(xs)))
}
