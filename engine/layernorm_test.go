package engine

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestLayerNormGradient(t *testing.T) {
	cases := []struct {
		name   string
		norm   []int
		shape  []int
		affine bool
		train  bool
	}{
		{"last_dim_train", []int{5}, []int{4, 5}, true, true},
		{"last_dim_eval", []int{5}, []int{4, 5}, true, false},
		{"two_dims", []int{3, 4}, []int{2, 3, 4}, true, true},
		{"no_affine", []int{6}, []int{3, 2, 6}, false, true},
		{"whole_sample_eval", []int{2, 3, 3}, []int{2, 2, 3, 3}, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(11, 12))
			l, err := NewLayerNorm(tc.norm, 1e-5, tc.affine)
			if err != nil {
				t.Fatal(err)
			}
			randomiseAffine(r, l.Params())
			l.SetTraining(tc.train)
			gradCheck(t, l, randTensor(r, tc.shape...), 1e-2, 5e-3)
		})
	}
}

// TestLayerNormPerSample checks that each sample is normalised on its own:
// a sample gives the same output alone as inside a batch, with mean 0 and
// variance ≈ 1 over its features.
func TestLayerNormPerSample(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	l, _ := NewLayerNorm([]int{8}, 1e-5, true)
	x := randTensor(r, 4, 8)
	y, err := l.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		one, _ := FromData(append([]float32(nil), x.Data[i*8:(i+1)*8]...), 1, 8)
		y1, err := l.Forward(one)
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]float64, 8)
		for k := range 8 {
			if y1.Data[k] != y.Data[i*8+k] {
				t.Fatalf("sample %d alone differs from the batch at %d: %v vs %v", i, k, y1.Data[k], y.Data[i*8+k])
			}
			vals[k] = float64(y1.Data[k])
		}
		if m, v := meanVar(vals); math.Abs(m) > 1e-6 || math.Abs(v-1) > 1e-3 {
			t.Errorf("sample %d: mean %v, variance %v", i, m, v)
		}
	}
}

func TestLayerNormRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		norm []int
		eps  float64
		want string
	}{
		{nil, 1e-5, "must not be empty"},
		{[]int{3, 0}, 1e-5, "positive dimensions"},
		{[]int{3}, 0, "eps must be positive"},
	} {
		if _, err := NewLayerNorm(tc.norm, tc.eps, true); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewLayerNorm(%v, %v): %v, want %q", tc.norm, tc.eps, err, tc.want)
		}
	}
	l, _ := NewLayerNorm([]int{2, 3}, 1e-5, true)
	for _, shape := range [][]int{{4, 3, 2}, {3}, {0, 2, 3}} {
		if _, err := l.Forward(New(shape...)); err == nil || !strings.Contains(err.Error(), "LayerNorm") {
			t.Errorf("Forward %s: %v, want an error", ShapeString(shape), err)
		}
	}
	if _, err := l.Backward(New(1, 2, 3)); err != ErrNoForward {
		t.Errorf("Backward before Forward: %v", err)
	}
	if _, err := l.Forward(New(1, 2, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Backward(New(2, 2, 3)); err == nil || !strings.Contains(err.Error(), "(2, 2, 3)") {
		t.Errorf("Backward with a wrong shape: %v", err)
	}
}

func TestLayerNormString(t *testing.T) {
	for _, tc := range []struct {
		norm   []int
		eps    float64
		affine bool
		want   string
	}{
		{[]int{4}, 1e-5, true, "LayerNorm((4,), eps=1e-05, elementwise_affine=True)"},
		{[]int{2, 3}, 1e-6, false, "LayerNorm((2, 3), eps=1e-06, elementwise_affine=False)"},
	} {
		l, err := NewLayerNorm(tc.norm, tc.eps, tc.affine)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}
