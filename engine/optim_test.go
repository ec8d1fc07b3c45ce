package engine

import (
	"math"
	"strings"
	"testing"
)

// scalarParam returns a one-element parameter with value w.
func scalarParam(w float32) *Param {
	return &Param{Name: "w", Value: &Tensor{Shape: []int{1}, Data: []float32{w}}, Grad: New(1)}
}

// TestSGDSteps checks torch.optim.SGD's update against steps computed by
// hand (w0 = 1, lr = 0.1; gradients as listed):
//
//	plain, wd 0.01, g 0.5:        w1 = 1 − 0.1·(0.5 + 0.01)                        = 0.949
//	momentum 0.9, wd 0.01, g 0.5: b1 = 0.51, w1 = 0.949;
//	                              b2 = 0.9·0.51 + (0.5 + 0.01·0.949) = 0.96849, w2 = 0.852151
//	nesterov 0.9, wd 0.01:        w1 = 1 − 0.1·(0.51 + 0.9·0.51)                   = 0.9031
//	momentum 0.9, dampening 0.5, g 0.5 then −0.25: b1 = 0.5 (buffer = grad on the
//	                              first step, no dampening), w1 = 0.95; b2 = 0.45 − 0.125, w2 = 0.9175
func TestSGDSteps(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   SGDConfig
		grads []float32
		want  []float64
	}{
		{"plain", SGDConfig{LR: 0.1, WeightDecay: 0.01}, []float32{0.5}, []float64{0.949}},
		{"momentum", SGDConfig{LR: 0.1, Momentum: 0.9, WeightDecay: 0.01}, []float32{0.5, 0.5}, []float64{0.949, 0.852151}},
		{"nesterov", SGDConfig{LR: 0.1, Momentum: 0.9, WeightDecay: 0.01, Nesterov: true}, []float32{0.5}, []float64{0.9031}},
		{"dampening", SGDConfig{LR: 0.1, Momentum: 0.9, Dampening: 0.5}, []float32{0.5, -0.25}, []float64{0.95, 0.9175}},
	} {
		p := scalarParam(1)
		o, err := NewSGD([]*Param{p}, tc.cfg)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for i, g := range tc.grads {
			p.Grad.Data[0] = g
			if err := o.Step(); err != nil {
				t.Fatal(err)
			}
			if got := float64(p.Value.Data[0]); math.Abs(got-tc.want[i]) > 1e-6 {
				t.Errorf("%s step %d: w = %.7f, want %.7f", tc.name, i+1, got, tc.want[i])
			}
		}
	}
}

// TestAdamSteps checks torch.optim.Adam against hand-computed steps. With a
// constant gradient g the bias-corrected ratio m̂/√v̂ is exactly sign(g), so
// each step moves w by lr (1 → 0.9 → 0.8). With weight_decay 0.1 the
// gradient becomes g + 0.1·w (0.6, then 0.59), giving
//
//	m = 0.06, 0.113; v = 0.00036, 0.00070774
//	w2 = 0.9 − (0.1/0.19) · 0.113 / (√0.00070774 / √0.001999 + 1e-8) = 0.8000473
func TestAdamSteps(t *testing.T) {
	for _, tc := range []struct {
		name string
		wd   float64
		want []float64
	}{
		{"constant", 0, []float64{0.9, 0.8}},
		{"weight_decay", 0.1, []float64{0.9, 0.8000473}},
	} {
		p := scalarParam(1)
		c := DefaultAdam()
		c.LR, c.WeightDecay = 0.1, tc.wd
		o, err := NewAdam([]*Param{p}, c)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range tc.want {
			p.Grad.Data[0] = 0.5
			if err := o.Step(); err != nil {
				t.Fatal(err)
			}
			if got := float64(p.Value.Data[0]); math.Abs(got-want) > 2e-6 {
				t.Errorf("%s step %d: w = %.7f, want %.7f", tc.name, i+1, got, want)
			}
		}
	}
}

func TestOptimizerBadConfig(t *testing.T) {
	ps := []*Param{scalarParam(1)}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"sgd lr", second(NewSGD(ps, SGDConfig{LR: -1})), "invalid learning rate -1"},
		{"sgd momentum", second(NewSGD(ps, SGDConfig{LR: 0.1, Momentum: -0.5})), "invalid momentum value -0.5"},
		{"sgd wd", second(NewSGD(ps, SGDConfig{LR: 0.1, WeightDecay: -1})), "invalid weight_decay value -1"},
		{"sgd nesterov", second(NewSGD(ps, SGDConfig{LR: 0.1, Nesterov: true})), "Nesterov momentum requires a momentum and zero dampening"},
		{"adam beta", second(NewAdam(ps, AdamConfig{LR: 0.1, Beta1: 1, Beta2: 0.9})), "invalid beta parameter at index 0: 1"},
		{"adam eps", second(NewAdam(ps, AdamConfig{LR: 0.1, Beta1: 0.9, Beta2: 0.9, Eps: -1})), "invalid epsilon value -1"},
		{"adam lr", second(NewAdam(ps, AdamConfig{LR: math.NaN()})), "invalid learning rate NaN"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, tc.err, tc.want)
		}
	}
	o, _ := NewSGD(ps, SGDConfig{LR: 0.1})
	if err := o.SetLR(-3); err == nil || o.LR() != 0.1 {
		t.Errorf("SetLR(-3): err %v, lr %v", err, o.LR())
	}
	// A gradient whose size does not match is refused before anything moves.
	bad := &Param{Name: "b", Value: New(2), Grad: New(3)}
	good := scalarParam(1)
	good.Grad.Data[0] = 1
	o2, _ := NewSGD([]*Param{good}, SGDConfig{LR: 0.1})
	o2.params = append(o2.params, bad)
	if err := o2.Step(); err == nil || good.Value.Data[0] != 1 {
		t.Errorf("mismatched gradient: err %v, w %v (want error, w unchanged)", err, good.Value.Data[0])
	}
}

func second[T any](_ T, err error) error { return err }
