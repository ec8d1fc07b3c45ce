package engine

import (
	"math"
	"testing"
)

func TestActivations(t *testing.T) {
	x, _ := FromData([]float32{-2, -0.5, 0, 0.5, 2, 30, -30}, 7)
	cases := []struct {
		l    *Activation
		repr string
		f    func(float64) float64
	}{
		{NewReLU(), "ReLU()", func(v float64) float64 { return math.Max(0, v) }},
		{NewSigmoid(), "Sigmoid()", func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }},
		{NewTanh(), "Tanh()", math.Tanh},
	}
	for _, c := range cases {
		if got := c.l.String(); got != c.repr || c.l.Kind()+"()" != c.repr {
			t.Errorf("String() = %q, Kind() = %q, want %q", got, c.l.Kind(), c.repr)
		}
		y, err := c.l.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range x.Data {
			if want := c.f(float64(v)); math.Abs(float64(y.Data[i])-want) > 1e-7*(1+math.Abs(want)) {
				t.Errorf("%s(%g) = %g, want %g", c.repr, v, y.Data[i], want)
			}
		}
		if _, err := c.l.Backward(New(3)); err == nil {
			t.Errorf("%s: Backward with wrong shape gave no error", c.repr)
		}
	}
}

func TestReLUGradientAtZero(t *testing.T) {
	l := NewReLU()
	x, _ := FromData([]float32{0, 1, -1}, 3)
	l.Forward(x)
	g, _ := FromData([]float32{5, 5, 5}, 3)
	gx, err := l.Backward(g)
	if err != nil {
		t.Fatal(err)
	}
	if !sameF32s(gx.Data, []float32{0, 5, 0}) {
		t.Errorf("gradient %v, want [0 5 0] (PyTorch: 0 at x = 0)", gx.Data)
	}
}

func TestReLUNaNAndNegativeZero(t *testing.T) {
	nan := float32(math.NaN())
	negZero := float32(math.Copysign(0, -1))
	l := NewReLU()
	x, _ := FromData([]float32{nan, negZero, -3, 2}, 4)
	y, _ := l.Forward(x)
	if y.Data[0] == y.Data[0] || y.Data[1] != 0 || math.Signbit(float64(y.Data[1])) || y.Data[2] != 0 || y.Data[3] != 2 {
		t.Errorf("relu(NaN, -0, -3, 2) = %v, want [NaN 0 0 2]", y.Data)
	}
	g, _ := FromData([]float32{1, 1, 1, 1}, 4)
	gx, _ := l.Backward(g)
	if !sameF32s(gx.Data, []float32{1, 0, 0, 1}) {
		t.Errorf("gradient %v, want [1 0 0 1] (NaN output passes, as PyTorch)", gx.Data)
	}
}
