package engine

import "fmt"

// LayerNorm normalises each sample over its last dimensions, given by
// normalized_shape, as PyTorch's nn.LayerNorm (Ba, Kiros & Hinton 2016):
// for each of the M = (element count)/D groups of D = Π normalized_shape
// contiguous values,
//
//	μ = (1/D) Σ xᵢ      σ² = (1/D) Σ (xᵢ − μ)²      (biased)
//	yᵢ = γᵢ (xᵢ − μ)/√(σ² + eps) + βᵢ
//
// with γ and β shaped like normalized_shape (elementwise_affine). There are
// no running statistics: train and eval mode compute the same thing, and the
// result does not depend on the batch size.
type LayerNorm struct {
	shape    []int
	d        int
	eps      float64
	affine   bool
	training bool
	weight   *Param
	bias     *Param
	cache    groupNormCache
}

// NewLayerNorm returns a LayerNorm over the trailing dimensions
// normalizedShape with the given eps (PyTorch default 1e-5; must be positive)
// and elementwise_affine.
func NewLayerNorm(normalizedShape []int, eps float64, elementwiseAffine bool) (*LayerNorm, error) {
	if len(normalizedShape) == 0 {
		return nil, fmt.Errorf("engine: LayerNorm: normalized_shape must not be empty")
	}
	d := 1
	for _, v := range normalizedShape {
		if v <= 0 {
			return nil, fmt.Errorf("engine: LayerNorm: normalized_shape %s must have positive dimensions", ShapeString(normalizedShape))
		}
		d *= v
	}
	if err := checkEps("LayerNorm", eps); err != nil {
		return nil, err
	}
	l := &LayerNorm{shape: append([]int(nil), normalizedShape...), d: d, eps: eps,
		affine: elementwiseAffine, training: true}
	if elementwiseAffine {
		l.weight = &Param{Name: "weight", Value: filled(1, normalizedShape...), Grad: New(normalizedShape...)}
		l.bias = &Param{Name: "bias", Value: New(normalizedShape...), Grad: New(normalizedShape...)}
	}
	return l, nil
}

// Kind returns "LayerNorm".
func (l *LayerNorm) Kind() string { return "LayerNorm" }

// String returns PyTorch's repr, e.g. "LayerNorm((4,), eps=1e-05, elementwise_affine=True)".
func (l *LayerNorm) String() string {
	return fmt.Sprintf("LayerNorm(%s, eps=%s, elementwise_affine=%s)",
		ShapeString(l.shape), pyFloatRepr(l.eps), pyBool(l.affine))
}

// Params returns weight (γ) and bias (β), or nil without elementwise_affine.
func (l *LayerNorm) Params() []*Param {
	if !l.affine {
		return nil
	}
	return []*Param{l.weight, l.bias}
}

// Buffers returns nil: LayerNorm keeps no running statistics.
func (l *LayerNorm) Buffers() []*Buffer { return nil }

// SetTraining records the mode; LayerNorm behaves the same in both.
func (l *LayerNorm) SetTraining(train bool) { l.training = train }

// Training reports whether the layer is in train mode.
func (l *LayerNorm) Training() bool { return l.training }

// Forward normalises every group of the trailing normalized_shape values of x.
func (l *LayerNorm) Forward(x *Tensor) (*Tensor, error) {
	if x == nil {
		return nil, fmt.Errorf("engine: LayerNorm: nil input")
	}
	k := len(l.shape)
	if x.Dims() < k || !sameShapeAs(x.Shape[x.Dims()-k:], l.shape) {
		return nil, fmt.Errorf("engine: LayerNorm: input %s does not end with normalized_shape %s", x.ShapeString(), ShapeString(l.shape))
	}
	if x.Len() == 0 {
		return nil, fmt.Errorf("engine: LayerNorm: empty input %s", x.ShapeString())
	}
	groups := x.Len() / l.d
	// Each group is D contiguous values; γ and β are indexed by the
	// position inside the group.
	return l.cache.forward(x, groups, l.d, l.eps, l.gamma(), l.beta(), 1, 1)
}

// Backward returns dL/dx and adds dL/dγ, dL/dβ into the parameters' gradients.
func (l *LayerNorm) Backward(gradY *Tensor) (*Tensor, error) {
	var gw, gb []float32
	if l.affine {
		gw, gb = l.weight.Grad.Data, l.bias.Grad.Data
	}
	return l.cache.backward("LayerNorm", gradY, l.gamma(), gw, gb)
}

// Stats returns copies of the mean and biased variance of every normalised
// group (one per sample, or per position before normalized_shape) of the
// last Forward, or nil before any.
func (l *LayerNorm) Stats() (mean, variance []float64) { return l.cache.stats() }

func (l *LayerNorm) gamma() []float32 {
	if !l.affine {
		return nil
	}
	return l.weight.Value.Data
}

func (l *LayerNorm) beta() []float32 {
	if !l.affine {
		return nil
	}
	return l.bias.Value.Data
}
