package engine

import (
	"fmt"
	"strings"
)

// Tensor is a dense float32 array in row-major (C) order, shaped like a
// PyTorch tensor: (N, C) or (N, C, L) for 1-d layers, (N, C, H, W) for 2-d.
// Data is shared, not copied, by Reshape.
type Tensor struct {
	Shape []int
	Data  []float32
}

// New returns a zero-filled tensor of the given shape.
func New(shape ...int) *Tensor {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return &Tensor{Shape: append([]int(nil), shape...), Data: make([]float32, n)}
}

// FromData wraps data (not copied) as a tensor of the given shape. It fails
// when the element count does not match the shape or a dimension is negative.
func FromData(data []float32, shape ...int) (*Tensor, error) {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return nil, fmt.Errorf("engine: negative dimension in shape %s", ShapeString(shape))
		}
		n *= d
	}
	if n != len(data) {
		return nil, fmt.Errorf("engine: %d values cannot have shape %s (%d elements)", len(data), ShapeString(shape), n)
	}
	return &Tensor{Shape: append([]int(nil), shape...), Data: data}, nil
}

// Len returns the number of elements.
func (t *Tensor) Len() int { return len(t.Data) }

// Dims returns the number of dimensions.
func (t *Tensor) Dims() int { return len(t.Shape) }

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: append([]int(nil), t.Shape...), Data: append([]float32(nil), t.Data...)}
}

// Reshape returns a tensor sharing t's data with a new shape. One dimension
// may be -1 and is inferred, as in PyTorch's view.
func (t *Tensor) Reshape(shape ...int) (*Tensor, error) {
	s := append([]int(nil), shape...)
	infer, n := -1, 1
	for i, d := range s {
		switch {
		case d == -1 && infer < 0:
			infer = i
		case d < 0:
			return nil, fmt.Errorf("engine: cannot reshape %s to %s", t.ShapeString(), ShapeString(shape))
		default:
			n *= d
		}
	}
	if infer >= 0 {
		if n == 0 || len(t.Data)%n != 0 {
			return nil, fmt.Errorf("engine: cannot reshape %s to %s", t.ShapeString(), ShapeString(shape))
		}
		s[infer] = len(t.Data) / n
		n *= s[infer]
	}
	if n != len(t.Data) {
		return nil, fmt.Errorf("engine: cannot reshape %s (%d elements) to %s", t.ShapeString(), len(t.Data), ShapeString(shape))
	}
	return &Tensor{Shape: s, Data: t.Data}, nil
}

// ShapeString formats t's shape as PyTorch prints it, e.g. "(8, 3, 28, 28)".
func (t *Tensor) ShapeString() string { return ShapeString(t.Shape) }

// ShapeString formats a shape as "(8, 3, 28, 28)".
func ShapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// SameShape reports whether a and b have identical shapes.
func SameShape(a, b *Tensor) bool {
	if len(a.Shape) != len(b.Shape) {
		return false
	}
	for i := range a.Shape {
		if a.Shape[i] != b.Shape[i] {
			return false
		}
	}
	return true
}
