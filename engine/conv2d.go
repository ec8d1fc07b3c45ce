package engine

import (
	"fmt"
	"math/rand/v2"
)

// Conv2d is PyTorch's nn.Conv2d (groups = 1, dilation = 1, zero padding) on
// input (N, C_in, H, W):
//
//	y[n, o, i, j] = b[o] + Σ_{c,u,v} W[o, c, u, v] · x[n, c, i·sh − ph + u, j·sw − pw + v]
//	H_out = ⌊(H + 2ph − kh) / sh⌋ + 1,  W_out = ⌊(W + 2pw − kw) / sw⌋ + 1
//
// computed per image as one matrix product W(C_out × C_in·kh·kw) · cols,
// where cols (C_in·kh·kw × H_out·W_out) is the im2col unfolding of the image.
//
// Ownership: as for Linear, the tensors returned by Forward and Backward
// are reused by the next call; the input is kept until Backward.
type Conv2d struct {
	In, Out         int
	Kernel, Stride  [2]int
	Padding         [2]int
	Weight, Bias    *Param // weight (Out, In, kh, kw); bias (Out,) or nil
	training        bool
	skipGx          bool
	x, y, gx        *Tensor
	cols, dcols     []float32
	hOut, wOut, ckk int
}

// NewConv2d returns a square-kernel Conv2d (kernel×kernel, the same stride
// and padding in both directions), initialised as PyTorch does: weight and
// bias uniform in (−1/√fan_in, 1/√fan_in), fan_in = in·kernel².
func NewConv2d(in, out, kernel, stride, padding int, bias bool, r *rand.Rand) (*Conv2d, error) {
	return NewConv2dRect(in, out, [2]int{kernel, kernel}, [2]int{stride, stride}, [2]int{padding, padding}, bias, r)
}

// NewConv2dRect is NewConv2d with (height, width) pairs for kernel, stride
// and padding, as PyTorch's tuple arguments.
func NewConv2dRect(in, out int, kernel, stride, padding [2]int, bias bool, r *rand.Rand) (*Conv2d, error) {
	switch {
	case in <= 0 || out <= 0:
		return nil, fmt.Errorf("engine: Conv2d needs positive in_channels and out_channels, got %d and %d", in, out)
	case kernel[0] <= 0 || kernel[1] <= 0:
		return nil, fmt.Errorf("engine: Conv2d kernel_size must be positive, got (%d, %d)", kernel[0], kernel[1])
	case stride[0] <= 0 || stride[1] <= 0:
		return nil, fmt.Errorf("engine: Conv2d stride must be positive, got (%d, %d)", stride[0], stride[1])
	case padding[0] < 0 || padding[1] < 0:
		return nil, fmt.Errorf("engine: Conv2d padding must be non-negative, got (%d, %d)", padding[0], padding[1])
	case r == nil:
		return nil, fmt.Errorf("engine: Conv2d(%d, %d): nil *rand.Rand", in, out)
	}
	c := &Conv2d{In: in, Out: out, Kernel: kernel, Stride: stride, Padding: padding, training: true}
	fanIn := in * kernel[0] * kernel[1]
	c.ckk = fanIn
	c.Weight = &Param{Name: "weight", Value: New(out, in, kernel[0], kernel[1]), Grad: New(out, in, kernel[0], kernel[1])}
	uniformFanIn(r, c.Weight.Value.Data, fanIn)
	if bias {
		c.Bias = &Param{Name: "bias", Value: New(out), Grad: New(out)}
		uniformFanIn(r, c.Bias.Value.Data, fanIn)
	}
	return c, nil
}

// Kind returns "Conv2d".
func (c *Conv2d) Kind() string { return "Conv2d" }

// String returns PyTorch's repr, e.g.
// "Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))":
// as PyTorch's extra_repr, padding is printed only when non-zero and
// ", bias=False" only without bias.
func (c *Conv2d) String() string {
	s := fmt.Sprintf("Conv2d(%d, %d, kernel_size=(%d, %d), stride=(%d, %d)", c.In, c.Out, c.Kernel[0], c.Kernel[1], c.Stride[0], c.Stride[1])
	if c.Padding != [2]int{0, 0} {
		s += fmt.Sprintf(", padding=(%d, %d)", c.Padding[0], c.Padding[1])
	}
	if c.Bias == nil {
		s += ", bias=False"
	}
	return s + ")"
}

// Params returns weight and, if present, bias.
func (c *Conv2d) Params() []*Param {
	if c.Bias == nil {
		return []*Param{c.Weight}
	}
	return []*Param{c.Weight, c.Bias}
}

// Buffers returns nil: Conv2d has no buffers.
func (c *Conv2d) Buffers() []*Buffer { return nil }

