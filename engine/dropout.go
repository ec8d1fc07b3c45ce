package engine

import (
	"fmt"
	"math/rand/v2"
)

// Dropout is inverted dropout as PyTorch's nn.Dropout (Srivastava et al.
// 2014, with the scaling moved to training time). In train mode each unit is
// kept with probability 1 − p (p is the DROP probability, as in PyTorch and
// Keras) and survivors are scaled so that the expectation is unchanged:
//
//	mᵢ ~ Bernoulli(1 − p)      yᵢ = mᵢ xᵢ / (1 − p)      E[yᵢ] = xᵢ
//
// In eval mode it is the identity. p = 1 drops everything and gives zeros
// (never NaN).
type Dropout struct {
	p        float64
	rng      *rand.Rand
	training bool

	next     *Tensor // mask forced for the next train-mode Forward
	mask     *Tensor // 0/1 mask of the last train-mode Forward
	fwd      bool
	fwdTrain bool
	shape    []int
}

// NewDropout returns a Dropout with drop probability p in [0, 1], in train
// mode, drawing its masks from rng. rng may be nil only if every train-mode
// step gets its mask from SetNextMask (or p is 0 or 1).
func NewDropout(p float64, rng *rand.Rand) (*Dropout, error) {
	if err := checkDropP(p); err != nil {
		return nil, err
	}
	return &Dropout{p: p, rng: rng, training: true}, nil
}

func checkDropP(p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("engine: Dropout: p must be in [0, 1] (the drop probability), got p=%v", p)
	}
	return nil
}

// Kind returns "Dropout".
func (d *Dropout) Kind() string { return "Dropout" }

// String returns PyTorch's repr, e.g. "Dropout(p=0.5, inplace=False)".
func (d *Dropout) String() string {
	return fmt.Sprintf("Dropout(p=%s, inplace=False)", pyFloatRepr(d.p))
}

// Params returns nil: dropout has no parameters.
func (d *Dropout) Params() []*Param { return nil }

// Buffers returns nil: dropout has no buffers.
func (d *Dropout) Buffers() []*Buffer { return nil }

// SetTraining switches between train (true) and eval (false) mode.
func (d *Dropout) SetTraining(train bool) { d.training = train }

// Training reports whether the layer is in train mode.
func (d *Dropout) Training() bool { return d.training }

// P returns the drop probability.
func (d *Dropout) P() float64 { return d.p }

// SetP changes the drop probability; a value outside [0, 1] is refused and
// nothing changes.
func (d *Dropout) SetP(p float64) error {
	if err := checkDropP(p); err != nil {
		return err
	}
	d.p = p
	return nil
}

// SetRand replaces the random source the masks are drawn from.
func (d *Dropout) SetRand(rng *rand.Rand) { d.rng = rng }

// Mask returns the 0/1 keep mask (1 keeps a unit) of the last train-mode
// Forward, shaped like its input, or nil before any. Eval-mode passes do not
// change it. The tensor belongs to the layer: read it, do not modify it.
func (d *Dropout) Mask() *Tensor { return d.mask }

// SetNextMask forces the keep mask (entries 0 or 1) of the next train-mode
// Forward instead of drawing one, e.g. to replay PyTorch's mask or to show a
// chosen one. The mask is copied; its shape is checked against the input at
// that Forward. Entries other than 0 and 1 are refused. A nil mask cancels a
// pending one.
func (d *Dropout) SetNextMask(mask *Tensor) error {
	if mask == nil {
		d.next = nil
		return nil
	}
	for i, v := range mask.Data {
		if v != 0 && v != 1 {
			return fmt.Errorf("engine: Dropout: mask entries must be 0 or 1, got %v at flat index %d", v, i)
		}
	}
	d.next = mask.Clone()
	return nil
}

// Forward applies dropout in train mode and is the identity in eval mode
// (it then returns a copy of x).
func (d *Dropout) Forward(x *Tensor) (*Tensor, error) {
	if x == nil {
		return nil, fmt.Errorf("engine: Dropout: nil input")
	}
	if !d.training {
		d.fwd, d.fwdTrain = true, false
		d.shape = append(d.shape[:0], x.Shape...)
		return x.Clone(), nil
	}
	var mask *Tensor
	switch {
	case d.next != nil:
		if !SameShape(d.next, x) {
			return nil, fmt.Errorf("engine: Dropout: forced mask %s does not match input %s", d.next.ShapeString(), x.ShapeString())
		}
		mask = d.next
	case d.p == 0 || d.p == 1:
		mask = filled(float32(1-d.p), x.Shape...)
	case d.rng == nil:
		return nil, fmt.Errorf("engine: Dropout: no random source for a train-mode step with p=%v (give NewDropout a *rand.Rand or call SetNextMask)", d.p)
	default:
		mask = New(x.Shape...)
		keep := 1 - d.p
		for i := range mask.Data {
			var m float32 // branch-free: the keep test is a coin flip
			if d.rng.Float64() < keep {
				m = 1
			}
			mask.Data[i] = m
		}
	}
	y := New(x.Shape...)
	if d.p < 1 {
		scale := float32(1 / (1 - d.p))
		ys, ms := y.Data, mask.Data[:len(x.Data)]
		for i, v := range x.Data {
			ys[i] = v * (ms[i] * scale)
		}
	}
	d.next, d.mask = nil, mask
	d.fwd, d.fwdTrain = true, true
	d.shape = append(d.shape[:0], x.Shape...)
	return y, nil
}

// Backward returns dL/dx: the same mask and scale applied to gradY in train
// mode, gradY itself (copied) in eval mode.
func (d *Dropout) Backward(gradY *Tensor) (*Tensor, error) {
	if !d.fwd {
		return nil, ErrNoForward
	}
	if gradY == nil || !sameShapeAs(gradY.Shape, d.shape) {
		return nil, fmt.Errorf("engine: Dropout: gradient shape %s does not match the output shape %s", shapeOrNil(gradY), ShapeString(d.shape))
	}
	if !d.fwdTrain {
		return gradY.Clone(), nil
	}
	gx := New(gradY.Shape...)
	if d.p < 1 {
		scale := float32(1 / (1 - d.p))
		gs, ms := gx.Data, d.mask.Data[:len(gradY.Data)]
		for i, g := range gradY.Data {
			gs[i] = g * (ms[i] * scale)
		}
	}
	return gx, nil
}
