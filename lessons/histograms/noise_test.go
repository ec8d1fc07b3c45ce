package histograms

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons/train"
)

// noiseInput is a seeded input of the given shape with values in [−2, 2).
func noiseInput(t *testing.T, seed uint64, shape ...int) *engine.Tensor {
	t.Helper()
	x := engine.New(shape...)
	r := rand.New(rand.NewPCG(seed, 3))
	for i := range x.Data {
		x.Data[i] = float32(4*r.Float64() - 2)
	}
	return x
}

// TestShiftNoiseGradCheck compares Backward with central finite
// differences of L = Σ wᵢ yᵢ. The noise of a step is a constant of that
// step, so every evaluation uses a fresh layer with the same seed (the
// same draw).
func TestShiftNoiseGradCheck(t *testing.T) {
	spec := train.NoiseSpec{Shift: 1, ScaleLo: 0.5, ScaleHi: 1.5}
	for _, shape := range [][]int{{4, 5}, {3, 2, 2, 3}} {
		x := noiseInput(t, 1, shape...)
		fresh := func() *train.ShiftNoise {
			n, err := train.NewShiftNoise(spec, rand.New(rand.NewPCG(9, 9)))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		w := noiseInput(t, 2, shape...)
		loss := func(x *engine.Tensor) float64 {
			y, err := fresh().Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			s := 0.0
			for i, v := range y.Data {
				s += float64(w.Data[i]) * float64(v)
			}
			return s
		}
		n := fresh()
		if _, err := n.Forward(x); err != nil {
			t.Fatal(err)
		}
		gx, err := n.Backward(w)
		if err != nil {
			t.Fatal(err)
		}
		const h = 1e-2
		for i := range x.Data {
			v := x.Data[i]
			x.Data[i] = v + h
			up := loss(x)
			x.Data[i] = v - h
			down := loss(x)
			x.Data[i] = v
			num := (up - down) / (2 * h)
			if math.Abs(float64(gx.Data[i])-num) > 1e-3*math.Max(1, math.Abs(num)) {
				t.Errorf("shape %v, x[%d]: analytic %.6g, numeric %.6g", shape, i, gx.Data[i], num)
			}
		}
	}
}

// TestShiftNoiseShiftsInTrainIdentityInEval: in train mode each step draws
// new per-unit scales and shifts within the spec's ranges, so a unit's
// batch mean moves from step to step even for the same input, and every
// sample of a unit gets the same affine map; in eval mode the output is
// the input and the gradient passes unchanged.
func TestShiftNoiseShiftsInTrainIdentityInEval(t *testing.T) {
	spec := train.NoiseSpec{Shift: 1, ScaleLo: 0.5, ScaleHi: 1.5}
	n, err := train.NewShiftNoise(spec, rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		t.Fatal(err)
	}
	const rows, units, steps = 64, 8, 20
	x := noiseInput(t, 4, rows, units)
	unitMean := func(y *engine.Tensor, u int) float64 {
		s := 0.0
		for r := 0; r < rows; r++ {
			s += float64(y.Data[r*units+u])
		}
		return s / rows
	}
	var means [steps][units]float64
	for k := range steps {
		y, err := n.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		sc, sh := n.Last()
		for u := range units {
			if !(sc[u] >= 0.5 && sc[u] <= 1.5 && sh[u] >= -1 && sh[u] <= 1) {
				t.Fatalf("step %d unit %d: scale %v shift %v outside the spec", k, u, sc[u], sh[u])
			}
			for r := 0; r < rows; r++ {
				i := r*units + u
				if want := sc[u]*x.Data[i] + sh[u]; math.Abs(float64(y.Data[i]-want)) > 1e-6 {
					t.Fatalf("step %d, y[%d] = %v, want s·x + b = %v", k, i, y.Data[i], want)
				}
			}
			means[k][u] = unitMean(y, u) - unitMean(x, u)
		}
	}
	// The shift of a unit's mean varies between steps like U(−1, 1) (sd
	// 0.58, plus the scale's share): far more than rounding.
	for u := range units {
		lo, hi := math.Inf(1), math.Inf(-1)
		for k := range steps {
			lo, hi = math.Min(lo, means[k][u]), math.Max(hi, means[k][u])
		}
		if hi-lo < 0.5 {
			t.Errorf("unit %d: its batch mean moved only %.3g over %d steps", u, hi-lo, steps)
		}
	}
	n.SetTraining(false)
	y, err := n.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	g := noiseInput(t, 6, rows, units)
	gx, err := n.Backward(g)
	if err != nil {
		t.Fatal(err)
	}
	for i := range x.Data {
		if y.Data[i] != x.Data[i] || gx.Data[i] != g.Data[i] {
			t.Fatalf("eval mode at %d: y %v (x %v), gx %v (gy %v)", i, y.Data[i], x.Data[i], gx.Data[i], g.Data[i])
		}
	}
}

// TestShiftNoiseBadInput: bad specs, shapes and an early Backward are
// errors that name the problem, not panics.
func TestShiftNoiseBadInput(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, s := range []train.NoiseSpec{{Shift: -1, ScaleLo: 1, ScaleHi: 1}, {Shift: 1, ScaleLo: 0, ScaleHi: 1},
		{Shift: 1, ScaleLo: 2, ScaleHi: 1}, {Shift: math.NaN(), ScaleLo: 1, ScaleHi: 1}} {
		if _, err := train.NewShiftNoise(s, r); err == nil {
			t.Errorf("NewShiftNoise(%+v) accepted", s)
		}
	}
	if _, err := train.NewShiftNoise(train.NoiseSpec{Shift: 1, ScaleLo: 1, ScaleHi: 1}, nil); err == nil {
		t.Error("NewShiftNoise accepted a nil *rand.Rand")
	}
	n, _ := train.NewShiftNoise(train.NoiseSpec{Shift: 1, ScaleLo: 1, ScaleHi: 2}, r)
	if _, err := n.Backward(engine.New(2, 3)); !errors.Is(err, engine.ErrNoForward) {
		t.Errorf("Backward before Forward: %v", err)
	}
	for _, x := range []*engine.Tensor{nil, engine.New(5), engine.New(0, 3)} {
		if _, err := n.Forward(x); err == nil || !strings.Contains(err.Error(), "(N, C, …)") {
			t.Errorf("Forward(%s): %v", train.ShapeOf(x), err)
		}
	}
	if _, err := n.Forward(engine.New(2, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Backward(engine.New(3, 2)); err == nil || !strings.Contains(err.Error(), "(2, 3)") {
		t.Errorf("Backward with the wrong shape: %v", err)
	}
}

// ExampleShiftNoise shows one train-mode step on two samples of one unit
// and the eval-mode identity.
func ExampleShiftNoise() {
	n, _ := train.NewShiftNoise(train.NoiseSpec{Shift: 1, ScaleLo: 0.5, ScaleHi: 1.5}, rand.New(rand.NewPCG(1, 2)))
	x, _ := engine.FromData([]float32{-1, 1}, 2, 1)
	y, _ := n.Forward(x)
	s, b := n.Last()
	fmt.Printf("s=%.3f b=%.3f y=[%.3f %.3f]\n", s[0], b[0], y.Data[0], y.Data[1])
	n.SetTraining(false)
	y, _ = n.Forward(x)
	fmt.Println(y.Data)
	// Output:
	// s=1.176 b=-0.077 y=[-1.254 1.099]
	// [-1 1]
}
