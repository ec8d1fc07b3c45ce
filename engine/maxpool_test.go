package engine

import "testing"

func TestMaxPool2d(t *testing.T) {
	x, _ := FromData([]float32{
		1, 3, 2, 2,
		4, 0, 2, 1,
		5, 6, 7, 8,
		9, 9, 0, 7,
	}, 1, 1, 4, 4)
	cases := []struct {
		kernel, stride, padding int
		wantY, wantGx           []float32
	}{
		// Ties (2, 2 in the top right; 9, 9 bottom left) go to the first.
		{2, 2, 0, []float32{4, 2, 9, 8}, []float32{0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 4, 3, 0, 0, 0}},
		{3, 1, 0, []float32{7, 8, 9, 9}, []float32{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0}},
		{2, 2, 1, []float32{1, 3, 2, 5, 7, 8, 9, 9, 7}, []float32{1, 2, 0, 3, 0, 0, 0, 0, 4, 0, 5, 6, 7, 8, 0, 9}},
	}
	for _, tc := range cases {
		m, err := NewMaxPool2d(tc.kernel, tc.stride, tc.padding)
		if err != nil {
			t.Fatal(err)
		}
		y, err := m.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		if !sameF32s(y.Data, tc.wantY) {
			t.Errorf("%s: y = %v, want %v", m, y.Data, tc.wantY)
		}
		gy := New(y.Shape...)
		for i := range gy.Data {
			gy.Data[i] = float32(i + 1)
		}
		gx, err := m.Backward(gy)
		if err != nil {
			t.Fatal(err)
		}
		if !sameF32s(gx.Data, tc.wantGx) {
			t.Errorf("%s: gx = %v, want %v", m, gx.Data, tc.wantGx)
		}
	}
}

func sameF32s(a, b []float32) bool {
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

func TestMaxPool2dStringAndErrors(t *testing.T) {
	m, err := NewMaxPool2d(2, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.String(), "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	for _, a := range [][3]int{{0, 1, 0}, {2, -1, 0}, {2, 2, 2}, {3, 1, -1}} {
		if _, err := NewMaxPool2d(a[0], a[1], a[2]); err == nil {
			t.Errorf("NewMaxPool2d%v gave no error", a)
		}
	}
	for _, x := range []*Tensor{New(2, 4, 4), New(1, 1, 1, 1), nil} {
		if _, err := m.Forward(x); err == nil {
			t.Errorf("Forward(%s) gave no error", shapeOrNilString(x))
		}
	}
}
