package data

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Points is a small generated 2-D dataset: N points (x, y) with class
// labels 0 … Classes−1. Points are grouped by class, and classes are as
// balanced as n allows (sizes differ by at most one); Batches shuffles.
type Points struct {
	N, Classes int
	// XY holds x0, y0, x1, y1, … (length 2N).
	XY     []float32
	Labels []int
}

// Len returns the number of points.
func (p *Points) Len() int { return p.N }

// SampleShape returns (2,).
func (p *Points) SampleShape() []int { return []int{2} }

// Sample writes point i's coordinates into dst and returns its label.
func (p *Points) Sample(i int, dst []float32) int {
	dst[0], dst[1] = p.XY[2*i], p.XY[2*i+1]
	return p.Labels[i]
}

// Counts returns how many points each class has.
func (p *Points) Counts() []int {
	c := make([]int, p.Classes)
	for _, l := range p.Labels {
		c[l]++
	}
	return c
}

// generate fills n points split over classes; at(class, j, m) gives the
// j-th of m noiseless points of the class; Gaussian noise of standard
// deviation noise is added to each coordinate.
func generate(name string, n, classes int, noise float64, rng *rand.Rand,
	at func(class, j, m int) (float64, float64)) (*Points, error) {
	switch {
	case rng == nil:
		return nil, fmt.Errorf("data: %s: need a *rand.Rand (nil given)", name)
	case classes < 2:
		return nil, fmt.Errorf("data: %s: %d classes (need at least 2)", name, classes)
	case n < classes:
		return nil, fmt.Errorf("data: %s: %d points cannot cover %d classes", name, n, classes)
	case n > 1<<24:
		return nil, fmt.Errorf("data: %s: %d points (limit %d)", name, n, 1<<24)
	case !(noise >= 0) || math.IsInf(noise, 0):
		return nil, fmt.Errorf("data: %s: noise %v must be finite and ≥ 0", name, noise)
	}
	p := &Points{N: n, Classes: classes, XY: make([]float32, 0, 2*n), Labels: make([]int, 0, n)}
	for c := 0; c < classes; c++ {
		m := n / classes
		if c < n%classes {
			m++
		}
		for j := 0; j < m; j++ {
			x, y := at(c, j, m)
			x += noise * rng.NormFloat64()
			y += noise * rng.NormFloat64()
			p.XY = append(p.XY, float32(x), float32(y))
			p.Labels = append(p.Labels, c)
		}
	}
	return p, nil
}

// frac spreads j over [0, 1] for j = 0 … m−1 (0 when m is 1).
func frac(j, m int) float64 {
	if m < 2 {
		return 0
	}
	return float64(j) / float64(m-1)
}

// Spirals returns classes interleaved spiral arms (as in CS231n and the
// TensorFlow Playground): arm c at radius r ∈ [0, 1] has angle
//
//	θ = 2πc/classes + 4r  (radians, about two-thirds of a turn)
//
// plus Gaussian noise of standard deviation noise on each coordinate.
func Spirals(n, classes int, noise float64, rng *rand.Rand) (*Points, error) {
	return generate("spirals", n, classes, noise, rng, func(c, j, m int) (float64, float64) {
		r := frac(j, m)
		t := 2*math.Pi*float64(c)/float64(classes) + 4*r
		return r * math.Cos(t), r * math.Sin(t)
	})
}

// Moons returns two interleaving half circles (scikit-learn's make_moons):
// class 0 is (cos t, sin t) and class 1 is (1 − cos t, 0.5 − sin t) for t
// evenly spaced in [0, π], plus Gaussian noise.
func Moons(n int, noise float64, rng *rand.Rand) (*Points, error) {
	return generate("moons", n, 2, noise, rng, func(c, j, m int) (float64, float64) {
		t := math.Pi * frac(j, m)
		if c == 0 {
			return math.Cos(t), math.Sin(t)
		}
		return 1 - math.Cos(t), 0.5 - math.Sin(t)
	})
}

// Circles returns classes concentric rings: class c has radius
// (classes − c)/classes, so class 0 is the unit circle (with 2 classes this
// is scikit-learn's make_circles with factor 0.5); angles are evenly spaced,
// plus Gaussian noise.
func Circles(n, classes int, noise float64, rng *rand.Rand) (*Points, error) {
	return generate("circles", n, classes, noise, rng, func(c, j, m int) (float64, float64) {
		r := float64(classes-c) / float64(classes)
		t := 2 * math.Pi * float64(j) / float64(m)
		return r * math.Cos(t), r * math.Sin(t)
	})
}

// Blobs returns classes isotropic Gaussian blobs of standard deviation
// noise, centred on a circle of radius 2 at angles 2πc/classes.
func Blobs(n, classes int, noise float64, rng *rand.Rand) (*Points, error) {
	return generate("blobs", n, classes, noise, rng, func(c, j, m int) (float64, float64) {
		t := 2 * math.Pi * float64(c) / float64(classes)
		return 2 * math.Cos(t), 2 * math.Sin(t)
	})
}
