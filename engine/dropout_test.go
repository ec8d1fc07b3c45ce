package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// fixedMaskDropout forces the same mask on every Forward, so that finite
// differences see one deterministic function.
type fixedMaskDropout struct {
	*Dropout
	mask *Tensor
}

func (f fixedMaskDropout) Forward(x *Tensor) (*Tensor, error) {
	if err := f.SetNextMask(f.mask); err != nil {
		return nil, err
	}
	return f.Dropout.Forward(x)
}

func TestDropoutGradient(t *testing.T) {
	for _, tc := range []struct {
		name  string
		p     float64
		train bool
	}{{"p0.5_train", 0.5, true}, {"p0.3_train", 0.3, true}, {"p0_train", 0, true},
		{"p1_train", 1, true}, {"p0.5_eval", 0.5, false}} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(31, 32))
			d, err := NewDropout(tc.p, r)
			if err != nil {
				t.Fatal(err)
			}
			mask := New(4, 6)
			for i := range mask.Data {
				if r.Float64() >= tc.p {
					mask.Data[i] = 1
				}
			}
			d.SetTraining(tc.train)
			gradCheck(t, fixedMaskDropout{d, mask}, randTensor(r, 4, 6), 1e-2, 1e-3)
		})
	}
}

// TestDropoutStatistics: over many steps the share of dropped units is
// within statistical bounds of p, survivors are scaled by 1/(1 − p), the
// mean output matches the input (inverted dropout keeps the expectation),
// and eval mode drops nothing.
func TestDropoutStatistics(t *testing.T) {
	for _, p := range []float64{0.1, 0.5, 0.8} {
		d, _ := NewDropout(p, rand.New(rand.NewPCG(33, 34)))
		x := filled(2, 1000)
		dropped, total, sum := 0, 0, 0.0
		for range 50 {
			y, err := d.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range y.Data {
				m := d.Mask().Data[i]
				want := float32(0)
				if m == 1 {
					want = float32(2 * (1 / (1 - p)))
				} else {
					dropped++
				}
				if v != want {
					t.Fatalf("p=%v: y[%d] = %v with mask %v, want %v", p, i, v, m, want)
				}
				sum += float64(v)
			}
			total += len(y.Data)
		}
		sd := math.Sqrt(p * (1 - p) / float64(total))
		if share := float64(dropped) / float64(total); math.Abs(share-p) > 5*sd {
			t.Errorf("p=%v: dropped share %v, more than 5σ (%v) away", p, share, sd)
		}
		if mean := sum / float64(total); math.Abs(mean-2) > 5*2*math.Sqrt(p/(1-p)/float64(total)) {
			t.Errorf("p=%v: mean output %v, want ≈ 2 (the input)", p, mean)
		}
		d.SetTraining(false)
		last := d.Mask()
		y, _ := d.Forward(x)
		for i, v := range y.Data {
			if v != x.Data[i] {
				t.Fatalf("eval mode changed x[%d]: %v -> %v", i, x.Data[i], v)
			}
		}
		if d.Mask() != last {
			t.Errorf("eval-mode Forward replaced the last train mask")
		}
	}
}

func TestDropoutPOneGivesZeros(t *testing.T) {
	d, _ := NewDropout(1, nil)
	x := filled(3, 2, 5)
	y, err := d.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	g, err := d.Backward(filled(1, 2, 5))
	if err != nil {
		t.Fatal(err)
	}
	for i := range y.Data {
		if y.Data[i] != 0 || g.Data[i] != 0 || d.Mask().Data[i] != 0 {
			t.Fatalf("p=1: y %v, grad %v, mask %v at %d; want zeros", y.Data[i], g.Data[i], d.Mask().Data[i], i)
		}
	}
}

