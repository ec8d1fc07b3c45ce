package engine

import (
	"fmt"
	"math"
)

// SGD is torch.optim.SGD. For each parameter p with gradient g, at step t:
//
//	g ← g + λ p                                  (weight_decay λ)
//	b ← g                                  t = 1 (momentum μ ≠ 0: buffer = grad on first step)
//	b ← μ b + (1 − τ) g                    t > 1 (dampening τ)
//	g ← g + μ b  (nesterov)   or   g ← b  (otherwise)
//	p ← p − η g                                  (learning rate η)
//
// Arithmetic is float32 element by element, in PyTorch's order.
type SGD struct {
	params    []*Param
	lr        float64
	momentum  float64
	dampening float64
	decay     float64
	nesterov  bool
	bufs      [][]float32 // momentum buffers, nil until the first step
}

// SGDConfig holds SGD's hyper-parameters, named as in PyTorch. The zero value
// of every field but LR is PyTorch's default.
type SGDConfig struct {
	LR, Momentum, Dampening, WeightDecay float64
	Nesterov                             bool
}

// NewSGD returns an SGD optimiser for params. As PyTorch, it refuses a
// negative learning rate, momentum or weight decay, and Nesterov momentum
// without momentum or with dampening.
func NewSGD(params []*Param, c SGDConfig) (*SGD, error) {
	if err := checkLR("SGD", c.LR); err != nil {
		return nil, err
	}
	switch {
	case !(c.Momentum >= 0) || math.IsInf(c.Momentum, 0):
		return nil, fmt.Errorf("engine: SGD: invalid momentum value %v", c.Momentum)
	case !(c.WeightDecay >= 0) || math.IsInf(c.WeightDecay, 0):
		return nil, fmt.Errorf("engine: SGD: invalid weight_decay value %v", c.WeightDecay)
	case math.IsNaN(c.Dampening) || math.IsInf(c.Dampening, 0):
		return nil, fmt.Errorf("engine: SGD: invalid dampening value %v", c.Dampening)
	case c.Nesterov && (c.Momentum <= 0 || c.Dampening != 0):
		return nil, fmt.Errorf("engine: SGD: Nesterov momentum requires a momentum and zero dampening (got momentum=%v, dampening=%v)", c.Momentum, c.Dampening)
	}
	if err := checkParams("SGD", params); err != nil {
		return nil, err
	}
	return &SGD{params: append([]*Param(nil), params...), lr: c.LR, momentum: c.Momentum,
		dampening: c.Dampening, decay: c.WeightDecay, nesterov: c.Nesterov}, nil
}

// Step applies one SGD update to every parameter.
func (o *SGD) Step() error {
	if err := checkParams("SGD", o.params); err != nil {
		return err
	}
	if o.momentum != 0 && o.bufs == nil {
		o.bufs = make([][]float32, len(o.params))
	}
	lr, mu := float32(o.lr), float32(o.momentum)
	damp, wd := float32(1-o.dampening), float32(o.decay)
	for i, p := range o.params {
		if p.Grad == nil {
			continue // as PyTorch: a parameter without .grad is skipped
		}
		w, g := p.Value.Data, p.Grad.Data
		if mu == 0 {
			sgdPlain(w, g, lr, wd)
			continue
		}
		b := o.bufs[i]
		if b == nil {
			b = make([]float32, len(w))
			o.bufs[i] = b
			sgdFirstStep(w, g, b, lr, mu, wd, o.nesterov)
			continue
		}
		switch {
		case o.nesterov && wd != 0:
			sgdNesterovDecay(w, g, b, lr, mu, damp, wd)
		case o.nesterov:
			sgdNesterov(w, g, b, lr, mu, damp)
		case wd != 0:
			sgdMomentumDecay(w, g, b, lr, mu, damp, wd)
		default:
			sgdMomentum(w, g, b, lr, mu, damp)
		}
	}
	return nil
}

// ZeroGrad sets every gradient to zero.
func (o *SGD) ZeroGrad() { zeroGrads(o.params) }

// LR returns the learning rate.
func (o *SGD) LR() float64 { return o.lr }

// SetLR changes the learning rate (e.g. from a lesson's slider).
func (o *SGD) SetLR(lr float64) error {
	if err := checkLR("SGD", lr); err != nil {
		return err
	}
	o.lr = lr
	return nil
}

// Params returns the parameters being optimised.
func (o *SGD) Params() []*Param { return o.params }

// Reset forgets the momentum buffers, as a freshly built optimiser.
func (o *SGD) Reset() { o.bufs = nil }

// SGD update kernels, one per combination of options so that the inner
// loops carry no branch (the weight decay, first-step and Nesterov tests of
// the formula in sgd.go are decided once per parameter, not per element).
// Each performs the float32 operations of that formula in PyTorch's order;
// the decay term is added only when λ ≠ 0, as PyTorch does (0·w would turn
// an infinite weight into NaN). Slices are resliced to len(w) first so that
// the compiler drops the bounds checks.

// sgdPlain is the update without momentum: p ← p − η (g + λ p).
func sgdPlain(w, g []float32, lr, wd float32) {
	g = g[:len(w)]
	if wd == 0 {
		for j, d := range g {
			w[j] -= lr * d
		}
		return
	}
	for j, d := range g {
		d += wd * w[j]
		w[j] -= lr * d
	}
}

// sgdFirstStep is the first momentum step, which sets the buffer to the
// (decayed) gradient. It runs once per parameter, so it keeps its branches.
func sgdFirstStep(w, g, b []float32, lr, mu, wd float32, nesterov bool) {
	g, b = g[:len(w)], b[:len(w)]
	for j := range w {
		d := g[j]
		if wd != 0 {
			d += wd * w[j]
		}
		b[j] = d
		if nesterov {
			d += mu * b[j]
		} else {
			d = b[j]
		}
		w[j] -= lr * d
	}
}

// sgdMomentum: b ← μ b + (1 − τ) g;  p ← p − η b.
func sgdMomentum(w, g, b []float32, lr, mu, damp float32) {
	g, b = g[:len(w)], b[:len(w)]
	for j, d := range g {
		bj := mu*b[j] + damp*d
		b[j] = bj
		w[j] -= lr * bj
	}
}

// sgdMomentumDecay: d = g + λ p;  b ← μ b + (1 − τ) d;  p ← p − η b.
func sgdMomentumDecay(w, g, b []float32, lr, mu, damp, wd float32) {
	g, b = g[:len(w)], b[:len(w)]
	for j, d := range g {
		d += wd * w[j]
		bj := mu*b[j] + damp*d
		b[j] = bj
		w[j] -= lr * bj
	}
}

// sgdNesterov: b ← μ b + (1 − τ) g;  p ← p − η (g + μ b).
func sgdNesterov(w, g, b []float32, lr, mu, damp float32) {
	g, b = g[:len(w)], b[:len(w)]
	for j, d := range g {
		bj := mu*b[j] + damp*d
		b[j] = bj
		d += mu * bj
		w[j] -= lr * d
	}
}

// sgdNesterovDecay: d = g + λ p;  b ← μ b + (1 − τ) d;  p ← p − η (d + μ b).
func sgdNesterovDecay(w, g, b []float32, lr, mu, damp, wd float32) {
	g, b = g[:len(w)], b[:len(w)]
	for j, d := range g {
		d += wd * w[j]
		bj := mu*b[j] + damp*d
		b[j] = bj
		d += mu * bj
		w[j] -= lr * d
	}
}
