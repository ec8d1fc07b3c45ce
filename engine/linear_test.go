package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestLinearForward(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	l, err := NewLinear(5, 3, true, r)
	if err != nil {
		t.Fatal(err)
	}
	x := randTensor(r, 4, 5)
	y, err := l.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	if got := y.ShapeString(); got != "(4, 3)" {
		t.Fatalf("shape %s, want (4, 3)", got)
	}
	for n := 0; n < 4; n++ {
		for o := 0; o < 3; o++ {
			s := float64(l.Bias.Value.Data[o])
			for i := 0; i < 5; i++ {
				s += float64(x.Data[n*5+i]) * float64(l.Weight.Value.Data[o*5+i])
			}
			if math.Abs(s-float64(y.Data[n*3+o])) > 1e-5 {
				t.Errorf("y[%d,%d] = %g, want %g", n, o, y.Data[n*3+o], s)
			}
		}
	}
}

func TestLinearInit(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	l, err := NewLinear(400, 300, true, r)
	if err != nil {
		t.Fatal(err)
	}
	bound := 1 / math.Sqrt(400)
	for _, p := range l.Params() {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range p.Value.Data {
			lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
		}
		// Uniform on (−bound, bound): the extremes come close to both ends.
		if lo < -bound || hi > bound || lo > -0.9*bound || hi < 0.9*bound {
			t.Errorf("%s in [%g, %g], want spread over (−%g, %g)", p.Name, lo, hi, bound, bound)
		}
	}
}

func TestLinearStringAndErrors(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	l, _ := NewLinear(3136, 512, true, r)
	if got, want := l.String(), "Linear(in_features=3136, out_features=512, bias=True)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	nb, _ := NewLinear(4, 2, false, r)
	if got, want := nb.String(), "Linear(in_features=4, out_features=2, bias=False)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	small, _ := NewLinear(784, 100, true, r)
	_, err := small.Forward(New(60, 28, 28))
	want := "engine: Linear(in_features=784, out_features=100) expects input (N, 784), got (60, 28, 28)"
	if err == nil || err.Error() != want {
		t.Errorf("Forward error %v, want %q", err, want)
	}
	if _, err := nb.Backward(New(1, 2)); err != ErrNoForward {
		t.Errorf("Backward before Forward: %v, want ErrNoForward", err)
	}
	nb.Forward(New(3, 4))
	if _, err := nb.Backward(New(2, 2)); err == nil || !strings.Contains(err.Error(), "(2, 2)") {
		t.Errorf("Backward with wrong shape: %v", err)
	}
	for _, bad := range [][2]int{{0, 3}, {3, -1}} {
		if _, err := NewLinear(bad[0], bad[1], true, r); err == nil {
			t.Errorf("NewLinear(%d, %d) gave no error", bad[0], bad[1])
		}
	}
}

func TestLinearSkipInputGrad(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	a, _ := NewLinear(6, 4, true, r)
	b, _ := NewLinear(6, 4, true, rand.New(rand.NewPCG(4, 4)))
	b.SetNeedInputGrad(false)
	x := randTensor(r, 3, 6)
	gy := randTensor(r, 3, 4)
	a.Forward(x)
	b.Forward(x)
	ga, _ := a.Backward(gy)
	gb, err := b.Backward(gy)
	if ga == nil || gb != nil || err != nil {
		t.Fatalf("input gradients %v and %v (err %v), want one and nil", ga, gb, err)
	}
	for i := range a.Weight.Grad.Data {
		if a.Weight.Grad.Data[i] != b.Weight.Grad.Data[i] {
			t.Fatal("weight gradient changed by SetNeedInputGrad(false)")
		}
	}
}

func ExampleNewLinear() {
	l, err := NewLinear(784, 100, true, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	y, _ := l.Forward(New(60, 784))
	fmt.Println(l, y.ShapeString())
	_, err = l.Forward(New(60, 28, 28))
	fmt.Println(err)
	// Output:
	// Linear(in_features=784, out_features=100, bias=True) (60, 100)
	// engine: Linear(in_features=784, out_features=100) expects input (N, 784), got (60, 28, 28)
}