func TestDropoutForcedMask(t *testing.T) {
	d, _ := NewDropout(0.5, rand.New(rand.NewPCG(35, 36)))
	mask, _ := FromData([]float32{1, 0, 0, 1}, 2, 2)
	if err := d.SetNextMask(mask); err != nil {
		t.Fatal(err)
	}
	mask.Data[1] = 1 // the layer keeps its own copy
	x, _ := FromData([]float32{1, 2, 3, 4}, 2, 2)
	if _, err := d.Forward(New(3, 2)); err == nil || !strings.Contains(err.Error(), "forced mask (2, 2) does not match input (3, 2)") {
		t.Fatalf("mismatched forced mask: %v", err)
	}
	y, err := d.Forward(x) // the pending mask survived the refused step
	if err != nil {
		t.Fatal(err)
	}
	if want := []float32{2, 0, 0, 8}; !equalF32(y.Data, want) {
		t.Errorf("y = %v, want %v", y.Data, want)
	}
	if want := []float32{1, 0, 0, 1}; !equalF32(d.Mask().Data, want) {
		t.Errorf("Mask() = %v, want %v", d.Mask().Data, want)
	}
	bad, _ := FromData([]float32{1, 0.5}, 2)
	if err := d.SetNextMask(bad); err == nil || !strings.Contains(err.Error(), "0.5 at flat index 1") {
		t.Errorf("mask with 0.5: %v", err)
	}
}

func equalF32(a, b []float32) bool {
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

func TestDropoutRefusesBadP(t *testing.T) {
	for _, p := range []float64{-0.1, 1.5, math.NaN()} {
		if _, err := NewDropout(p, nil); err == nil || !strings.Contains(err.Error(), "p must be in [0, 1]") {
			t.Errorf("NewDropout(%v): %v", p, err)
		}
	}
	d, _ := NewDropout(0.5, nil)
	if err := d.SetP(2); err == nil || d.P() != 0.5 {
		t.Errorf("SetP(2): %v, p now %v", err, d.P())
	}
	if _, err := d.Forward(New(2)); err == nil || !strings.Contains(err.Error(), "no random source") {
		t.Errorf("train step without rng: %v", err)
	}
	if _, err := d.Backward(New(2)); err != ErrNoForward {
		t.Errorf("Backward before Forward: %v", err)
	}
	for _, tc := range []struct {
		p    float64
		want string
	}{{0.5, "Dropout(p=0.5, inplace=False)"}, {0.3, "Dropout(p=0.3, inplace=False)"}, {0, "Dropout(p=0.0, inplace=False)"}} {
		d, _ := NewDropout(tc.p, nil)
		if d.String() != tc.want {
			t.Errorf("String() = %q, want %q", d.String(), tc.want)
		}
	}
}

// TestDropoutSeeded checks that a seed replays the same masks.
func TestDropoutSeeded(t *testing.T) {
	masks := func() []float32 {
		d, _ := NewDropout(0.5, rand.New(rand.NewPCG(7, 7)))
		var all []float32
		for range 3 {
			if _, err := d.Forward(New(10)); err != nil {
				t.Fatal(err)
			}
			all = append(all, d.Mask().Data...)
		}
		return all
	}
	if a, b := masks(), masks(); !equalF32(a, b) {
		t.Errorf("same seed, different masks:\n%v\n%v", a, b)
	}
}

// ExampleDropout forces a mask, as the lessons and the PyTorch reference
// cases do: survivors are scaled by 1/(1 − p) in train mode, and eval mode
// is the identity.
func ExampleDropout() {
	d, _ := NewDropout(0.5, rand.New(rand.NewPCG(1, 2)))
	x, _ := FromData([]float32{1, 2, 3, 4}, 1, 4)
	mask, _ := FromData([]float32{1, 0, 1, 0}, 1, 4)
	_ = d.SetNextMask(mask)
	y, _ := d.Forward(x)
	fmt.Println(d, y.Data, d.Mask().Data)
	d.SetTraining(false)
	y, _ = d.Forward(x)
	fmt.Println(y.Data)
	// Output:
	// Dropout(p=0.5, inplace=False) [2 0 6 0] [1 0 1 0]
	// [1 2 3 4]
}
