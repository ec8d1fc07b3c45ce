package engine

import (
	"fmt"
	"math"
)

// Activation is an element-wise non-linearity with PyTorch's semantics:
// ReLU, Sigmoid or Tanh. It has no parameters and behaves the same in
// train and eval mode.
//
// Ownership: the tensors returned by Forward and Backward are reused by the
// next call; Clone them to keep them.
type Activation struct {
	kind     string
	f        func(y, x []float32)
	df       func(gx, gy, y []float32) // dL/dx from dL/dy and the output y
	training bool
	y, gx    *Tensor
}

// NewReLU returns ReLU, y = max(0, x), with gradient 1 where y > 0 and 0
// elsewhere (so 0 at x = 0, as PyTorch).
func NewReLU() *Activation { return &Activation{kind: "ReLU", f: reluF, df: reluDF, training: true} }

// NewSigmoid returns Sigmoid, y = 1 / (1 + e^−x), dy/dx = y (1 − y).
func NewSigmoid() *Activation {
	return &Activation{kind: "Sigmoid", f: sigmoidF, df: sigmoidDF, training: true}
}

// NewTanh returns Tanh, y = tanh x, dy/dx = 1 − y².
func NewTanh() *Activation { return &Activation{kind: "Tanh", f: tanhF, df: tanhDF, training: true} }

// Kind returns "ReLU", "Sigmoid" or "Tanh".
func (a *Activation) Kind() string { return a.kind }

// String returns PyTorch's repr, e.g. "ReLU()".
func (a *Activation) String() string { return a.kind + "()" }

// Params returns nil.
func (a *Activation) Params() []*Param { return nil }

// Buffers returns nil.
func (a *Activation) Buffers() []*Buffer { return nil }

// SetTraining sets the mode; activations behave the same in both.
func (a *Activation) SetTraining(train bool) { a.training = train }

// Training reports whether the layer is in train mode.
func (a *Activation) Training() bool { return a.training }

// Forward applies the function element-wise to x of any shape.
func (a *Activation) Forward(x *Tensor) (*Tensor, error) {
	if x == nil {
		return nil, fmt.Errorf("engine: %s: nil input", a)
	}
	a.y = reuseTensor(a.y, x.Shape...)
	a.f(a.y.Data, x.Data)
	return a.y, nil
}

// Backward returns dL/dx from dL/dy, using the saved output.
func (a *Activation) Backward(gy *Tensor) (*Tensor, error) {
	if a.y == nil {
		return nil, ErrNoForward
	}
	if gy == nil || !SameShape(gy, a.y) {
		return nil, fmt.Errorf("engine: %s: gradient shape %s does not match output shape %s", a, shapeOrNilString(gy), a.y.ShapeString())
	}
	a.gx = reuseTensor(a.gx, a.y.Shape...)
	a.df(a.gx.Data, gy.Data, a.y.Data)
	return a.gx, nil
}

// reluF is branch-free: Go's max returns NaN for a NaN input (as
// torch.relu) and +0 for −0. A data-dependent branch here mispredicts on
// half of the inputs and ran four times slower.
func reluF(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		// Not max(v, 0): under wasm that is a call to runtime.fmax32 per
		// element. v != v keeps NaN, as max and PyTorch's relu do.
		if v > 0 || v != v {
			y[i] = v
		} else {
			y[i] = 0
		}
	}
}

// reluDF passes gy where the output y is non-zero (y > 0, or NaN as
// PyTorch's threshold_backward, whose test y <= 0 is false for NaN) and
// gives 0 where y = 0, by masking the bits: no branch to mispredict.
func reluDF(gx, gy, y []float32) {
	gx, gy = gx[:len(y)], gy[:len(y)]
	for i, v := range y {
		b := math.Float32bits(v)
		keep := uint32(int32(b|-b) >> 31) // all ones iff b != 0
		gx[i] = math.Float32frombits(math.Float32bits(gy[i]) & keep)
	}
}

// sigmoidF evaluates 1/(1+e^−x) in float64, in the form that cannot
// overflow: e^x/(1+e^x) for x < 0. sigmoidExp is math.Exp, faster under wasm.
func sigmoidF(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		if v >= 0 {
			y[i] = float32(1 / (1 + sigmoidExp(-float64(v))))
		} else {
			e := sigmoidExp(float64(v))
			y[i] = float32(e / (1 + e))
		}
	}
}

func sigmoidDF(gx, gy, y []float32) {
	gx, gy = gx[:len(y)], gy[:len(y)]
	for i, v := range y {
		gx[i] = gy[i] * (1 - v) * v // PyTorch's order of rounding
	}
}

func tanhF(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] = float32(math.Tanh(float64(v)))
	}
}

func tanhDF(gx, gy, y []float32) {
	gx, gy = gx[:len(y)], gy[:len(y)]
	for i, v := range y {
		gx[i] = gy[i] * (1 - v*v)
	}
}
