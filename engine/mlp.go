package engine

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// NormPlacement says where an MLP's normalisation layer goes in each hidden
// block.
type NormPlacement int

const (
	// NormNone: Linear → act (no normalisation).
	NormNone NormPlacement = iota
	// NormBefore: Linear → Norm → act, as Ioffe & Szegedy (2015) and ResNet.
	NormBefore
	// NormAfter: Linear → act → Norm.
	NormAfter
)

// String returns "none", "before" or "after".
func (p NormPlacement) String() string {
	switch p {
	case NormNone:
		return "none"
	case NormBefore:
		return "before"
	case NormAfter:
		return "after"
	}
	return fmt.Sprintf("NormPlacement(%d)", int(p))
}

// MLPSpec describes a fully connected network. Each hidden block is
//
//	Linear → [Norm] → act → [Norm] → [Dropout]
//
// (Norm before or after the activation as Placement says; Dropout when
// Dropout > 0), and the output layer is a plain Linear giving logits.
type MLPSpec struct {
	// Sizes lists the widths: input, hidden layers..., output; at least two.
	// The Ioffe & Szegedy MNIST network is {784, 100, 100, 100, 10}.
	Sizes []int
	// Activation is "relu", "sigmoid" or "tanh" (case-insensitive).
	Activation string
	// Placement of the normalisation layer in each hidden block.
	Placement NormPlacement
	// Norm is "batch" (BatchNorm1d; the default when empty), "layer"
	// (LayerNorm over the features) or "group" (GroupNorm with Groups groups).
	Norm   string
	Groups int
	// BNOptions configure each BatchNorm1d (eps, momentum, ...).
	BNOptions []BatchNormOption
	// NoBiasBeforeNorm drops the hidden Linear layers' bias when the
	// normalisation follows them directly (NormBefore): β makes it redundant.
	NoBiasBeforeNorm bool
	// Dropout is the drop probability after each hidden block (0: none).
	Dropout float64
	// WeightStd, when positive, initialises weights N(0, WeightStd²) and
	// biases 0 (Ioffe & Szegedy style); otherwise PyTorch's default init.
	WeightStd float64
}

// NewMLP builds the network described by spec as a Sequential (parameter
// names "0.weight", "1.running_mean", ...), drawing initial values and
// dropout masks from r.
func NewMLP(spec MLPSpec, r *rand.Rand) (*Sequential, error) {
	if r == nil {
		return nil, fmt.Errorf("engine: NewMLP: nil *rand.Rand")
	}
	if len(spec.Sizes) < 2 {
		return nil, fmt.Errorf("engine: NewMLP needs at least an input and an output size, got Sizes=%v", spec.Sizes)
	}
	for i, s := range spec.Sizes {
		if s <= 0 {
			return nil, fmt.Errorf("engine: NewMLP: Sizes[%d] = %d must be positive (Sizes=%v)", i, s, spec.Sizes)
		}
	}
	act, err := activationMaker(spec.Activation)
	if err != nil {
		return nil, err
	}
	if spec.Placement < NormNone || spec.Placement > NormAfter {
		return nil, fmt.Errorf("engine: NewMLP: unknown placement %v", spec.Placement)
	}
	if err := checkDropP(spec.Dropout); err != nil {
		return nil, fmt.Errorf("engine: NewMLP: %w", err)
	}
	b := builder{r: r, bnOpts: spec.BNOptions}
	var layers []Layer
	last := len(spec.Sizes) - 1
	for i := 0; i < last; i++ {
		in, out := spec.Sizes[i], spec.Sizes[i+1]
		if i == last-1 {
			layers = append(layers, b.linear(in, out, true))
			break
		}
		bias := !(spec.NoBiasBeforeNorm && spec.Placement == NormBefore)
		layers = append(layers, b.linear(in, out, bias))
		if spec.Placement == NormBefore {
			layers = append(layers, b.norm(spec, out))
		}
		layers = append(layers, act())
		if spec.Placement == NormAfter {
			layers = append(layers, b.norm(spec, out))
		}
		if spec.Dropout > 0 {
			layers = append(layers, b.dropout(spec.Dropout))
		}
	}
	s := b.seq(layers...)
	if b.err != nil {
		return nil, b.err
	}
	if spec.WeightStd > 0 {
		if err := InitNormal(s, r, spec.WeightStd); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// norm returns the normalisation layer the spec asks for over c features.
func (b *builder) norm(spec MLPSpec, c int) Layer {
	switch strings.ToLower(spec.Norm) {
	case "", "batch":
		return b.bn1d(c)
	case "layer":
		l, err := NewLayerNorm([]int{c}, 1e-5, true)
		return b.keep(l, err)
	case "group":
		l, err := NewGroupNorm(spec.Groups, c, 1e-5, true)
		return b.keep(l, err)
	}
	return b.keep(nil, fmt.Errorf("engine: NewMLP: unknown norm %q (want batch, layer or group)", spec.Norm))
}

// activationMaker returns a constructor for the named activation.
func activationMaker(name string) (func() Layer, error) {
	switch strings.ToLower(name) {
	case "relu":
		return func() Layer { return NewReLU() }, nil
	case "sigmoid":
		return func() Layer { return NewSigmoid() }, nil
	case "tanh":
		return func() Layer { return NewTanh() }, nil
	}
	return nil, fmt.Errorf("engine: unknown activation %q (want relu, sigmoid or tanh)", name)
}

// PaperMLPSpec returns the Ioffe & Szegedy (2015, §4.1) MNIST network,
// 784-100-100-100-10 with sigmoid units, with BatchNorm1d before each
// sigmoid when bn is true, and N(0, weightStd²) initial weights.
func PaperMLPSpec(bn bool, weightStd float64) MLPSpec {
	s := MLPSpec{Sizes: []int{784, 100, 100, 100, 10}, Activation: "sigmoid", WeightStd: weightStd}
	if bn {
		s.Placement = NormBefore
	}
	return s
}
