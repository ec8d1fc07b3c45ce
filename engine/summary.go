package engine

import (
	"fmt"
	"strconv"
)

// TorchPrint returns what PyTorch's print(model) shows: the module's repr,
// containers with one "(name): repr" line per child, nested children
// indented by two spaces. For NewSyllabusConvNet it matches PyTorch's text
// character for character.
func TorchPrint(m Layer) string { return m.String() }

// ParamCount returns the number of learnable values of m, as PyTorch's
// sum(p.numel() for p in model.parameters()) (buffers not counted).
func ParamCount(m Layer) int {
	n := 0
	for _, p := range m.Params() {
		n += p.Value.Len()
	}
	return n
}

// BufferCount returns the number of buffer values of m (running statistics
// and num_batches_tracked).
func BufferCount(m Layer) int {
	n := 0
	for _, b := range m.Buffers() {
		n += b.Value.Len()
	}
	return n
}

// TorchSummary returns TorchPrint(m) followed by a line with the parameter
// count, e.g. "Total params: 1,693,130".
func TorchSummary(m Layer) string {
	return fmt.Sprintf("%s\nTotal params: %s", TorchPrint(m), FormatThousands(ParamCount(m)))
}

// FormatThousands formats n with commas between groups of three digits, as
// Python's f"{n:,}": 1693130 → "1,693,130".
func FormatThousands(n int) string {
	s := strconv.Itoa(n)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// shapeInferer lets a layer report its output shape without running.
type shapeInferer interface {
	OutputShape(in []int) ([]int, error)
}

// OutputShape returns the shape m produces for an input of shape in
// (batch dimension included) without running it: Conv2d, MaxPool2d,
// Flatten and Linear change the shape, the normalisation, activation and
// dropout layers keep it, containers chain their children. A layer kind it
// does not know is an error.
func OutputShape(m Layer, in []int) ([]int, error) {
	if s, ok := m.(shapeInferer); ok {
		return s.OutputShape(in)
	}
	if cl, ok := m.(childLister); ok {
		var err error
		for _, c := range cl.Children() {
			if in, err = OutputShape(c.Layer, in); err != nil {
				return nil, err
			}
		}
		return in, nil
	}
	bad := func() ([]int, error) {
		return nil, fmt.Errorf("engine: %s cannot take input of shape %s", m, ShapeString(in))
	}
	switch l := m.(type) {
	case *Conv2d:
		if len(in) != 4 || in[1] != l.In {
			return bad()
		}
		h := (in[2]+2*l.Padding[0]-l.Kernel[0])/l.Stride[0] + 1
		w := (in[3]+2*l.Padding[1]-l.Kernel[1])/l.Stride[1] + 1
		if h <= 0 || w <= 0 {
			return bad()
		}
		return []int{in[0], l.Out, h, w}, nil
	case *MaxPool2d:
		if len(in) != 4 {
			return bad()
		}
		h := (in[2]+2*l.Padding-l.Kernel)/l.Stride + 1
		w := (in[3]+2*l.Padding-l.Kernel)/l.Stride + 1
		if h <= 0 || w <= 0 {
			return bad()
		}
		return []int{in[0], in[1], h, w}, nil
	case *Flatten:
		s, e := l.StartDim, l.EndDim
		if s < 0 {
			s += len(in)
		}
		if e < 0 {
			e += len(in)
		}
		if s < 0 || e >= len(in) || s > e {
			return bad()
		}
		merged := 1
		for _, v := range in[s : e+1] {
			merged *= v
		}
		return append(append(append([]int(nil), in[:s]...), merged), in[e+1:]...), nil
	case *Linear:
		if len(in) < 1 || in[len(in)-1] != l.In {
			return bad()
		}
		out := append([]int(nil), in...)
		out[len(out)-1] = l.Out
		return out, nil
	case *BatchNorm, *LayerNorm, *GroupNorm, *Activation, *Dropout:
		return append([]int(nil), in...), nil
	}
	return nil, fmt.Errorf("engine: OutputShape: unknown layer kind %s", m.Kind())
}
