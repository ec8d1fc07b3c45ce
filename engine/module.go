package engine

import (
	"errors"
	"fmt"
	"strings"
)

// Child is one named sub-layer of a container, as an entry of a PyTorch
// module's _modules: Name is "0", "1", ... in a Sequential and the attribute
// name ("features", "classifier") in a Module.
type Child struct {
	Name  string
	Layer Layer
}

// NamedParam is a parameter with its full PyTorch state_dict name, e.g.
// "features.0.weight".
type NamedParam struct {
	Name  string
	Param *Param
}

// NamedBuffer is a buffer with its full state_dict name, e.g.
// "classifier.2.running_var".
type NamedBuffer struct {
	Name   string
	Buffer *Buffer
}

// NamedTensor is one entry of a state dict: a full name and the tensor that
// holds the parameter's or buffer's value (not a copy).
type NamedTensor struct {
	Name   string
	Tensor *Tensor
	// Buffer is true for buffers (running statistics), false for parameters.
	Buffer bool
}

// Model is a whole network: a Layer with PyTorch-style names, modes and
// gradient reset. *Sequential and *Module implement it.
type Model interface {
	Layer
	// Train puts every layer in train mode (model.train()).
	Train()
	// Eval puts every layer in eval mode (model.eval()).
	Eval()
	// NamedParams lists the parameters with full names, in state_dict order.
	NamedParams() []NamedParam
	// NamedBuffers lists the buffers with full names, in state_dict order.
	NamedBuffers() []NamedBuffer
	// StateDict lists parameters and buffers interleaved as PyTorch's
	// state_dict does (per module: its parameters, then its buffers, then its
	// children in order).
	StateDict() []NamedTensor
	// ZeroGrad sets every parameter gradient to zero (optimizer.zero_grad()).
	ZeroGrad()
	// Children returns the direct sub-layers in order.
	Children() []Child
}

// LayerError is the error returned by a container when one of its layers
// fails: Path is the layer's full dotted name ("features.4"), Kind its class
// and Err the layer's own error.
type LayerError struct {
	Path string
	Kind string
	Op   string // "forward" or "backward"
	Err  error
}

// Error names the layer and the operation, then the layer's message.
func (e *LayerError) Error() string {
	return fmt.Sprintf("%s of layer %s (%s): %v", e.Op, e.Path, e.Kind, e.Err)
}

// Unwrap returns the layer's error.
func (e *LayerError) Unwrap() error { return e.Err }

// wrapChildErr wraps err from child c, extending the path of an error that a
// nested container already wrapped.
func wrapChildErr(op string, c Child, err error) error {
	var le *LayerError
	if errors.As(err, &le) && le.Op == op {
		return &LayerError{Path: c.Name + "." + le.Path, Kind: le.Kind, Op: op, Err: le.Err}
	}
	return &LayerError{Path: c.Name, Kind: c.Layer.Kind(), Op: op, Err: err}
}

// inputGradSetter is implemented by layers that can skip computing the
// gradient with respect to their input (Linear, Conv2d, containers).
type inputGradSetter interface{ SetNeedInputGrad(need bool) }

// container is the shared implementation of Sequential and Module: the
// children run in order in Forward and in reverse order in Backward.
type container struct {
	children []Child
	training bool
	// needInputGrad: whether Backward must return the gradient with respect
	// to the container's input. False by default (a top-level model has
	// nothing upstream); a parent container sets it for nested children.
	needInputGrad bool
	probes        []probeSlot // one per child, see probe.go
	snap          [][]float32 // buffer snapshot reused by Forward
}

func newContainer(children []Child) (container, error) {
	seen := map[string]bool{}
	for i, c := range children {
		switch {
		case c.Layer == nil:
			return container{}, fmt.Errorf("engine: child %d (%q) is a nil layer", i, c.Name)
		case c.Name == "" || strings.Contains(c.Name, "."):
			return container{}, fmt.Errorf("engine: child %d has invalid name %q (non-empty, no dots)", i, c.Name)
		case seen[c.Name]:
			return container{}, fmt.Errorf("engine: duplicate child name %q", c.Name)
		}
		seen[c.Name] = true
	}
	k := container{children: append([]Child(nil), children...), training: true}
	k.probes = make([]probeSlot, len(children))
	k.SetNeedInputGrad(false)
	k.SetTraining(true)
	return k, nil
}

