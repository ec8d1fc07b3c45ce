package engine

import (
	"fmt"
	"math"
)

// BatchNorm is batch normalisation with PyTorch's semantics: BatchNorm1d on
// (N, C) or (N, C, L) and BatchNorm2d on (N, C, H, W). Statistics are taken
// per channel over every other dimension (N·L or N·H·W values).
//
// Ioffe & Szegedy 2015, Algorithm 1 (train mode), with n values per channel:
//
//	μ   = (1/n) Σ xᵢ
//	σ²  = (1/n) Σ (xᵢ − μ)²          (biased: divide by n)
//	x̂ᵢ  = (xᵢ − μ) / √(σ² + eps)
//	yᵢ  = γ x̂ᵢ + β
//
// and the running statistics PyTorch keeps for eval mode (momentum weights
// the NEW value; momentum=None is the cumulative average with factor
// 1/num_batches_tracked):
//
//	running_mean = (1 − m) running_mean + m μ
//	running_var  = (1 − m) running_var  + m σ² n/(n − 1)   (unbiased)
//
// In eval mode (Algorithm 2) the running statistics replace μ and σ², so the
// layer is a fixed affine map; with track_running_stats=false eval mode uses
// batch statistics too. Sums are accumulated in float64.
//
// Ownership: the tensor returned by Forward and the one returned by
// Backward are buffers owned by the layer, reused (overwritten) by the next
// Forward and Backward respectively; Clone them to keep them. The input
// given to Forward is not kept.
type BatchNorm struct {
	numFeatures int
	spatialDims int
	eps         float64
	momentum    *float64
	affine      bool
	track       bool
	training    bool

	weight, bias *Param
	runningMean  *Buffer
	runningVar   *Buffer
	numBatches   *Buffer

	// Cache of the last Forward.
	fwd       bool
	fwdBatch  bool    // the last Forward normalised with batch statistics
	xShape    []int   // input shape of the last Forward
	xhat      *Tensor // normalised input x̂
	haveStats bool    // work.lastMean and work.lastVar hold a batch's statistics

	y, gx *Tensor // output buffers of Forward and Backward, reused
	work  *bnWork // per-channel working storage, allocated on first use
}

// BatchNormOption configures a BatchNorm at construction.
type BatchNormOption func(*BatchNorm)

// WithEps sets eps, the constant added to the variance (PyTorch default
// 1e-5). It must be positive.
func WithEps(eps float64) BatchNormOption { return func(b *BatchNorm) { b.eps = eps } }

// WithMomentum sets the running-statistics momentum m (PyTorch default 0.1),
// the weight of the NEW batch value; it must be in [0, 1].
func WithMomentum(m float64) BatchNormOption {
	return func(b *BatchNorm) { b.momentum = &m }
}

// WithCumulativeAverage selects PyTorch's momentum=None: the running
// statistics are the cumulative average over all training batches so far.
func WithCumulativeAverage() BatchNormOption { return func(b *BatchNorm) { b.momentum = nil } }

// WithAffine sets whether the layer has the learnable γ (weight) and β (bias).
func WithAffine(affine bool) BatchNormOption { return func(b *BatchNorm) { b.affine = affine } }

// WithTrackRunningStats sets whether running statistics are kept; without
// them eval mode normalises with batch statistics too.
func WithTrackRunningStats(track bool) BatchNormOption {
	return func(b *BatchNorm) { b.track = track }
}

// NewBatchNorm1d returns a BatchNorm1d over numFeatures channels for inputs
// (N, C) or (N, C, L), in train mode, with PyTorch's defaults (eps 1e-5,
// momentum 0.1, affine, tracking running statistics) unless options say
// otherwise.
func NewBatchNorm1d(numFeatures int, opts ...BatchNormOption) (*BatchNorm, error) {
	return newBatchNorm(numFeatures, 1, opts)
}

// NewBatchNorm2d returns a BatchNorm2d over numFeatures channels for inputs
// (N, C, H, W), with the same defaults as NewBatchNorm1d.
func NewBatchNorm2d(numFeatures int, opts ...BatchNormOption) (*BatchNorm, error) {
	return newBatchNorm(numFeatures, 2, opts)
}

