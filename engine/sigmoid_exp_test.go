package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// expTestInputs are random arguments over Sigmoid's whole range plus the
// edges: ±0, values near 0, the ±700 switch-over, overflow, underflow,
// ±Inf and NaN.
func expTestInputs() []float64 {
	r := rand.New(rand.NewPCG(11, 12))
	xs := []float64{0, math.Copysign(0, -1), 1e-9, -1e-9, 1.0 / (1 << 28), -1.0 / (1 << 28),
		699.999, -699.999, 700, -700, 709.78, 710, -745.1, -746, math.Inf(1), math.Inf(-1), math.NaN()}
	for range 200000 {
		xs = append(xs, r.NormFloat64()*4, (2*r.Float64()-1)*750)
	}
	return xs
}

// TestSigmoidExpIsMathExp checks that sigmoidExp gives math.Exp's bits for
// every input (on wasm this exercises the fast path; elsewhere it is
// math.Exp itself).
func TestSigmoidExpIsMathExp(t *testing.T) {
	for _, x := range expTestInputs() {
		got, want := sigmoidExp(x), math.Exp(x)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("sigmoidExp(%v) = %v, math.Exp gives %v", x, got, want)
		}
	}
}

// TestExpReducedScaling checks, on every platform, the one step in which
// sigmoidExp departs from math/exp.go: y·2ᵏ by multiplication instead of
// math.Ldexp(y, k), over the range where it is used.
func TestExpReducedScaling(t *testing.T) {
	for _, x := range expTestInputs() {
		if !(x > -700 && x < 700) || math.Abs(x) < 1.0/(1<<28) {
			continue
		}
		y, k := expReduced(x)
		got, want := y*math.Float64frombits(uint64(1023+k)<<52), math.Ldexp(y, k)
		if got != want {
			t.Fatalf("x = %v: y·2^%d = %v, Ldexp gives %v", x, k, got, want)
		}
		if rel := math.Abs(got-math.Exp(x)) / math.Exp(x); rel > 4e-16 {
			t.Fatalf("x = %v: exp %v, math.Exp %v (relative error %v)", x, got, math.Exp(x), rel)
		}
	}
}

// BenchmarkSigmoidPaperMLP is the forward pass of one Sigmoid of the
// Ioffe & Szegedy MLP, (60, 100), on standard-normal pre-activations (what
// BN feeds it).
func BenchmarkSigmoidPaperMLP(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	x := randTensor(r, 60, 100)
	for i := range x.Data {
		x.Data[i] = float32(r.NormFloat64())
	}
	s := NewSigmoid()
	cpu0 := processCPUSeconds()
	for b.Loop() {
		if _, err := s.Forward(x); err != nil {
			b.Fatal(err)
		}
	}
	reportCPUPerOp(b, cpu0)
}
