package dropout

import "math"

// Coverage is how much of the ensemble the masks drawn so far are
// expected to have met. A mask picks one sub-network; with drop
// probabilities p₁, p₂ over w units each, a mask that drops k₁ and k₂
// units has probability π = p₁^k₁ (1 − p₁)^(w−k₁) · p₂^k₂ (1 − p₂)^(w−k₂),
// and after D independent draws it has been met with probability
// 1 − (1 − π)^D. Summed over all masks this is the expected number of
// distinct sub-networks; at p = 0.5 every mask has π = 2^−n, and the
// expected share is 1 − (1 − 2^−n)^D.
type Coverage struct {
	ExpectedDistinct float64 // expected distinct masks after MasksDrawn draws
	ExpectedShare    float64 // ExpectedDistinct / 2^n
	// Steps63 and Steps99 are the training steps (of Batch masks each)
	// after which 63% (1 − 1/e) and 99% of all sub-networks are expected
	// to have been drawn; +Inf when it is beyond any run.
	Steps63, Steps99 float64
}

// layerMask is one droppable layer's part of a mask: w units, each dropped
// with probability p.
type layerMask struct {
	w int
	p float64
}

// expectedDistinct is the expected number of distinct masks among d
// independent draws over the layers (the sum in Coverage's comment).
func expectedDistinct(ls []layerMask, d float64) float64 {
	if len(ls) == 0 {
		return 1 // one network, met at once
	}
	var sum float64
	var walk func(i int, logC, logPi float64)
	walk = func(i int, logC, logPi float64) {
		if i == len(ls) {
			pi := math.Exp(logPi)
			sum += math.Exp(logC) * -math.Expm1(d*math.Log1p(-pi))
			return
		}
		l := ls[i]
		for k := 0; k <= l.w; k++ {
			lc := lchoose(l.w, k)
			lp := float64(k)*math.Log(l.p) + float64(l.w-k)*math.Log1p(-l.p)
			walk(i+1, logC+lc, logPi+lp)
		}
	}
	walk(0, 0, 0)
	return sum
}

// drawsFor is the number of draws after which the expected share of all
// 2^n masks reaches target, found by bisection on log D; +Inf beyond 10³⁰⁰.
func drawsFor(ls []layerMask, target float64) float64 {
	total := math.Pow(2, float64(units(ls)))
	share := func(d float64) float64 { return expectedDistinct(ls, d) / total }
	hi := 1.0
	for share(hi) < target {
		hi *= 1e3
		if hi > 1e300 {
			return math.Inf(1)
		}
	}
	lo := 1.0
	for range 200 {
		mid := math.Sqrt(lo * hi)
		if share(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
		if hi/lo < 1+1e-9 {
			break
		}
	}
	return hi
}

// coverage is the lesson's Coverage after draws masks, batch of them per
// step; batch 0 leaves the step counts out (they do not change as the
// lesson trains, and the lesson computes them once).
func coverage(ls []layerMask, draws int64, batch int) Coverage {
	n := units(ls)
	c := Coverage{ExpectedDistinct: expectedDistinct(ls, float64(draws))}
	c.ExpectedShare = c.ExpectedDistinct / math.Pow(2, float64(n))
	if n == 0 {
		c.ExpectedDistinct, c.ExpectedShare = 1, 1
	}
	if batch <= 0 {
		return c
	}
	c.Steps63 = math.Ceil(drawsFor(ls, 1-1/math.E) / float64(batch))
	c.Steps99 = math.Ceil(drawsFor(ls, 0.99) / float64(batch))
	return c
}

// units is n, the droppable units of the layers.
func units(ls []layerMask) int {
	n := 0
	for _, l := range ls {
		n += l.w
	}
	return n
}

// lchoose is ln C(n, k).
func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
