package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// Sequential is PyTorch's nn.Sequential: layers run in order, named "0",
// "1", ... so that parameters are called "0.weight", "3.running_var", and
// inside a Module "features.0.weight".
//
// A new Sequential is in train mode and, as a top-level model, does not
// compute the gradient with respect to its input (its first Linear or
// Conv2d is told SetNeedInputGrad(false)); call SetNeedInputGrad(true) when
// you need it (for example to compare grad_x with PyTorch).
type Sequential struct{ container }

// NewSequential returns a Sequential of the given layers. A nil layer is an
// error.
func NewSequential(layers ...Layer) (*Sequential, error) {
	ch := make([]Child, len(layers))
	for i, l := range layers {
		ch[i] = Child{Name: strconv.Itoa(i), Layer: l}
	}
	k, err := newContainer(ch)
	if err != nil {
		return nil, fmt.Errorf("engine: Sequential: %w", err)
	}
	return &Sequential{k}, nil
}

// Kind returns "Sequential".
func (s *Sequential) Kind() string { return "Sequential" }

// String returns PyTorch's repr of the whole container, children indented.
func (s *Sequential) String() string { return reprContainer("Sequential", s.children) }

// NamedParams lists parameters with full names in state_dict order.
func (s *Sequential) NamedParams() []NamedParam { return namedParams("", s.children) }

// NamedBuffers lists buffers with full names in state_dict order.
func (s *Sequential) NamedBuffers() []NamedBuffer { return namedBuffers("", s.children) }

// StateDict lists parameters and buffers in PyTorch's state_dict order.
func (s *Sequential) StateDict() []NamedTensor { return stateDict(nil, "", s.children) }

// Module is a named container, like a user-defined nn.Module whose forward
// calls its children in order: ConvNetWithBNDropout has the children
// "features" and "classifier", each a Sequential, so its parameters are
// "features.0.weight", ..., "classifier.8.bias".
type Module struct {
	container
	kind string
}

// NewModule returns a Module whose class name (shown by String and Kind) is
// kind and whose children run in the given order. Names must be non-empty,
// unique and contain no dot.
func NewModule(kind string, children ...Child) (*Module, error) {
	if kind == "" {
		return nil, fmt.Errorf("engine: Module: empty class name")
	}
	k, err := newContainer(children)
	if err != nil {
		return nil, fmt.Errorf("engine: Module %s: %w", kind, err)
	}
	return &Module{container: k, kind: kind}, nil
}

// Kind returns the class name given to NewModule.
func (m *Module) Kind() string { return m.kind }

// String returns PyTorch's repr of the whole module, children indented.
func (m *Module) String() string { return reprContainer(m.kind, m.children) }

// NamedParams lists parameters with full names in state_dict order.
func (m *Module) NamedParams() []NamedParam { return namedParams("", m.children) }

// NamedBuffers lists buffers with full names in state_dict order.
func (m *Module) NamedBuffers() []NamedBuffer { return namedBuffers("", m.children) }

// StateDict lists parameters and buffers in PyTorch's state_dict order.
func (m *Module) StateDict() []NamedTensor { return stateDict(nil, "", m.children) }

// Child returns the direct child with the given name, or nil.
func (m *Module) Child(name string) Layer {
	for _, c := range m.children {
		if c.Name == name {
			return c.Layer
		}
	}
	return nil
}

// childLister is implemented by containers (Sequential, Module).
type childLister interface{ Children() []Child }

func namedParams(prefix string, children []Child) []NamedParam {
	var out []NamedParam
	for _, c := range children {
		p := prefix + c.Name + "."
		if cl, ok := c.Layer.(childLister); ok {
			out = append(out, namedParams(p, cl.Children())...)
			continue
		}
		for _, q := range c.Layer.Params() {
			out = append(out, NamedParam{Name: p + q.Name, Param: q})
		}
	}
	return out
}

func namedBuffers(prefix string, children []Child) []NamedBuffer {
	var out []NamedBuffer
	for _, c := range children {
		p := prefix + c.Name + "."
		if cl, ok := c.Layer.(childLister); ok {
			out = append(out, namedBuffers(p, cl.Children())...)
			continue
		}
		for _, b := range c.Layer.Buffers() {
			out = append(out, NamedBuffer{Name: p + b.Name, Buffer: b})
		}
	}
	return out
}

// stateDict appends, per leaf layer, its parameters then its buffers, as
// PyTorch's Module._save_to_state_dict followed by the children.
func stateDict(out []NamedTensor, prefix string, children []Child) []NamedTensor {
	for _, c := range children {
		p := prefix + c.Name + "."
		if cl, ok := c.Layer.(childLister); ok {
			out = stateDict(out, p, cl.Children())
			continue
		}
		for _, q := range c.Layer.Params() {
			out = append(out, NamedTensor{Name: p + q.Name, Tensor: q.Value})
		}
		for _, b := range c.Layer.Buffers() {
			out = append(out, NamedTensor{Name: p + b.Name, Tensor: b.Value, Buffer: true})
		}
	}
	return out
}

// reprContainer is PyTorch's Module.__repr__ for a module without
// extra_repr: "Name(" then one "(key): repr" line per child, each child's
// further lines indented by two spaces (_addindent), then ")". A container
// without children prints "Name()".
func reprContainer(kind string, children []Child) string {
	if len(children) == 0 {
		return kind + "()"
	}
	var b strings.Builder
	b.WriteString(kind + "(\n")
	for _, c := range children {
		s := strings.ReplaceAll(c.Layer.String(), "\n", "\n  ")
		b.WriteString("  (" + c.Name + "): " + s + "\n")
	}
	b.WriteString(")")
	return b.String()
}

// Leaves returns the non-container layers of m in forward order (m itself
// when it is not a container), e.g. to reach every Dropout of a model.
func Leaves(m Layer) []Layer { return leafLayers(m) }

// Find returns the layer at a dotted path inside m ("classifier.4"), or an
// error naming the part of the path that does not exist.
func Find(m Layer, path string) (Layer, error) {
	cur := m
	for _, part := range strings.Split(path, ".") {
		cl, ok := cur.(childLister)
		if !ok {
			return nil, fmt.Errorf("engine: no layer %q: %s has no children", path, cur.Kind())
		}
		var next Layer
		for _, c := range cl.Children() {
			if c.Name == part {
				next = c.Layer
			}
		}
		if next == nil {
			return nil, fmt.Errorf("engine: no layer %q (no child %q in %s)", path, part, cur.Kind())
		}
		cur = next
	}
	return cur, nil
}
