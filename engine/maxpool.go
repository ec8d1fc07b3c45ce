package engine

import "fmt"

// MaxPool2d is PyTorch's nn.MaxPool2d (dilation 1, ceil_mode False) on
// (N, C, H, W):
//
//	y[n, c, i, j] = max_{u,v < k} x[n, c, i·s − p + u, j·s − p + v]
//	H_out = ⌊(H + 2p − k) / s⌋ + 1
//
// with the padding acting as −∞. The gradient flows to the position of the
// maximum; on ties to the first one in row-major window order, and a NaN
// wins (the last NaN of the window), as in PyTorch's CPU kernel.
//
// Ownership: the tensors returned by Forward and Backward are reused by the
// next call; Clone them to keep them.
type MaxPool2d struct {
	Kernel, Stride, Padding int

	training bool
	inShape  []int
	y, gx    *Tensor
	arg      []int32 // flat index into the (H, W) plane of each output's max
}

// NewMaxPool2d returns a MaxPool2d; stride 0 means stride = kernel, as
// PyTorch's stride=None. Padding must be at most half the kernel.
func NewMaxPool2d(kernel, stride, padding int) (*MaxPool2d, error) {
	if stride == 0 {
		stride = kernel
	}
	switch {
	case kernel <= 0 || stride <= 0:
		return nil, fmt.Errorf("engine: MaxPool2d needs a positive kernel_size and stride, got kernel_size=%d, stride=%d", kernel, stride)
	case padding < 0 || 2*padding > kernel:
		return nil, fmt.Errorf("engine: MaxPool2d: padding should be at most half of kernel_size, got kernel_size=%d, padding=%d", kernel, padding)
	}
	return &MaxPool2d{Kernel: kernel, Stride: stride, Padding: padding, training: true}, nil
}

// Kind returns "MaxPool2d".
func (m *MaxPool2d) Kind() string { return "MaxPool2d" }

// String returns PyTorch's repr, e.g.
// "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)".
func (m *MaxPool2d) String() string {
	return fmt.Sprintf("MaxPool2d(kernel_size=%d, stride=%d, padding=%d, dilation=1, ceil_mode=False)", m.Kernel, m.Stride, m.Padding)
}

// Params returns nil.
func (m *MaxPool2d) Params() []*Param { return nil }

// Buffers returns nil.
func (m *MaxPool2d) Buffers() []*Buffer { return nil }

// SetTraining sets the mode; pooling behaves the same in both.
func (m *MaxPool2d) SetTraining(train bool) { m.training = train }

// Training reports whether the layer is in train mode.
func (m *MaxPool2d) Training() bool { return m.training }

// Forward pools x of shape (N, C, H, W).
func (m *MaxPool2d) Forward(x *Tensor) (*Tensor, error) {
	if x == nil || x.Dims() != 4 {
		return nil, fmt.Errorf("engine: %s expects input (N, C, H, W), got %s", m, shapeOrNilString(x))
	}
	n, c, h, w := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	k, s, p := m.Kernel, m.Stride, m.Padding
	if h+2*p < k || w+2*p < k {
		return nil, fmt.Errorf("engine: %s: input %s is smaller than the kernel", m, x.ShapeString())
	}
	ho, wo := (h+2*p-k)/s+1, (w+2*p-k)/s+1
	m.y = reuseTensor(m.y, n, c, ho, wo)
	if cap(m.arg) < m.y.Len() {
		m.arg = make([]int32, m.y.Len())
	}
	m.arg = m.arg[:m.y.Len()]
	y := m.y.Data
	for plane := 0; plane < n*c; plane++ {
		img := x.Data[plane*h*w : (plane+1)*h*w]
		out := y[plane*ho*wo : (plane+1)*ho*wo]
		arg := m.arg[plane*ho*wo : (plane+1)*ho*wo]
		for i := 0; i < ho; i++ {
			r0, r1 := max(i*s-p, 0), min(i*s-p+k, h)
			for j := 0; j < wo; j++ {
				c0, c1 := max(j*s-p, 0), min(j*s-p+k, w)
				best, at := img[r0*w+c0], r0*w+c0
				for r := r0; r < r1; r++ {
					row := img[r*w : r*w+c1]
					for cc := c0; cc < c1; cc++ {
						if v := row[cc]; v > best || v != v {
							best, at = v, r*w+cc
						}
					}
				}
				out[i*wo+j], arg[i*wo+j] = best, int32(at)
			}
		}
	}
	m.inShape = append(m.inShape[:0], x.Shape...)
	return m.y, nil
}

// Backward routes each output gradient to its window's maximum.
func (m *MaxPool2d) Backward(gy *Tensor) (*Tensor, error) {
	if m.inShape == nil {
		return nil, ErrNoForward
	}
	if gy == nil || !SameShape(gy, m.y) {
		return nil, fmt.Errorf("engine: %s: gradient shape %s does not match output shape %s", m, shapeOrNilString(gy), m.y.ShapeString())
	}
	m.gx = reuseTensor(m.gx, m.inShape...)
	clear(m.gx.Data)
	hw := m.inShape[2] * m.inShape[3]
	ohw := m.y.Shape[2] * m.y.Shape[3]
	for plane := 0; plane < m.inShape[0]*m.inShape[1]; plane++ {
		dx := m.gx.Data[plane*hw : (plane+1)*hw]
		g := gy.Data[plane*ohw : (plane+1)*ohw]
		for i, a := range m.arg[plane*ohw : (plane+1)*ohw] {
			dx[a] += g[i]
		}
	}
	return m.gx, nil
}
