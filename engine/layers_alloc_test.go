package engine

import (
	"math/rand/v2"
	"testing"
)

// TestLayersSteadyStateAllocs checks that, once their buffers exist, a
// forward and backward step of each layer allocates nothing.
func TestLayersSteadyStateAllocs(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	lin, _ := NewLinear(50, 20, true, r)
	conv, _ := NewConv2d(2, 4, 3, 1, 1, true, r)
	pool, _ := NewMaxPool2d(2, 2, 0)
	cases := []struct {
		l     Layer
		x, gy *Tensor
	}{
		{lin, randTensor(r, 8, 50), randTensor(r, 8, 20)},
		{conv, randTensor(r, 2, 2, 8, 8), randTensor(r, 2, 4, 8, 8)},
		{pool, randTensor(r, 2, 3, 8, 8), randTensor(r, 2, 3, 4, 4)},
		{NewReLU(), randTensor(r, 4, 5), randTensor(r, 4, 5)},
		{NewSigmoid(), randTensor(r, 4, 5), randTensor(r, 4, 5)},
		{NewTanh(), randTensor(r, 4, 5), randTensor(r, 4, 5)},
		{NewFlatten(), randTensor(r, 2, 3, 4), randTensor(r, 2, 12)},
	}
	for _, c := range cases {
		allocs := testing.AllocsPerRun(10, func() {
			if _, err := c.l.Forward(c.x); err != nil {
				t.Fatal(err)
			}
			if _, err := c.l.Backward(c.gy); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > 0 {
			t.Errorf("%s: %v allocations per step, want 0", c.l, allocs)
		}
	}
}
