package engine

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestProbes: every leaf layer's probe holds the tensors of the last step,
// by reference (no copies), chained (one layer's output is the next one's
// input), with the gradients of the last Backward.
func TestProbes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	m, err := NewSyllabusConvNet(r)
	if err != nil {
		t.Fatal(err)
	}
	if ps := Probes(m); len(ps) != 17 || ps[0].Input != nil || ps[0].Name != "features.0" || ps[16].Name != "classifier.8" {
		t.Fatalf("probes before any step: %d, first %+v", len(ps), ps[0])
	}
	x := New(2, 1, 28, 28)
	for i := range x.Data {
		x.Data[i] = float32(r.NormFloat64())
	}
	out, err := m.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	_, g, _ := CrossEntropy(out, []int{3, 7})
	if _, err := m.Backward(g); err != nil {
		t.Fatal(err)
	}
	ps := Probes(m)
	if ps[0].Input != x || ps[16].Output != out || ps[16].GradOutput != g {
		t.Errorf("probes do not reference the step's own tensors")
	}
	if ps[0].GradInput != nil {
		t.Errorf("first layer has an input gradient although none is needed")
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Input != ps[i-1].Output && ps[i].Name != "classifier.0" {
			t.Errorf("%s input is not %s output", ps[i].Name, ps[i-1].Name)
		}
		if ps[i].GradInput != ps[i-1].GradOutput {
			t.Errorf("%s grad input is not %s grad output", ps[i].Name, ps[i-1].Name)
		}
		if ps[i].Step != 1 || ps[i].GradStep != 1 {
			t.Errorf("%s: Step %d GradStep %d, want 1 1", ps[i].Name, ps[i].Step, ps[i].GradStep)
		}
	}
	// Across containers the references are the same tensors too.
	if ps[8].Input != ps[7].Output {
		t.Errorf("classifier.0 input is not features.7 output")
	}
	p, ok := ProbeOf(m, "features.1")
	if !ok || p.Layer.Kind() != "BatchNorm2d" || !slices.Equal(p.Output.Shape, []int{2, 32, 28, 28}) {
		t.Errorf("ProbeOf(features.1) = %v, %v", p.Name, ok)
	}
	c := p.Clone()
	c.Output.Data[0] += 1
	if c.Output.Data[0] == p.Output.Data[0] {
		t.Errorf("Clone shares data with the probe")
	}
	if _, ok := ProbeOf(m, "features.99"); ok {
		t.Errorf("ProbeOf found a layer that does not exist")
	}
}

func TestPercentiles(t *testing.T) {
	v := []float32{5, 1, 4, 2, 3}
	got, err := Percentiles(v, 0, 15, 50, 85, 100)
	if err != nil {
		t.Fatal(err)
	}
	// numpy.percentile([1,2,3,4,5], [0,15,50,85,100]) = [1, 1.6, 3, 4.4, 5]
	want := []float64{1, 1.6, 3, 4.4, 5}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("percentile %d: %v, want %v", i, got[i], want[i])
		}
	}
	if !slices.Equal(v, []float32{5, 1, 4, 2, 3}) {
		t.Errorf("Percentiles modified its input")
	}
	if _, err := Percentiles(nil, 50); err == nil {
		t.Errorf("empty data accepted")
	}
	if _, err := Percentiles(v, 101); err == nil {
		t.Errorf("percentile 101 accepted")
	}
}

func TestHistogramMeanStd(t *testing.T) {
	nan := float32(math.NaN())
	h, err := Histogram([]float32{-5, 0, 0.4, 0.6, 1, 9, nan}, 2, 0, 1)
	if err != nil || !slices.Equal(h, []int{3, 3}) {
		t.Errorf("Histogram = %v, %v; want [3 3]", h, err)
	}
	if _, err := Histogram(nil, 0, 0, 1); err == nil {
		t.Errorf("0 bins accepted")
	}
	if _, err := Histogram(nil, 3, 1, 1); err == nil {
		t.Errorf("empty range accepted")
	}
	m, s := MeanStd([]float32{1, 3})
	if m != 2 || s != 1 {
		t.Errorf("MeanStd = %v, %v; want 2, 1", m, s)
	}
	if n := L2Norm([]float32{3, 4}); n != 5 {
		t.Errorf("L2Norm = %v", n)
	}
}