// Children returns the direct sub-layers in order (a copy of the list; the
// layers themselves are shared).
func (k *container) Children() []Child { return append([]Child(nil), k.children...) }

// Len returns the number of direct children.
func (k *container) Len() int { return len(k.children) }

// Layer returns the i-th direct child, or nil when i is out of range.
func (k *container) Layer(i int) Layer {
	if i < 0 || i >= len(k.children) {
		return nil
	}
	return k.children[i].Layer
}

// SetNeedInputGrad says whether Backward must return the gradient with
// respect to the input. A child needs its input gradient when need is true
// or when an earlier child has parameters; a child that can skip it (Linear,
// Conv2d, a nested container) is told so. Default false: a model's first
// layer computes no input gradient, and Backward then returns nil.
func (k *container) SetNeedInputGrad(need bool) {
	k.needInputGrad = need
	upstream := need
	for _, c := range k.children {
		if s, ok := c.Layer.(inputGradSetter); ok {
			s.SetNeedInputGrad(upstream)
		}
		if len(c.Layer.Params()) > 0 {
			upstream = true
		}
	}
}

// Forward runs the children in order. On error it returns a *LayerError
// naming the failing layer and restores the buffers (running statistics)
// that earlier layers had updated, so no state changes.
func (k *container) Forward(x *Tensor) (*Tensor, error) {
	k.snapshot()
	for i, c := range k.children {
		y, err := c.Layer.Forward(x)
		if err != nil {
			k.restore()
			return nil, wrapChildErr("forward", c, err)
		}
		k.probes[i].forward(x, y)
		x = y
	}
	return x, nil
}

// Backward runs the children's Backward in reverse order and returns the
// gradient with respect to the input, or nil when no input gradient is
// needed (see SetNeedInputGrad).
func (k *container) Backward(g *Tensor) (*Tensor, error) {
	for i := len(k.children) - 1; i >= 0; i-- {
		c := k.children[i]
		gx, err := c.Layer.Backward(g)
		if err != nil {
			return nil, wrapChildErr("backward", c, err)
		}
		k.probes[i].backward(g, gx)
		if gx == nil && i > 0 {
			if k.needsGradBefore(i) {
				return nil, wrapChildErr("backward", c, errors.New("returned no input gradient but earlier layers need one"))
			}
			return nil, nil
		}
		g = gx
	}
	return g, nil
}

// needsGradBefore reports whether a gradient must reach child i's input.
func (k *container) needsGradBefore(i int) bool {
	if k.needInputGrad {
		return true
	}
	for _, c := range k.children[:i] {
		if len(c.Layer.Params()) > 0 {
			return true
		}
	}
	return false
}

// snapshot copies every buffer into k.snap (reusing its storage).
func (k *container) snapshot() { saveBuffers(k.Buffers(), &k.snap) }

// restore copies k.snap back into the buffers.
func (k *container) restore() { restoreBuffers(k.Buffers(), k.snap) }

// Params returns every parameter of every layer, in state_dict order.
func (k *container) Params() []*Param {
	var ps []*Param
	for _, c := range k.children {
		ps = append(ps, c.Layer.Params()...)
	}
	return ps
}

// Buffers returns every buffer of every layer, in state_dict order.
func (k *container) Buffers() []*Buffer {
	var bs []*Buffer
	for _, c := range k.children {
		bs = append(bs, c.Layer.Buffers()...)
	}
	return bs
}

// SetTraining sets the mode of every layer, recursively.
func (k *container) SetTraining(train bool) {
	k.training = train
	for _, c := range k.children {
		c.Layer.SetTraining(train)
	}
}

// Training reports the mode last set on the container.
func (k *container) Training() bool { return k.training }

// Train puts every layer in train mode, as PyTorch's model.train().
func (k *container) Train() { k.SetTraining(true) }

// Eval puts every layer in eval mode, as PyTorch's model.eval().
func (k *container) Eval() { k.SetTraining(false) }

// ZeroGrad sets every parameter's gradient to zero, allocating it if absent.
func (k *container) ZeroGrad() {
	for _, p := range k.Params() {
		g := gradData(p)
		for i := range g {
			g[i] = 0
		}
	}
}
