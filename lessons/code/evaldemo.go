package code

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"bnlab/engine"
)

// The BN defaults the lesson compares: PyTorch's momentum weights the new
// batch, Keras's the old average.
const (
	torchMomentum = 0.1
	kerasMomentum = 0.99
	torchEps      = 1e-5
	kerasEps      = 1e-3
)

// evalDemoBatch is the number of images in the eval-mode demonstration.
const evalDemoBatch = 4

// EvalDemo is what one batch does to the first BN layer's running mean
// (channel 0) of the PyTorch model in the engine: Before is its value
// fresh (0), AfterTrain after one train-mode forward pass, AfterEval after
// model.eval() and the same pass again.
type EvalDemo struct {
	Layer                         string  // "features.1"
	Batch                         int     // images in the batch
	Before, AfterTrain, AfterEval float64 // running_mean[0]
}

// evalDemo runs the demonstration on a fresh model and a seeded batch of
// random images.
func evalDemo() (EvalDemo, error) {
	r := rand.New(rand.NewPCG(2, 0xE7A1))
	m, err := engine.NewSyllabusConvNet(r)
	if err != nil {
		return EvalDemo{}, fmt.Errorf("lessons: code: %w", err)
	}
	d := EvalDemo{Layer: "features.1", Batch: evalDemoBatch}
	xs := make([]float32, evalDemoBatch*28*28)
	for i := range xs {
		xs[i] = float32(r.NormFloat64())
	}
	x, err := engine.FromData(xs, evalDemoBatch, 1, 28, 28)
	if err != nil {
		return d, err
	}
	mean := func() float64 {
		for _, b := range m.NamedBuffers() {
			if b.Name == d.Layer+".running_mean" {
				return float64(b.Buffer.Value.Data[0])
			}
		}
		return 0
	}
	d.Before = mean()
	if _, err := m.Forward(x); err != nil {
		return d, fmt.Errorf("lessons: code: %w", err)
	}
	d.AfterTrain = mean()
	m.Eval()
	if _, err := m.Forward(x); err != nil {
		return d, fmt.Errorf("lessons: code: %w", err)
	}
	d.AfterEval = mean()
	return d, nil
}

// BNCount is one BN layer of the PyTorch model: its name, the number of
// parameter values (γ and β) and of buffer values (running_mean,
// running_var, num_batches_tracked).
type BNCount struct {
	Name            string
	Params, Buffers int
}

// bnCounts lists the BN layers of m with their counts, in order.
func bnCounts(m *engine.Module) []BNCount {
	var out []BNCount
	for _, b := range m.NamedBuffers() {
		name, ok := strings.CutSuffix(b.Name, ".running_mean")
		if !ok {
			continue
		}
		c := BNCount{Name: name}
		for _, p := range m.NamedParams() {
			if strings.HasPrefix(p.Name, name+".") {
				c.Params += p.Param.Value.Len()
			}
		}
		for _, q := range m.NamedBuffers() {
			if strings.HasPrefix(q.Name, name+".") {
				c.Buffers += q.Buffer.Value.Len()
			}
		}
		out = append(out, c)
	}
	return out
}
