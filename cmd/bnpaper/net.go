package main

import (
	"math/rand/v2"

	"bnlab/engine"
)

// spec is one network of the experiment.
type spec struct {
	Name string
	BN   bool
	// Std is the standard deviation of the initial weights (biases are 0).
	Std float64
	LR  float64
}

// specs are the four networks: the paper's setting and the small-weight
// setting where the plain network barely learns.
var specs = []spec{
	{"bn-0.1", true, 0.1, 0.5},
	{"plain-0.1", false, 0.1, 0.5},
	{"bn-0.01", true, 0.01, 0.1},
	{"plain-0.01", false, 0.01, 0.1},
}

// trainer is one network with its optimiser. The network is Ioffe &
// Szegedy's (engine.PaperMLPSpec):
//
//	Linear(784, 100) → [BN] → Sigmoid → Linear(100, 100) → [BN] → Sigmoid
//	→ Linear(100, 100) → [BN] → Sigmoid → Linear(100, 10)
//
// with weights N(0, Std²) and zero biases.
type trainer struct {
	spec
	model *engine.Sequential
	tr    *engine.Trainer
}

// newTrainer builds the network of s with weights drawn from a generator
// seeded with seed, and plain SGD (no momentum) at s.LR.
func newTrainer(s spec, seed uint64) (*trainer, error) {
	m, err := engine.NewMLP(engine.PaperMLPSpec(s.BN, s.Std), rand.New(rand.NewPCG(seed, 1)))
	if err != nil {
		return nil, err
	}
	opt, err := engine.NewSGD(m.Params(), engine.SGDConfig{LR: s.LR})
	if err != nil {
		return nil, err
	}
	return &trainer{spec: s, model: m, tr: engine.NewTrainer(m, opt)}, nil
}

// step runs one SGD step on (x, y) and returns the training loss; a NaN or
// Inf is an error wrapping engine.ErrDiverged.
func (t *trainer) step(x *engine.Tensor, y []int) (float64, error) { return t.tr.Step(x, y) }

// accuracy evaluates the model in eval mode (running statistics) on x and
// returns the share of correct predictions.
func (t *trainer) accuracy(x *engine.Tensor, y []int) (float64, error) {
	_, acc, err := engine.Evaluate(t.model, x, y, 1000)
	return acc, err
}
