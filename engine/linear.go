package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Linear is PyTorch's nn.Linear: a fully connected layer
//
//	y = x Wᵀ + b      W: (out_features, in_features), b: (out_features,)
//
// on input (N, in_features), or more generally (N, *, in_features) with
// every leading dimension treated as a batch dimension.
//
// Ownership: the tensor returned by Forward and the one returned by
// Backward are buffers owned by the layer, reused (overwritten) by the next
// Forward and Backward respectively; Clone them to keep them. The input
// given to Forward is kept, not copied, until Backward: do not modify it in
// between.
type Linear struct {
	In, Out int
	// Weight is "weight", shape (Out, In); Bias is "bias", shape (Out,), or
	// nil when the layer has no bias.
	Weight, Bias *Param

	training bool
	skipGx   bool // SetNeedInputGrad(false)
	x        *Tensor
	y, gx    *Tensor
}

// NewLinear returns a Linear layer with PyTorch's default initialisation
// drawn from r: W and b uniform in (−1/√in, 1/√in), which is
// kaiming_uniform_(a=√5) for the weight (He et al. 2015). It is in train
// mode. Gradients are allocated zeroed.
func NewLinear(in, out int, bias bool, r *rand.Rand) (*Linear, error) {
	if in <= 0 || out <= 0 {
		return nil, fmt.Errorf("engine: Linear needs positive in_features and out_features, got in_features=%d, out_features=%d", in, out)
	}
	if r == nil {
		return nil, fmt.Errorf("engine: Linear(in_features=%d, out_features=%d): nil *rand.Rand", in, out)
	}
	l := &Linear{In: in, Out: out, training: true}
	l.Weight = &Param{Name: "weight", Value: New(out, in), Grad: New(out, in)}
	uniformFanIn(r, l.Weight.Value.Data, in)
	if bias {
		l.Bias = &Param{Name: "bias", Value: New(out), Grad: New(out)}
		uniformFanIn(r, l.Bias.Value.Data, in)
	}
	return l, nil
}

// uniformFanIn fills v with values uniform in (−1/√fanIn, 1/√fanIn),
// PyTorch's default for Linear and Conv2d weights and biases:
//
//	kaiming_uniform_(a=√5): bound = gain·√(3/fan_in), gain = √(2/(1+a²)) = √(1/3)
//	                        so bound = 1/√fan_in (He et al. 2015, PyTorch reset_parameters)
func uniformFanIn(r *rand.Rand, v []float32, fanIn int) {
	bound := 1 / math.Sqrt(float64(fanIn))
	for i := range v {
		v[i] = float32((2*r.Float64() - 1) * bound)
	}
}

// reuseTensor returns t when it already has the given shape, else t's
// storage reshaped when it is large enough, else a new tensor. The contents
// are not cleared.
func reuseTensor(t *Tensor, shape ...int) *Tensor {
	n := 1
	for _, d := range shape {
		n *= d
	}
	if t != nil && len(t.Shape) == len(shape) {
		same := true
		for i, d := range shape {
			if t.Shape[i] != d {
				same = false
				break
			}
		}
		if same {
			return t
		}
	}
	if t != nil && cap(t.Data) >= n {
		return &Tensor{Shape: append([]int(nil), shape...), Data: t.Data[:n]}
	}
	return New(shape...)
}

// Kind returns "Linear".
func (l *Linear) Kind() string { return "Linear" }

// String returns PyTorch's repr, e.g.
// "Linear(in_features=3136, out_features=512, bias=True)".
func (l *Linear) String() string {
	return fmt.Sprintf("Linear(in_features=%d, out_features=%d, bias=%s)", l.In, l.Out, pyBoolRepr(l.Bias != nil))
}

func pyBoolRepr(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// Params returns weight and, if present, bias.
func (l *Linear) Params() []*Param {
	if l.Bias == nil {
		return []*Param{l.Weight}
	}
	return []*Param{l.Weight, l.Bias}
}

// Buffers returns nil: Linear has no buffers.
func (l *Linear) Buffers() []*Buffer { return nil }

// SetTraining sets the mode; Linear behaves the same in both.
func (l *Linear) SetTraining(train bool) { l.training = train }

// Training reports whether the layer is in train mode.
func (l *Linear) Training() bool { return l.training }

// SetNeedInputGrad says whether Backward must compute the gradient with
// respect to the input. A network's first layer does not need it (nothing
// is upstream); turning it off saves a third of that layer's backward work,
// and Backward then returns a nil tensor (and a nil error). Default: true.
func (l *Linear) SetNeedInputGrad(need bool) { l.skipGx = !need }

// Forward computes y = x Wᵀ + b for x of shape (N, *, in_features).
func (l *Linear) Forward(x *Tensor) (*Tensor, error) {
	if x == nil || x.Dims() < 1 || x.Shape[x.Dims()-1] != l.In {
		return nil, fmt.Errorf("engine: Linear(in_features=%d, out_features=%d) expects input (N, %d), got %s", l.In, l.Out, l.In, shapeOrNilString(x))
	}
	rows := x.Len() / l.In
	shape := append(append(make([]int, 0, x.Dims()), x.Shape[:x.Dims()-1]...), l.Out)
	l.y = reuseTensor(l.y, shape...)
	y := l.y.Data
	if l.Bias != nil {
		b := l.Bias.Value.Data
		for i := 0; i < rows; i++ {
			copy(y[i*l.Out:(i+1)*l.Out], b)
		}
	}
	gemmNT(rows, l.Out, l.In, x.Data, l.Weight.Value.Data, y, l.Bias != nil)
	l.x = x
	return l.y, nil
}

// Backward adds dL/dW = gyᵀ x and dL/db = Σ gy into the parameter gradients
// and returns dL/dx = gy W (nil if SetNeedInputGrad(false)).
func (l *Linear) Backward(gy *Tensor) (*Tensor, error) {
	if l.x == nil {
		return nil, ErrNoForward
	}
	if gy == nil || !SameShape(gy, l.y) {
		return nil, fmt.Errorf("engine: %s: gradient shape %s does not match output shape %s", l, shapeOrNilString(gy), l.y.ShapeString())
	}
	rows := gy.Len() / l.Out
	gemmTN(l.Out, l.In, rows, gy.Data, l.x.Data, gradData(l.Weight), true)
	if l.Bias != nil {
		gb := gradData(l.Bias)[:l.Out]
		for i := 0; i < rows; i++ {
			row := gy.Data[i*l.Out : (i+1)*l.Out]
			for j, v := range row {
				gb[j] += v
			}
		}
	}
	if l.skipGx {
		return nil, nil
	}
	l.gx = reuseTensor(l.gx, l.x.Shape...)
	gemmNN(rows, l.In, l.Out, gy.Data, l.Weight.Value.Data, l.gx.Data, false)
	return l.gx, nil
}

// gradData returns p.Grad's storage, allocating a zeroed gradient of p's
// shape first when there is none.
func gradData(p *Param) []float32 {
	if p.Grad == nil || p.Grad.Len() != p.Value.Len() {
		p.Grad = New(p.Value.Shape...)
	}
	return p.Grad.Data
}

// shapeOrNilString formats t's shape, or "nil".
func shapeOrNilString(t *Tensor) string {
	if t == nil {
		return "nil"
	}
	return t.ShapeString()
}
