package data

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func miniSet(t testing.TB) *Set {
	t.Helper()
	m, err := LoadMNIST("testdata/mini")
	if err != nil {
		t.Fatal(err)
	}
	return m.Train
}

// firstPixel recovers the image index from a mini image's normalised pixel
// (0, 0), which is 31i mod 256.
func firstPixels(x []float32, d int) []float32 {
	var out []float32
	for k := 0; k+d <= len(x); k += d {
		out = append(out, x[k])
	}
	return out
}

func TestBatchesEpochs(t *testing.T) {
	s := miniSet(t)
	for _, c := range []struct {
		size     int
		dropLast bool
		sizes    []int // batch sizes over two epochs
	}{
		{4, false, []int{4, 4, 4, 4, 4, 4}},
		{5, false, []int{5, 5, 2, 5, 5, 2}},
		{5, true, []int{5, 5, 5, 5}},
		{12, false, []int{12, 12}},
	} {
		b, err := NewBatches(s, c.size, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		b.DropLast = c.dropLast
		seen := map[int]int{}
		for k, want := range c.sizes {
			x, y := b.Next()
			if x.Shape[0] != want || len(y) != want || len(x.Shape) != 4 || x.Shape[1] != 1 || x.Shape[2] != 28 {
				t.Fatalf("size %d drop %v: batch %d has shape %v and %d labels, want %d", c.size, c.dropLast, k, x.Shape, len(y), want)
			}
			for _, l := range y {
				seen[l]++
			}
		}
		if b.Epoch() != 2 {
			t.Errorf("size %d: epoch %d after two epochs", c.size, b.Epoch())
		}
		if !c.dropLast {
			// every image twice: labels 7i mod 10 for i < 12 hit 0 and 7 twice each.
			for l, n := range seen {
				want := 2
				if l == 0 || l == 7 {
					want = 4
				}
				if n != want {
					t.Errorf("size %d: label %d seen %d times in two epochs, want %d", c.size, l, n, want)
				}
			}
		}
	}
}

func TestBatchesDeterministic(t *testing.T) {
	s := miniSet(t)
	run := func(seed uint64) []float32 {
		b, err := NewBatches(s, 5, rand.New(rand.NewPCG(seed, 0)))
		if err != nil {
			t.Fatal(err)
		}
		b.Flat = true
		var all []float32
		for range 7 {
			x, _ := b.Next()
			if len(x.Shape) != 2 || x.Shape[1] != 784 {
				t.Fatalf("flat batch shape %v", x.Shape)
			}
			all = append(all, firstPixels(x.Data, 784)...)
		}
		return all
	}
	a, b, c := run(7), run(7), run(8)
	if !slices.Equal(a, b) {
		t.Error("same seed gave different batches")
	}
	if slices.Equal(a, c) {
		t.Error("different seeds gave the same batches")
	}
	// a shuffle, not the identity order
	first := a[:5]
	in := make([]float32, 5)
	for i := range in {
		in[i] = Normalize(miniPixel(i, 0, 0, 0))
	}
	if slices.Equal(first, in) {
		t.Error("first batch is the first five images in order: not shuffled")
	}
}

func TestBatchesBadInput(t *testing.T) {
	s := miniSet(t)
	rng := rand.New(rand.NewPCG(1, 1))
	for _, c := range []struct {
		src  Source
		size int
		rng  *rand.Rand
		want string
	}{
		{s, 0, rng, "batch size 0 out of range [1, 12]"},
		{s, 13, rng, "batch size 13"},
		{s, 4, nil, "nil"},
		{s.Head(0), 1, rng, "non-empty"},
	} {
		if _, err := NewBatches(c.src, c.size, c.rng); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewBatches(size %d) error = %v, want %q", c.size, err, c.want)
		}
	}
	if _, _, err := Gather(s, []int{0, 12}, true); err == nil || !strings.Contains(err.Error(), "index 12 out of range [0, 12)") {
		t.Errorf("Gather out of range: error = %v", err)
	}
}

func TestAll(t *testing.T) {
	s := miniSet(t)
	x, y := All(s, false)
	if x.Shape[0] != 12 || x.Shape[1] != 1 || x.Shape[2] != 28 || x.Shape[3] != 28 || len(y) != 12 {
		t.Fatalf("All shape %v, %d labels", x.Shape, len(y))
	}
	if y[3] != 1 || x.Data[3*784] != Normalize(miniPixel(3, 0, 0, 0)) {
		t.Errorf("All: sample 3 has label %d, pixel %v", y[3], x.Data[3*784])
	}
}

func BenchmarkBatchesMNIST60(b *testing.B) {
	m, err := LoadModuleMNIST()
	if err != nil {
		b.Skip(err)
	}
	it, _ := NewBatches(m.Train, 60, rand.New(rand.NewPCG(1, 2)))
	it.Flat = true
	for b.Loop() {
		it.Next()
	}
}
