package engine

import "fmt"

// Flatten is PyTorch's nn.Flatten: it merges dimensions start_dim through
// end_dim (negative values count from the end) into one. Forward returns a
// view sharing x's data, as PyTorch's view; Backward returns a view of the
// gradient reshaped to the input's shape.
//
// Ownership: the returned views are *Tensor headers owned by the layer and
// reused (re-pointed) by the next Forward and Backward; their data is the
// caller's.
type Flatten struct {
	StartDim, EndDim int

	training bool
	inShape  []int
	outShape []int
	y, gx    Tensor
}

// NewFlatten returns Flatten(start_dim=1, end_dim=-1), PyTorch's default.
func NewFlatten() *Flatten { return &Flatten{StartDim: 1, EndDim: -1, training: true} }

// NewFlattenDims returns Flatten(start_dim=start, end_dim=end).
func NewFlattenDims(start, end int) *Flatten {
	return &Flatten{StartDim: start, EndDim: end, training: true}
}

// Kind returns "Flatten".
func (f *Flatten) Kind() string { return "Flatten" }

// String returns PyTorch's repr, e.g. "Flatten(start_dim=1, end_dim=-1)".
func (f *Flatten) String() string {
	return fmt.Sprintf("Flatten(start_dim=%d, end_dim=%d)", f.StartDim, f.EndDim)
}

// Params returns nil.
func (f *Flatten) Params() []*Param { return nil }

// Buffers returns nil.
func (f *Flatten) Buffers() []*Buffer { return nil }

// SetTraining sets the mode; Flatten behaves the same in both.
func (f *Flatten) SetTraining(train bool) { f.training = train }

// Training reports whether the layer is in train mode.
func (f *Flatten) Training() bool { return f.training }

// Forward returns x viewed with dimensions StartDim..EndDim merged.
func (f *Flatten) Forward(x *Tensor) (*Tensor, error) {
	if x == nil {
		return nil, fmt.Errorf("engine: %s: nil input", f)
	}
	d := x.Dims()
	s, e := f.StartDim, f.EndDim
	if s < 0 {
		s += d
	}
	if e < 0 {
		e += d
	}
	if d == 0 || s < 0 || e >= d || s > e {
		return nil, fmt.Errorf("engine: %s cannot flatten input %s: dimensions out of range", f, shapeOrNilString(x))
	}
	merged := 1
	for _, v := range x.Shape[s : e+1] {
		merged *= v
	}
	out := append(append(append(f.outShape[:0], x.Shape[:s]...), merged), x.Shape[e+1:]...)
	f.outShape = out
	f.inShape = append(f.inShape[:0], x.Shape...)
	f.y = Tensor{Shape: append(f.y.Shape[:0], out...), Data: x.Data}
	return &f.y, nil
}

// Backward returns gy viewed with the input's shape.
func (f *Flatten) Backward(gy *Tensor) (*Tensor, error) {
	if f.inShape == nil {
		return nil, ErrNoForward
	}
	if gy == nil || !sameShapeInts(gy.Shape, f.outShape) {
		return nil, fmt.Errorf("engine: %s: gradient shape %s does not match output shape %s", f, shapeOrNilString(gy), ShapeString(f.outShape))
	}
	f.gx = Tensor{Shape: append(f.gx.Shape[:0], f.inShape...), Data: gy.Data}
	return &f.gx, nil
}

func sameShapeInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