// SetTraining sets the mode; Conv2d behaves the same in both.
func (c *Conv2d) SetTraining(train bool) { c.training = train }

// Training reports whether the layer is in train mode.
func (c *Conv2d) Training() bool { return c.training }

// SetNeedInputGrad says whether Backward must compute the gradient with
// respect to the input; the first layer of a network does not need it.
// When off, Backward returns a nil tensor (and a nil error). Default: true.
func (c *Conv2d) SetNeedInputGrad(need bool) { c.skipGx = !need }

// Forward convolves x of shape (N, In, H, W).
func (c *Conv2d) Forward(x *Tensor) (*Tensor, error) {
	if x == nil || x.Dims() != 4 || x.Shape[1] != c.In {
		return nil, fmt.Errorf("engine: %s expects input (N, %d, H, W), got %s", c, c.In, shapeOrNilString(x))
	}
	n, h, w := x.Shape[0], x.Shape[2], x.Shape[3]
	ho := (h+2*c.Padding[0]-c.Kernel[0])/c.Stride[0] + 1
	wo := (w+2*c.Padding[1]-c.Kernel[1])/c.Stride[1] + 1
	if h+2*c.Padding[0] < c.Kernel[0] || w+2*c.Padding[1] < c.Kernel[1] {
		return nil, fmt.Errorf("engine: %s: input %s is smaller than the kernel (%d, %d) after padding", c, x.ShapeString(), c.Kernel[0], c.Kernel[1])
	}
	c.hOut, c.wOut = ho, wo
	hw := ho * wo
	c.y = reuseTensor(c.y, n, c.Out, ho, wo)
	if need := n * c.ckk * hw; cap(c.cols) < need {
		c.cols = make([]float32, need)
	} else {
		c.cols = c.cols[:need]
	}
	inSz, outSz, colSz := c.In*h*w, c.Out*hw, c.ckk*hw
	for i := 0; i < n; i++ {
		cols := c.cols[i*colSz : (i+1)*colSz]
		im2col(x.Data[i*inSz:(i+1)*inSz], cols, c.In, h, w, ho, wo, c.Kernel, c.Stride, c.Padding)
		y := c.y.Data[i*outSz : (i+1)*outSz]
		if c.Bias != nil {
			for o, b := range c.Bias.Value.Data {
				row := y[o*hw : (o+1)*hw]
				for j := range row {
					row[j] = b
				}
			}
		}
		gemmNN(c.Out, hw, c.ckk, c.Weight.Value.Data, cols, y, c.Bias != nil)
	}
	c.x = x
	return c.y, nil
}

// Backward adds dL/dW = Σₙ gyₙ colsₙᵀ and dL/db = Σ gy into the gradients
// and returns dL/dx = col2im(Wᵀ gyₙ) (nil if SetNeedInputGrad(false)).
func (c *Conv2d) Backward(gy *Tensor) (*Tensor, error) {
	if c.x == nil {
		return nil, ErrNoForward
	}
	if gy == nil || !SameShape(gy, c.y) {
		return nil, fmt.Errorf("engine: %s: gradient shape %s does not match output shape %s", c, shapeOrNilString(gy), c.y.ShapeString())
	}
	n, h, w := c.x.Shape[0], c.x.Shape[2], c.x.Shape[3]
	hw := c.hOut * c.wOut
	inSz, outSz, colSz := c.In*h*w, c.Out*hw, c.ckk*hw
	gw := gradData(c.Weight)
	var gb []float32
	if c.Bias != nil {
		gb = gradData(c.Bias)
	}
	if !c.skipGx {
		c.gx = reuseTensor(c.gx, c.x.Shape...)
		clear(c.gx.Data)
		if cap(c.dcols) < colSz {
			c.dcols = make([]float32, colSz)
		}
		c.dcols = c.dcols[:colSz]
	}
	for i := 0; i < n; i++ {
		g := gy.Data[i*outSz : (i+1)*outSz]
		gemmNT(c.Out, c.ckk, hw, g, c.cols[i*colSz:(i+1)*colSz], gw, true)
		for o := range gb {
			s := float32(0)
			for _, v := range g[o*hw : (o+1)*hw] {
				s += v
			}
			gb[o] += s
		}
		if c.skipGx {
			continue
		}
		gemmTN(c.ckk, hw, c.Out, c.Weight.Value.Data, g, c.dcols, false)
		col2im(c.dcols, c.gx.Data[i*inSz:(i+1)*inSz], c.In, h, w, c.hOut, c.wOut, c.Kernel, c.Stride, c.Padding)
	}
	if c.skipGx {
		return nil, nil
	}
	return c.gx, nil
}
