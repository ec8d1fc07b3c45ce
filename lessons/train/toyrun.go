package train

import (
	"bnlab/engine"
	"bnlab/engine/data"
)

// ToyRun is one small network trained on a ToyDataset a mini-batch at a
// time: the training part of the dropout and train-eval lessons, which
// embed it and build its fields in Configure.
type ToyRun struct {
	Toy     *ToyDataset
	Model   *engine.Sequential
	Batches *data.Batches
	Trainer *engine.Trainer
	// Loss is the last step's training loss; Acc is the last eval-mode
	// accuracy on the validation set, measured every EvalEvery steps.
	Loss, Acc float64
}

// NewToyRun builds the run of model m on toy: SGD with momentum 0.9 at
// learning rate lr, and shuffled mini-batches of batch flat samples (the
// last partial batch dropped) from the seed's stream 3.
func NewToyRun(toy *ToyDataset, m *engine.Sequential, lr float64, batch int, seed uint64) (ToyRun, error) {
	opt, err := engine.NewSGD(m.Params(), engine.SGDConfig{LR: lr, Momentum: 0.9})
	if err != nil {
		return ToyRun{}, err
	}
	b, err := data.NewBatches(toy.Src, batch, NewRand(seed, 3))
	if err != nil {
		return ToyRun{}, err
	}
	b.Flat, b.DropLast = true, true
	return ToyRun{Toy: toy, Model: m, Batches: b, Trainer: engine.NewTrainer(m, opt)}, nil
}

// Train runs n training steps in train mode, calling each after every one
// (each may be nil), and measures Acc when the step count passes a
// multiple of EvalEvery. It returns the step count before the first step,
// for a lesson's own schedules; a failed step stops with its error.
func (r *ToyRun) Train(n int, each func()) (before int, err error) {
	before = r.Trainer.Steps
	for range n {
		x, y := r.Batches.Next()
		r.Model.Train()
		loss, err := r.Trainer.Step(x, y)
		if err != nil {
			return before, err
		}
		r.Loss = loss
		if each != nil {
			each()
		}
	}
	if r.Trainer.Steps/EvalEvery != before/EvalEvery {
		r.Evaluate()
	}
	return before, nil
}

// Evaluate measures the eval-mode accuracy on the validation set (at most
// MNISTValCap samples) into Acc; a failed evaluation keeps the last one.
func (r *ToyRun) Evaluate() {
	if _, acc, err := engine.Evaluate(r.Model, r.Toy.ValX, r.Toy.ValY, MNISTValCap); err == nil {
		r.Acc = acc
	}
}
