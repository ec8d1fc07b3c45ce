package engine

import (
	"fmt"
	"math/rand/v2"
)

// NewSyllabusConvNet returns the syllabus's ConvNetWithBNDropout for
// 1×28×28 inputs (MNIST), with PyTorch's default initialisation from r:
//
//	features:   Conv2d(1, 32, 3, padding=1) → BatchNorm2d(32) → ReLU → MaxPool2d(2, 2)
//	            → Conv2d(32, 64, 3, padding=1) → BatchNorm2d(64) → ReLU → MaxPool2d(2, 2)
//	classifier: Flatten → Linear(3136, 512) → BatchNorm1d(512) → ReLU → Dropout(0.5)
//	            → Linear(512, 128) → ReLU → Dropout(0.3) → Linear(128, 10)
//
// 1,693,130 parameters, named as PyTorch's state_dict ("features.0.weight",
// ..., "classifier.8.bias"). The dropout layers draw their masks from r.
func NewSyllabusConvNet(r *rand.Rand) (*Module, error) {
	if r == nil {
		return nil, fmt.Errorf("engine: NewSyllabusConvNet: nil *rand.Rand")
	}
	b := builder{r: r}
	features := b.seq(
		b.conv(1, 32, 3, 1), b.bn2d(32), NewReLU(), b.pool(2, 2),
		b.conv(32, 64, 3, 1), b.bn2d(64), NewReLU(), b.pool(2, 2))
	classifier := b.seq(
		NewFlatten(), b.linear(64*7*7, 512, true), b.bn1d(512), NewReLU(), b.dropout(0.5),
		b.linear(512, 128, true), NewReLU(), b.dropout(0.3), b.linear(128, 10, true))
	if b.err != nil {
		return nil, b.err
	}
	return NewModule("ConvNetWithBNDropout", Child{"features", features}, Child{"classifier", classifier})
}

// NewKerasSyllabusModel returns the syllabus's Keras model (build_model_keras)
// as an engine network in NCHW layout, for 1×28×28 inputs:
//
//	Conv2D(32, 3, same) → BatchNormalization → ReLU → MaxPooling2D(2)
//	→ Conv2D(64, 3, same) → BatchNormalization → ReLU → MaxPooling2D(2)
//	→ Flatten → Dense(256) → BatchNormalization → ReLU → Dropout(0.5) → Dense(10)
//
// with Keras's defaults: glorot_uniform weights and zero biases, and batch
// normalisation with epsilon 1e-3 and momentum 0.99 on the OLD value (0.01 in
// PyTorch's convention). The last layer returns logits: Keras's softmax is
// folded into CrossEntropy. 825,866 parameters in Keras's count (825,162
// trainable, 704 non-trainable moving statistics); see KerasSummary.
// Differences from Keras kept on purpose: the engine's running variance is
// PyTorch's unbiased one, and Flatten orders features as (C, H, W).
func NewKerasSyllabusModel(r *rand.Rand) (*Sequential, error) {
	if r == nil {
		return nil, fmt.Errorf("engine: NewKerasSyllabusModel: nil *rand.Rand")
	}
	b := builder{r: r, bnOpts: []BatchNormOption{WithEps(1e-3), WithMomentum(0.01)}}
	s := b.seq(
		b.conv(1, 32, 3, 1), b.bn2d(32), NewReLU(), b.pool(2, 2),
		b.conv(32, 64, 3, 1), b.bn2d(64), NewReLU(), b.pool(2, 2),
		NewFlatten(), b.linear(64*7*7, 256, true), b.bn1d(256), NewReLU(), b.dropout(0.5),
		b.linear(256, 10, true))
	if b.err != nil {
		return nil, b.err
	}
	if err := InitGlorotUniform(s, r); err != nil {
		return nil, err
	}
	return s, nil
}

// builder constructs layers and keeps the first error, so that model
// constructors read like the PyTorch code they mirror.
type builder struct {
	r      *rand.Rand
	bnOpts []BatchNormOption
	err    error
}

func (b *builder) keep(l Layer, err error) Layer {
	if err != nil && b.err == nil {
		b.err = err
	}
	return l
}

func (b *builder) conv(in, out, k, p int) Layer {
	l, err := NewConv2d(in, out, k, 1, p, true, b.r)
	return b.keep(l, err)
}

func (b *builder) linear(in, out int, bias bool) Layer {
	l, err := NewLinear(in, out, bias, b.r)
	return b.keep(l, err)
}

func (b *builder) bn1d(c int) Layer {
	l, err := NewBatchNorm1d(c, b.bnOpts...)
	return b.keep(l, err)
}

func (b *builder) bn2d(c int) Layer {
	l, err := NewBatchNorm2d(c, b.bnOpts...)
	return b.keep(l, err)
}

func (b *builder) pool(k, s int) Layer {
	l, err := NewMaxPool2d(k, s, 0)
	return b.keep(l, err)
}

func (b *builder) dropout(p float64) Layer {
	l, err := NewDropout(p, b.r)
	return b.keep(l, err)
}

// seq returns a Sequential of layers, or nil after an earlier error.
func (b *builder) seq(layers ...Layer) *Sequential {
	if b.err != nil {
		return nil
	}
	s, err := NewSequential(layers...)
	if err != nil {
		b.err = err
	}
	return s
}
