package engine

import (
	"fmt"
	"math"
)

// Adam is torch.optim.Adam (Kingma & Ba 2015, with PyTorch's L2 weight
// decay, amsgrad off). For each parameter p with gradient g, at step t:
//
//	g ← g + λ p                                      (weight_decay λ)
//	m ← β₁ m + (1 − β₁) g
//	v ← β₂ v + (1 − β₂) g²
//	p ← p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
//
// with m and v starting at zero. Arithmetic is float32, in PyTorch's order
// (single-tensor implementation); the bias corrections are computed in
// float64 as PyTorch computes them in Python.
type Adam struct {
	params       []*Param
	lr           float64
	beta1, beta2 float64
	eps, decay   float64
	m, v         [][]float32
	steps        []int
}

// AdamConfig holds Adam's hyper-parameters, named as in PyTorch.
// DefaultAdam gives PyTorch's defaults.
type AdamConfig struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
}

// DefaultAdam returns PyTorch's defaults: lr 1e-3, betas (0.9, 0.999),
// eps 1e-8, weight_decay 0.
func DefaultAdam() AdamConfig {
	return AdamConfig{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
}

// NewAdam returns an Adam optimiser for params. As PyTorch, it refuses a
// negative learning rate, eps or weight decay and betas outside [0, 1).
func NewAdam(params []*Param, c AdamConfig) (*Adam, error) {
	if err := checkLR("Adam", c.LR); err != nil {
		return nil, err
	}
	switch {
	case !(c.Eps >= 0) || math.IsInf(c.Eps, 0):
		return nil, fmt.Errorf("engine: Adam: invalid epsilon value %v", c.Eps)
	case !(c.Beta1 >= 0 && c.Beta1 < 1):
		return nil, fmt.Errorf("engine: Adam: invalid beta parameter at index 0: %v", c.Beta1)
	case !(c.Beta2 >= 0 && c.Beta2 < 1):
		return nil, fmt.Errorf("engine: Adam: invalid beta parameter at index 1: %v", c.Beta2)
	case !(c.WeightDecay >= 0) || math.IsInf(c.WeightDecay, 0):
		return nil, fmt.Errorf("engine: Adam: invalid weight_decay value %v", c.WeightDecay)
	}
	if err := checkParams("Adam", params); err != nil {
		return nil, err
	}
	n := len(params)
	return &Adam{params: append([]*Param(nil), params...), lr: c.LR, beta1: c.Beta1, beta2: c.Beta2,
		eps: c.Eps, decay: c.WeightDecay, m: make([][]float32, n), v: make([][]float32, n), steps: make([]int, n)}, nil
}

// Step applies one Adam update to every parameter that has a gradient.
func (o *Adam) Step() error {
	if err := checkParams("Adam", o.params); err != nil {
		return err
	}
	b1, b2 := float32(o.beta1), float32(o.beta2)
	c1, c2 := float32(1-o.beta1), float32(1-o.beta2) // as PyTorch's alpha=1-beta
	wd, eps := float32(o.decay), float32(o.eps)
	for i, p := range o.params {
		if p.Grad == nil {
			continue
		}
		w, g := p.Value.Data, p.Grad.Data
		if o.m[i] == nil {
			o.m[i], o.v[i] = make([]float32, len(w)), make([]float32, len(w))
		}
		o.steps[i]++
		t := float64(o.steps[i])
		bc1 := 1 - math.Pow(o.beta1, t)
		bc2 := 1 - math.Pow(o.beta2, t)
		stepSize := float32(o.lr / bc1)
		bc2Sqrt := float32(math.Sqrt(bc2))
		m, v := o.m[i], o.v[i]
		for j := range w {
			d := g[j]
			if wd != 0 {
				d += wd * w[j]
			}
			m[j] = b1*m[j] + c1*d
			v[j] = b2*v[j] + c2*d*d
			denom := float32(math.Sqrt(float64(v[j])))/bc2Sqrt + eps
			w[j] -= stepSize * (m[j] / denom)
		}
	}
	return nil
}

// ZeroGrad sets every gradient to zero.
func (o *Adam) ZeroGrad() { zeroGrads(o.params) }

// LR returns the learning rate.
func (o *Adam) LR() float64 { return o.lr }

// SetLR changes the learning rate.
func (o *Adam) SetLR(lr float64) error {
	if err := checkLR("Adam", lr); err != nil {
		return err
	}
	o.lr = lr
	return nil
}

// Params returns the parameters being optimised.
func (o *Adam) Params() []*Param { return o.params }

// Reset forgets the moment estimates and step counts.
func (o *Adam) Reset() {
	for i := range o.params {
		o.m[i], o.v[i], o.steps[i] = nil, nil, 0
	}
}
