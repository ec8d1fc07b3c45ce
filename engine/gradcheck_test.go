package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// gradCheck checks a layer's Backward against central finite differences.
//
// The loss is L = Σᵢ wᵢ yᵢ with fixed pseudo-random weights w (seeded, so a
// failure replays), accumulated in float64, so dL/dy = w. Backward(w) must
// give dL/dx and add dL/dθ into every Param.Grad (zeroed here first). Each
// analytic value a is compared with the numeric
//
//	n = (L(v + h) − L(v − h)) / 2h
//
// and the check fails when |a − n| > tol · max(1, |n|). Tensors with more
// than 256 elements are checked at 256 seeded random positions. The caller
// chooses x away from kinks (ReLU at 0, ties in a max). The layer's mode is
// left as the caller set it; x and the parameters are restored afterwards.
func gradCheck(t *testing.T, l Layer, x *Tensor, h, tol float64) {
	t.Helper()
	y, err := l.Forward(x)
	if err != nil {
		t.Fatalf("%s: forward: %v", l, err)
	}
	r := rand.New(rand.NewPCG(7, 11))
	w := New(y.Shape...)
	for i := range w.Data {
		w.Data[i] = float32(r.Float64()*2 - 1)
	}
	for _, p := range l.Params() {
		if p.Grad == nil {
			p.Grad = New(p.Value.Shape...)
		}
		clear(p.Grad.Data)
	}
	gx, err := l.Backward(w)
	if err != nil {
		t.Fatalf("%s: backward: %v", l, err)
	}
	if gx == nil || !SameShape(gx, x) {
		t.Fatalf("%s: input gradient shape %v, want %s", l, gx, x.ShapeString())
	}
	gxData := append([]float32(nil), gx.Data...)
	loss := func() float64 {
		out, err := l.Forward(x)
		if err != nil {
			t.Fatalf("%s: forward: %v", l, err)
		}
		if !SameShape(out, w) {
			t.Fatalf("%s: output shape changed to %s", l, out.ShapeString())
		}
		s := 0.0
		for i, v := range out.Data {
			s += float64(w.Data[i]) * float64(v)
		}
		return s
	}
	check := func(name string, v []float32, analytic []float32) {
		t.Helper()
		idx := make([]int, len(v))
		for i := range idx {
			idx[i] = i
		}
		if len(idx) > 256 {
			r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
			idx = idx[:256]
		}
		bad := 0
		for _, i := range idx {
			old := v[i]
			v[i] = float32(float64(old) + h)
			lp := loss()
			v[i] = float32(float64(old) - h)
			lm := loss()
			v[i] = old
			// The step actually taken in float32, not the nominal h.
			step := float64(float32(float64(old)+h)) - float64(float32(float64(old)-h))
			n := (lp - lm) / step
			a := float64(analytic[i])
			if math.Abs(a-n) > tol*math.Max(1, math.Abs(n)) {
				if bad < 5 {
					t.Errorf("%s: d/d%s[%d]: backward %.6g, finite difference %.6g", l, name, i, a, n)
				}
				bad++
			}
		}
		if bad > 5 {
			t.Errorf("%s: d/d%s: %d of %d entries wrong", l, name, bad, len(idx))
		}
	}
	check("x", x.Data, gxData)
	for _, p := range l.Params() {
		check(p.Name, p.Value.Data, append([]float32(nil), p.Grad.Data...))
	}
}

// randTensor returns a tensor with entries uniform in [-1, 1), from a seeded
// generator.
func randTensor(r *rand.Rand, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = float32(r.Float64()*2 - 1)
	}
	return t
}

// awayFromZero returns a tensor with entries of magnitude in [0.2, 1) and
// random sign, so no entry sits near ReLU's kink.
func awayFromZero(r *rand.Rand, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		v := float32(0.2 + 0.8*r.Float64())
		if r.IntN(2) == 0 {
			v = -v
		}
		t.Data[i] = v
	}
	return t
}

// distinctValues returns a tensor holding a random permutation of evenly
// spaced values in [-2, 2), so that every max is unique by a wide margin.
func distinctValues(r *rand.Rand, shape ...int) *Tensor {
	t := New(shape...)
	n := t.Len()
	for i, p := range r.Perm(n) {
		t.Data[i] = float32(-2 + 4*(float64(p)+0.5)/float64(n))
	}
	return t
}

func TestLayerGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	mk := func(l Layer, err error) Layer {
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	cases := []struct {
		name string
		l    Layer
		x    *Tensor
	}{
		{"Linear", mk(NewLinear(7, 5, true, r)), randTensor(r, 4, 7)},
		{"LinearNoBias", mk(NewLinear(7, 5, false, r)), randTensor(r, 4, 7)},
		{"Linear3d", mk(NewLinear(6, 3, true, r)), randTensor(r, 2, 3, 6)},
		{"Conv2d", mk(NewConv2d(2, 3, 3, 1, 1, true, r)), randTensor(r, 2, 2, 5, 6)},
		{"Conv2dStride2NoPad", mk(NewConv2d(3, 2, 3, 2, 0, true, r)), randTensor(r, 2, 3, 7, 8)},
		{"Conv2dRect", mk(NewConv2dRect(2, 4, [2]int{2, 3}, [2]int{1, 2}, [2]int{1, 2}, false, r)), randTensor(r, 3, 2, 5, 5)},
		{"MaxPool2d", mk(NewMaxPool2d(2, 2, 0)), distinctValues(r, 2, 3, 6, 6)},
		{"MaxPool2dOverlapPad", mk(NewMaxPool2d(3, 2, 1)), distinctValues(r, 2, 2, 7, 6)},
		{"ReLU", NewReLU(), awayFromZero(r, 3, 8)},
		{"Sigmoid", NewSigmoid(), randTensor(r, 3, 8)},
		{"Tanh", NewTanh(), randTensor(r, 3, 2, 4)},
		{"Flatten", NewFlatten(), randTensor(r, 2, 3, 2, 2)},
		{"FlattenDims", NewFlattenDims(0, -2), randTensor(r, 2, 3, 4)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gradCheck(t, c.l, c.x, 1e-2, 2e-3)
		})
	}
}
