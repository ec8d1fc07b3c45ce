package data

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

type generator struct {
	name    string
	classes int // 0: fixed at 2 (moons)
	gen     func(n, classes int, noise float64, rng *rand.Rand) (*Points, error)
}

var generators = []generator{
	{"spirals", 3, Spirals},
	{"moons", 0, func(n, _ int, noise float64, rng *rand.Rand) (*Points, error) { return Moons(n, noise, rng) }},
	{"circles", 2, Circles},
	{"blobs", 4, Blobs},
}

func TestPointsShapeBalanceDeterminism(t *testing.T) {
	for _, g := range generators {
		for _, n := range []int{101, 400} {
			classes := g.classes
			if classes == 0 {
				classes = 2
			}
			p, err := g.gen(n, classes, 0.1, rand.New(rand.NewPCG(3, 4)))
			if err != nil {
				t.Fatalf("%s: %v", g.name, err)
			}
			if p.N != n || p.Len() != n || len(p.XY) != 2*n || len(p.Labels) != n || p.Classes != classes {
				t.Fatalf("%s(%d): N %d, %d coordinates, %d labels, %d classes", g.name, n, p.N, len(p.XY), len(p.Labels), p.Classes)
			}
			counts := p.Counts()
			lo, hi := slices.Min(counts), slices.Max(counts)
			if hi-lo > 1 || lo != n/classes {
				t.Errorf("%s(%d): class sizes %v not balanced", g.name, n, counts)
			}
			q, _ := g.gen(n, classes, 0.1, rand.New(rand.NewPCG(3, 4)))
			r, _ := g.gen(n, classes, 0.1, rand.New(rand.NewPCG(5, 4)))
			if !slices.Equal(p.XY, q.XY) || !slices.Equal(p.Labels, q.Labels) {
				t.Errorf("%s: same seed, different points", g.name)
			}
			if slices.Equal(p.XY, r.XY) {
				t.Errorf("%s: different seeds, same points", g.name)
			}
			for _, v := range p.XY {
				if math.IsNaN(float64(v)) || math.Abs(float64(v)) > 5 {
					t.Fatalf("%s: coordinate %v out of the expected range", g.name, v)
				}
			}
		}
	}
}

// TestPointsNoise checks that noise is what it says: with noise 0 the
// points lie on the ideal curves, and the spread of the error grows with it.
func TestPointsNoise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	c, _ := Circles(300, 3, 0, rng)
	for i := range c.N {
		r := math.Hypot(float64(c.XY[2*i]), float64(c.XY[2*i+1]))
		if want := float64(3-c.Labels[i]) / 3; math.Abs(r-want) > 1e-6 {
			t.Fatalf("noiseless circle point %d has radius %v, want %v", i, r, want)
		}
	}
	b, _ := Blobs(4000, 2, 0.5, rng)
	var sx, sxx float64
	for i := range b.N / 2 { // class 0 is centred at (2, 0)
		d := float64(b.XY[2*i]) - 2
		sx += d
		sxx += d * d
	}
	m := float64(b.N / 2)
	if sd := math.Sqrt(sxx/m - (sx/m)*(sx/m)); math.Abs(sd-0.5) > 0.05 {
		t.Errorf("blob standard deviation %v, want 0.5", sd)
	}
	mo, _ := Moons(200, 0, rng)
	for i := range mo.N {
		x, y := float64(mo.XY[2*i]), float64(mo.XY[2*i+1])
		if mo.Labels[i] == 1 {
			x, y = 1-x, 0.5-y
		}
		if math.Abs(math.Hypot(x, y)-1) > 1e-6 {
			t.Fatalf("noiseless moon point %d is off its half circle", i)
		}
	}
}

func TestPointsBadInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, c := range []struct {
		n, classes int
		noise      float64
		rng        *rand.Rand
		want       string
	}{
		{10, 1, 0.1, rng, "1 classes"},
		{2, 3, 0.1, rng, "2 points cannot cover 3 classes"},
		{10, 2, -1, rng, "noise -1"},
		{10, 2, math.NaN(), rng, "noise NaN"},
		{10, 2, math.Inf(1), rng, "noise +Inf"},
		{10, 2, 0.1, nil, "nil"},
	} {
		if _, err := Spirals(c.n, c.classes, c.noise, c.rng); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Spirals(%d, %d, %v) error = %v, want %q", c.n, c.classes, c.noise, err, c.want)
		}
	}
}

func TestPointsBatches(t *testing.T) {
	p, _ := Moons(50, 0.1, rand.New(rand.NewPCG(1, 1)))
	b, err := NewBatches(p, 8, rand.New(rand.NewPCG(2, 2)))
	if err != nil {
		t.Fatal(err)
	}
	x, y := b.Next()
	if len(x.Shape) != 2 || x.Shape[0] != 8 || x.Shape[1] != 2 || len(y) != 8 {
		t.Fatalf("batch shape %v", x.Shape)
	}
}
