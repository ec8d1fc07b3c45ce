package engine

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestInitSchemes checks the range, spread and reproducibility of the
// initialisers on the syllabus network (Conv2d fan_in 9 and 288, Linear
// fan_in 3136, 512 and 128).
func TestInitSchemes(t *testing.T) {
	m, err := NewSyllabusConvNet(rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	fanIn := map[string]int{"features.0": 9, "features.4": 288, "classifier.1": 3136, "classifier.5": 512, "classifier.8": 128}
	check := func(scheme string, f func(name string, w, b []float32, fan int)) {
		for _, p := range m.NamedParams() {
			layer := p.Name[:strings.LastIndex(p.Name, ".")]
			fan, ok := fanIn[layer]
			if !ok {
				// BatchNorm: untouched (γ = 1, β = 0).
				want := float32(0)
				if strings.HasSuffix(p.Name, "weight") {
					want = 1
				}
				for _, v := range p.Param.Value.Data {
					if v != want {
						t.Fatalf("%s: %s changed to %v", scheme, p.Name, v)
					}
				}
				continue
			}
			if strings.HasSuffix(p.Name, "weight") {
				f(p.Name, p.Param.Value.Data, nil, fan)
			} else {
				f(p.Name, nil, p.Param.Value.Data, fan)
			}
		}
	}
	// PyTorch default: everything in (−1/√fan_in, 1/√fan_in), std bound/√3.
	if err := InitDefault(m, rand.New(rand.NewPCG(2, 2))); err != nil {
		t.Fatal(err)
	}
	check("default", func(name string, w, b []float32, fan int) {
		bound := 1 / math.Sqrt(float64(fan))
		for _, v := range append(w, b...) {
			if math.Abs(float64(v)) >= bound {
				t.Fatalf("default %s: %v outside ±%v", name, v, bound)
			}
		}
		if len(w) > 1000 {
			if _, s := MeanStd(w); math.Abs(s-bound/math.Sqrt(3)) > 0.05*bound {
				t.Errorf("default %s: std %v, want %v", name, s, bound/math.Sqrt(3))
			}
		}
	})
	// Normal(0.1): weights with std 0.1, biases zero.
	if err := InitNormal(m, rand.New(rand.NewPCG(3, 3)), 0.1); err != nil {
		t.Fatal(err)
	}
	check("normal", func(name string, w, b []float32, fan int) {
		for _, v := range b {
			if v != 0 {
				t.Fatalf("normal %s: bias %v", name, v)
			}
		}
		if len(w) > 1000 {
			if mean, s := MeanStd(w); math.Abs(s-0.1) > 0.005 || math.Abs(mean) > 0.005 {
				t.Errorf("normal %s: mean %v std %v, want 0, 0.1", name, mean, s)
			}
		}
	})
	// Same seed, same values.
	a, _ := NewMLP(MLPSpec{Sizes: []int{5, 4, 2}, Activation: "relu"}, rand.New(rand.NewPCG(9, 9)))
	b, _ := NewMLP(MLPSpec{Sizes: []int{5, 4, 2}, Activation: "relu"}, rand.New(rand.NewPCG(1, 1)))
	InitNormal(a, rand.New(rand.NewPCG(4, 4)), 0.3)
	InitNormal(b, rand.New(rand.NewPCG(4, 4)), 0.3)
	if !sameState(stateValues(a), stateValues(b)) {
		t.Errorf("the same seed gave different weights")
	}
	if err := InitNormal(a, rand.New(rand.NewPCG(4, 4)), 0); err == nil {
		t.Errorf("std 0 accepted")
	}
	if err := InitDefault(a, nil); err == nil {
		t.Errorf("nil rand accepted")
	}
}

func TestInitGlorot(t *testing.T) {
	m, err := NewKerasSyllabusModel(rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	dense := m.Layer(9).(*Linear) // Dense(256) on 3136 inputs
	bound := math.Sqrt(6.0 / (3136 + 256))
	for _, v := range dense.Weight.Value.Data {
		if math.Abs(float64(v)) > bound {
			t.Fatalf("glorot weight %v outside ±%v", v, bound)
		}
	}
	if _, s := MeanStd(dense.Weight.Value.Data); math.Abs(s-bound/math.Sqrt(3)) > 0.02*bound {
		t.Errorf("glorot std %v, want %v", s, bound/math.Sqrt(3))
	}
	for _, v := range dense.Bias.Value.Data {
		if v != 0 {
			t.Fatalf("glorot bias %v", v)
		}
	}
}
