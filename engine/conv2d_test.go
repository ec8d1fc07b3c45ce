package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// naiveConv2d is the direct float64 definition of the convolution.
func naiveConv2d(c *Conv2d, x *Tensor) ([]float64, int, int) {
	n, h, w := x.Shape[0], x.Shape[2], x.Shape[3]
	kh, kw, sh, sw, ph, pw := c.Kernel[0], c.Kernel[1], c.Stride[0], c.Stride[1], c.Padding[0], c.Padding[1]
	ho, wo := (h+2*ph-kh)/sh+1, (w+2*pw-kw)/sw+1
	out := make([]float64, n*c.Out*ho*wo)
	wt := c.Weight.Value.Data
	for b := 0; b < n; b++ {
		for o := 0; o < c.Out; o++ {
			for i := 0; i < ho; i++ {
				for j := 0; j < wo; j++ {
					s := 0.0
					if c.Bias != nil {
						s = float64(c.Bias.Value.Data[o])
					}
					for ci := 0; ci < c.In; ci++ {
						for u := 0; u < kh; u++ {
							for v := 0; v < kw; v++ {
								r, q := i*sh-ph+u, j*sw-pw+v
								if r < 0 || r >= h || q < 0 || q >= w {
									continue
								}
								s += float64(wt[((o*c.In+ci)*kh+u)*kw+v]) * float64(x.Data[((b*c.In+ci)*h+r)*w+q])
							}
						}
					}
					out[((b*c.Out+o)*ho+i)*wo+j] = s
				}
			}
		}
	}
	return out, ho, wo
}

func TestConv2dForward(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		name                    string
		in, out                 int
		kernel, stride, padding [2]int
		bias                    bool
		shape                   []int
	}{
		{"3x3same", 1, 4, [2]int{3, 3}, [2]int{1, 1}, [2]int{1, 1}, true, []int{2, 1, 6, 5}},
		{"5x5valid", 3, 2, [2]int{5, 5}, [2]int{1, 1}, [2]int{0, 0}, true, []int{1, 3, 9, 7}},
		{"stride2pad2", 2, 3, [2]int{3, 3}, [2]int{2, 2}, [2]int{2, 2}, false, []int{2, 2, 7, 8}},
		{"rect", 2, 5, [2]int{1, 4}, [2]int{3, 1}, [2]int{0, 3}, true, []int{1, 2, 10, 4}},
		{"kernelWholeImage", 2, 2, [2]int{4, 4}, [2]int{1, 1}, [2]int{0, 0}, true, []int{3, 2, 4, 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewConv2dRect(tc.in, tc.out, tc.kernel, tc.stride, tc.padding, tc.bias, r)
			if err != nil {
				t.Fatal(err)
			}
			x := randTensor(r, tc.shape...)
			y, err := c.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			want, ho, wo := naiveConv2d(c, x)
			if y.Shape[2] != ho || y.Shape[3] != wo || y.Len() != len(want) {
				t.Fatalf("output %s, want (%d, %d, %d, %d)", y.ShapeString(), tc.shape[0], tc.out, ho, wo)
			}
			for i, w := range want {
				if math.Abs(float64(y.Data[i])-w) > 1e-5 {
					t.Fatalf("y[%d] = %g, want %g", i, y.Data[i], w)
				}
			}
		})
	}
}

func TestConv2dString(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 3))
	cases := []struct {
		c    func() (*Conv2d, error)
		want string
	}{
		{func() (*Conv2d, error) { return NewConv2d(1, 32, 3, 1, 1, true, r) }, "Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))"},
		{func() (*Conv2d, error) { return NewConv2d(32, 64, 5, 2, 0, true, r) }, "Conv2d(32, 64, kernel_size=(5, 5), stride=(2, 2))"},
		{func() (*Conv2d, error) { return NewConv2d(3, 8, 3, 1, 0, false, r) }, "Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), bias=False)"},
		{func() (*Conv2d, error) {
			return NewConv2dRect(3, 8, [2]int{1, 3}, [2]int{1, 2}, [2]int{0, 1}, true, r)
		}, "Conv2d(3, 8, kernel_size=(1, 3), stride=(1, 2), padding=(0, 1))"},
	}
	for _, tc := range cases {
		c, err := tc.c()
		if err != nil {
			t.Fatal(err)
		}
		if got := c.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestConv2dErrors(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 4))
	c, _ := NewConv2d(1, 32, 3, 1, 1, true, r)
	for _, x := range []*Tensor{New(8, 28, 28), New(8, 3, 28, 28), nil} {
		if _, err := c.Forward(x); err == nil {
			t.Errorf("Forward(%s) gave no error", shapeOrNilString(x))
		}
	}
	v, _ := NewConv2d(1, 2, 5, 1, 0, true, r)
	if _, err := v.Forward(New(1, 1, 4, 4)); err == nil {
		t.Error("input smaller than the kernel gave no error")
	}
	for _, args := range [][5]int{{0, 1, 3, 1, 0}, {1, 1, 0, 1, 0}, {1, 1, 3, 0, 0}, {1, 1, 3, 1, -1}} {
		if _, err := NewConv2d(args[0], args[1], args[2], args[3], args[4], true, r); err == nil {
			t.Errorf("NewConv2d%v gave no error", args)
		}
	}
}

func ExampleNewConv2d() {
	c, err := NewConv2d(1, 32, 3, 1, 1, true, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	y, _ := c.Forward(New(8, 1, 28, 28))
	fmt.Println(c, y.ShapeString())
	// Output:
	// Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)) (8, 32, 28, 28)
}
