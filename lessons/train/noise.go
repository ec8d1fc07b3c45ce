package train

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"bnlab/engine"
)

// NoiseSpec parametrises a ShiftNoise layer. At every train-mode Forward
// each unit (feature, or channel of a map) c draws afresh
//
//	s_c ~ U(ScaleLo, ScaleHi)      b_c ~ U(−Shift, Shift)
//
// and every sample's value becomes y = s_c · x + b_c. The zero NoiseSpec
// means "no noise layer".
type NoiseSpec struct {
	Shift            float64 `json:"shift"`
	ScaleLo, ScaleHi float64 `json:"-"`
}

// On reports whether the spec asks for noise layers.
func (s NoiseSpec) On() bool { return s != NoiseSpec{} }

// check refuses a spec whose ranges are empty, negative or not finite.
func (s NoiseSpec) check() error {
	if !(s.Shift >= 0 && s.Shift < 1e6 && s.ScaleLo > 0 && s.ScaleHi >= s.ScaleLo && s.ScaleHi < 1e6) {
		return fmt.Errorf("lessons: noise needs 0 ≤ shift and 0 < scale low ≤ scale high, got shift=%v scale=[%v, %v]",
			s.Shift, s.ScaleLo, s.ScaleHi)
	}
	return nil
}

// ShiftNoise re-introduces internal covariate shift after a BatchNorm
// layer, for a variant of Santurkar et al.'s "noisy BatchNorm" experiment
// (NeurIPS 2018, §2.1, which perturbs each activation of each sample with
// noise of non-zero mean and non-unit variance, changing at every training
// step; here one shift and scale per unit is shared by the batch). In train mode it multiplies each unit by a random scale and adds
// a random shift, both drawn per unit at every Forward (NoiseSpec); the
// gradient is
//
//	∂L/∂x = s_c · ∂L/∂y
//
// (the noise is a constant of the step, not a parameter). In eval mode it
// is the identity. It has no parameters or buffers and lives in lessons/,
// not engine/: PyTorch has no such layer.
type ShiftNoise struct {
	spec     NoiseSpec
	rng      *rand.Rand
	training bool

	scale, shift []float32 // the last train-mode draw, per unit
	fwd          bool
	fwdTrain     bool
	shape        []int
}

// NewShiftNoise returns a ShiftNoise in train mode drawing from rng.
func NewShiftNoise(spec NoiseSpec, rng *rand.Rand) (*ShiftNoise, error) {
	if err := spec.check(); err != nil {
		return nil, err
	}
	if rng == nil {
		return nil, fmt.Errorf("lessons: ShiftNoise needs a *rand.Rand")
	}
	return &ShiftNoise{spec: spec, rng: rng, training: true}, nil
}

// Kind returns "ShiftNoise".
func (n *ShiftNoise) Kind() string { return "ShiftNoise" }

// String describes the noise, e.g. "ShiftNoise(scale=U(0.5, 1.5), shift=U(-1, 1))".
func (n *ShiftNoise) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	return "ShiftNoise(scale=U(" + f(n.spec.ScaleLo) + ", " + f(n.spec.ScaleHi) + "), shift=U(" + f(-n.spec.Shift) + ", " + f(n.spec.Shift) + "))"
}

// Params returns nil: the noise has no parameters.
func (n *ShiftNoise) Params() []*engine.Param { return nil }

// Buffers returns nil: the noise has no buffers.
func (n *ShiftNoise) Buffers() []*engine.Buffer { return nil }

// SetTraining switches between train (noise on) and eval (identity) mode.
func (n *ShiftNoise) SetTraining(train bool) { n.training = train }

// Training reports whether the layer is in train mode.
func (n *ShiftNoise) Training() bool { return n.training }

// Last returns copies of the per-unit scales and shifts drawn by the last
// train-mode Forward (nil before any).
func (n *ShiftNoise) Last() (scale, shift []float32) {
	return append([]float32(nil), n.scale...), append([]float32(nil), n.shift...)
}

// Forward applies the noise to x of shape (N, C) or (N, C, …), unit c being
// index c of dimension 1; in eval mode it returns a copy of x.
func (n *ShiftNoise) Forward(x *engine.Tensor) (*engine.Tensor, error) {
	if x == nil || x.Dims() < 2 || x.Shape[1] == 0 || x.Len() == 0 {
		return nil, fmt.Errorf("lessons: ShiftNoise wants a non-empty input of shape (N, C, …), got %s", ShapeOf(x))
	}
	n.shape = append(n.shape[:0], x.Shape...)
	n.fwd, n.fwdTrain = true, n.training
	if !n.training {
		return x.Clone(), nil
	}
	c := x.Shape[1]
	n.scale, n.shift = make([]float32, c), make([]float32, c)
	s := n.spec
	for i := range c {
		n.scale[i] = float32(s.ScaleLo + (s.ScaleHi-s.ScaleLo)*n.rng.Float64())
		n.shift[i] = float32(s.Shift * (2*n.rng.Float64() - 1))
	}
	y := engine.New(x.Shape...)
	inner := x.Len() / (x.Shape[0] * c)
	for i, v := range x.Data {
		u := (i / inner) % c
		y.Data[i] = n.scale[u]*v + n.shift[u]
	}
	return y, nil
}

// Backward returns ∂L/∂x = s_c · ∂L/∂y in train mode, a copy of gradY in
// eval mode.
func (n *ShiftNoise) Backward(gradY *engine.Tensor) (*engine.Tensor, error) {
	if !n.fwd {
		return nil, engine.ErrNoForward
	}
	if gradY == nil || engine.ShapeString(gradY.Shape) != engine.ShapeString(n.shape) {
		return nil, fmt.Errorf("lessons: ShiftNoise: gradient shape %s does not match the output shape %s", ShapeOf(gradY), engine.ShapeString(n.shape))
	}
	if !n.fwdTrain {
		return gradY.Clone(), nil
	}
	c := n.shape[1]
	inner := gradY.Len() / (n.shape[0] * c)
	gx := engine.New(gradY.Shape...)
	for i, g := range gradY.Data {
		gx.Data[i] = n.scale[(i/inner)%c] * g
	}
	return gx, nil
}

// ShapeOf is a tensor's shape for messages ("nil" for nil).
func ShapeOf(t *engine.Tensor) string {
	if t == nil {
		return "nil"
	}
	return t.ShapeString()
}
