package engine

import "testing"

func TestFlatten(t *testing.T) {
	cases := []struct {
		f          *Flatten
		repr       string
		in, wantSh string
		shape      []int
	}{
		{NewFlatten(), "Flatten(start_dim=1, end_dim=-1)", "(32, 64, 7, 7)", "(32, 3136)", []int{32, 64, 7, 7}},
		{NewFlattenDims(0, -1), "Flatten(start_dim=0, end_dim=-1)", "(2, 3)", "(6,)", []int{2, 3}},
		{NewFlattenDims(1, 2), "Flatten(start_dim=1, end_dim=2)", "(2, 3, 4, 5)", "(2, 12, 5)", []int{2, 3, 4, 5}},
	}
	for _, c := range cases {
		if got := c.f.String(); got != c.repr {
			t.Errorf("String() = %q, want %q", got, c.repr)
		}
		x := New(c.shape...)
		y, err := c.f.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		if y.ShapeString() != c.wantSh || &y.Data[0] != &x.Data[0] {
			t.Errorf("%s on %s: %s (shared %v), want %s sharing data", c.repr, c.in, y.ShapeString(), &y.Data[0] == &x.Data[0], c.wantSh)
		}
		gx, err := c.f.Backward(y)
		if err != nil || gx.ShapeString() != c.in {
			t.Errorf("Backward: %v, %v; want shape %s", gx, err, c.in)
		}
	}
	if _, err := NewFlattenDims(2, 3).Forward(New(4, 5)); err == nil {
		t.Error("out-of-range dims gave no error")
	}
	f := NewFlatten()
	f.Forward(New(2, 3, 4))
	if _, err := f.Backward(New(2, 3, 4)); err == nil {
		t.Error("Backward with wrong shape gave no error")
	}
}
