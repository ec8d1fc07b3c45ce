package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Init schemes for the weights of Linear and Conv2d layers (every leaf layer
// with a parameter "weight" of at least 2 dimensions) and their "bias".
// Normalisation layers (1-d weights γ = 1, β = 0) are left as they are. Values
// are drawn layer by layer in forward order, weight before bias, from the
// given *rand.Rand, so a seed replays the same network.
//
// With fan_in = in_features (Linear) or in_channels·kh·kw (Conv2d) and
// fan_out = out_features or out_channels·kh·kw:
//
//	PyTorch default:  W, b ~ U(−1/√fan_in, 1/√fan_in)
//	                  (kaiming_uniform_(a=√5): gain √(2/(1+5)), bound gain·√(3/fan_in);
//	                   He et al. 2015 and PyTorch's reset_parameters)
//	Normal(σ):        W ~ N(0, σ²), b = 0       (Ioffe & Szegedy 2015 §4.1 use small Gaussians)
//	Glorot uniform:   W ~ U(±√(6/(fan_in+fan_out))), b = 0   (Keras's default; Glorot & Bengio 2010)

// InitDefault re-initialises m's weights and biases as PyTorch does when it
// builds the layers.
func InitDefault(m Layer, r *rand.Rand) error {
	return initWeights(m, r, "InitDefault", func(w, b []float32, fanIn, _ int) {
		uniformFanIn(r, w, fanIn)
		uniformFanIn(r, b, fanIn)
	})
}

// InitNormal sets m's weights to N(0, std²) and biases to zero. std must be
// positive and finite.
func InitNormal(m Layer, r *rand.Rand, std float64) error {
	if !(std > 0) || math.IsInf(std, 0) {
		return fmt.Errorf("engine: InitNormal: std must be positive and finite, got %v", std)
	}
	return initWeights(m, r, "InitNormal", func(w, b []float32, _, _ int) {
		for i := range w {
			w[i] = float32(r.NormFloat64() * std)
		}
		clear(b)
	})
}

// InitGlorotUniform sets m's weights as Keras's glorot_uniform and biases
// to zero (Keras's zeros).
func InitGlorotUniform(m Layer, r *rand.Rand) error {
	return initWeights(m, r, "InitGlorotUniform", func(w, b []float32, fanIn, fanOut int) {
		bound := math.Sqrt(6 / float64(fanIn+fanOut))
		for i := range w {
			w[i] = float32((2*r.Float64() - 1) * bound)
		}
		clear(b)
	})
}

// initWeights calls fill(weight, bias, fanIn, fanOut) for every weight-like
// leaf layer of m (bias nil when absent).
func initWeights(m Layer, r *rand.Rand, name string, fill func(w, b []float32, fanIn, fanOut int)) error {
	if m == nil || r == nil {
		return fmt.Errorf("engine: %s needs a model and a *rand.Rand (got model=%v, rand=%v)", name, m != nil, r != nil)
	}
	for _, l := range leafLayers(m) {
		var w, b *Param
		for _, p := range l.Params() {
			switch p.Name {
			case "weight":
				w = p
			case "bias":
				b = p
			}
		}
		if w == nil || w.Value.Dims() < 2 {
			continue
		}
		recept := 1
		for _, d := range w.Value.Shape[2:] {
			recept *= d
		}
		fanIn, fanOut := w.Value.Shape[1]*recept, w.Value.Shape[0]*recept
		var bd []float32
		if b != nil {
			bd = b.Value.Data
		}
		fill(w.Value.Data, bd, fanIn, fanOut)
	}
	return nil
}

// leafLayers returns the non-container layers of m in forward order (m
// itself when it is not a container).
func leafLayers(m Layer) []Layer {
	cl, ok := m.(childLister)
	if !ok {
		return []Layer{m}
	}
	var out []Layer
	for _, c := range cl.Children() {
		out = append(out, leafLayers(c.Layer)...)
	}
	return out
}