func newBatchNorm(c, spatial int, opts []BatchNormOption) (*BatchNorm, error) {
	m := 0.1
	b := &BatchNorm{numFeatures: c, spatialDims: spatial, eps: 1e-5, momentum: &m,
		affine: true, track: true, training: true}
	for _, o := range opts {
		o(b)
	}
	if c <= 0 {
		return nil, fmt.Errorf("engine: BatchNorm%dd: num_features must be positive, got %d", spatial, c)
	}
	if err := checkEps(b.Kind(), b.eps); err != nil {
		return nil, err
	}
	if err := checkMomentum(b.Kind(), b.momentum); err != nil {
		return nil, err
	}
	if b.momentum != nil {
		v := *b.momentum
		b.momentum = &v // never alias the caller's variable
	}
	if b.affine {
		b.weight = &Param{Name: "weight", Value: filled(1, c), Grad: New(c)}
		b.bias = &Param{Name: "bias", Value: New(c), Grad: New(c)}
	}
	if b.track {
		b.runningMean = &Buffer{Name: "running_mean", Value: New(c)}
		b.runningVar = &Buffer{Name: "running_var", Value: filled(1, c)}
		b.numBatches = &Buffer{Name: "num_batches_tracked", Value: New()}
	}
	return b, nil
}

func checkEps(kind string, eps float64) error {
	if !(eps > 0) || math.IsInf(eps, 0) {
		return fmt.Errorf("engine: %s: eps must be positive and finite, got %v", kind, eps)
	}
	return nil
}

func checkMomentum(kind string, m *float64) error {
	if m != nil && !(*m >= 0 && *m <= 1) {
		return fmt.Errorf("engine: %s: momentum must be in [0, 1] or None, got %v", kind, *m)
	}
	return nil
}

// filled returns a tensor of the given shape with every entry v.
func filled(v float32, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = v
	}
	return t
}

// Kind returns "BatchNorm1d" or "BatchNorm2d".
func (b *BatchNorm) Kind() string { return fmt.Sprintf("BatchNorm%dd", b.spatialDims) }

// String returns PyTorch's repr, e.g.
// "BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)".
func (b *BatchNorm) String() string {
	m := "None"
	if b.momentum != nil {
		m = pyFloatRepr(*b.momentum)
	}
	return fmt.Sprintf("%s(%d, eps=%s, momentum=%s, affine=%s, track_running_stats=%s)",
		b.Kind(), b.numFeatures, pyFloatRepr(b.eps), m, pyBool(b.affine), pyBool(b.track))
}

// Params returns weight (γ) and bias (β), or nil when affine is false.
func (b *BatchNorm) Params() []*Param {
	if !b.affine {
		return nil
	}
	return []*Param{b.weight, b.bias}
}

// Buffers returns running_mean, running_var and num_batches_tracked, or nil
// when running statistics are not tracked.
func (b *BatchNorm) Buffers() []*Buffer {
	if !b.track {
		return nil
	}
	return []*Buffer{b.runningMean, b.runningVar, b.numBatches}
}

// SetTraining switches between train (true) and eval (false) mode.
func (b *BatchNorm) SetTraining(train bool) { b.training = train }

// Training reports whether the layer is in train mode.
func (b *BatchNorm) Training() bool { return b.training }

// NumFeatures returns C, the number of channels.
func (b *BatchNorm) NumFeatures() int { return b.numFeatures }

// Eps returns eps.
func (b *BatchNorm) Eps() float64 { return b.eps }

// SetEps changes eps; a non-positive value is refused and nothing changes.
func (b *BatchNorm) SetEps(eps float64) error {
	if err := checkEps(b.Kind(), eps); err != nil {
		return err
	}
	b.eps = eps
	return nil
}

// Momentum returns the momentum, or nil for the cumulative average
// (PyTorch's momentum=None).
func (b *BatchNorm) Momentum() *float64 {
	if b.momentum == nil {
		return nil
	}
	m := *b.momentum
	return &m
}

// SetMomentum changes the momentum (nil for the cumulative average); a value
// outside [0, 1] is refused and nothing changes.
func (b *BatchNorm) SetMomentum(m *float64) error {
	if err := checkMomentum(b.Kind(), m); err != nil {
		return err
	}
	if m == nil {
		b.momentum = nil
		return nil
	}
	v := *m
	b.momentum = &v
	return nil
}

// Affine reports whether the layer has γ and β.
func (b *BatchNorm) Affine() bool { return b.affine }

// TrackRunningStats reports whether running statistics are kept.
func (b *BatchNorm) TrackRunningStats() bool { return b.track }
