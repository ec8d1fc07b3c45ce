package mistakes

import (
	"errors"
	"fmt"

	"bnlab/engine"
	"bnlab/engine/data"
	"bnlab/lessons/train"
)

// The experiments' fixed settings.
const (
	trainN    = 2000 // training images (the first of the data set)
	valN      = 500  // validation images
	hidden    = 64   // hidden units of both hidden layers
	dropP     = 0.5  // dropout rate (PyTorch's p)
	batchSize = 32   // mini-batch size (except in the tiny-batch experiment)
	// learningRate is the SGD learning rate at batch 32 (momentum momentum); other
	// batch sizes scale it linearly (lr = learningRate · m / 32), so that every
	// batch size takes the same step per image and the tiny-batch
	// experiment compares the normalisation, not the optimiser's noise.
	learningRate = 0.05
	momentum     = 0.9
	// plainLR is the learning rate of the net without normalisation (the
	// dropout-on experiment): at learningRate it can diverge.
	plainLR = 0.01
	chunk   = 25 // training steps of 32 images per Step
	passes  = 5  // repeated predictions of the validation set
	// tinyImages × steps images train each net of the tiny-batch
	// experiment (12 nets: it must stay cheap).
	tinyImages = 8
)

// sizes are the batch sizes of the tiny-batch experiment.
var sizes = []int{2, 4, 8, 16, 32, 64}

// job is one network of an experiment with its training run.
type job struct {
	label    string
	model    *engine.Sequential
	trainer  *engine.Trainer
	batches  *data.Batches
	batch    int
	steps    int
	diverged *engine.DivergedError
}

// experiment is one experiment: its networks, trained one after the
// other, then measured.
type experiment struct {
	kind       string
	seed       uint64
	steps      int
	jobs       []*job
	cur        int
	valX       *engine.Tensor
	valY       []int
	trainSrc   data.Source
	result     *result
	imagesDone int
	imagesAll  int
}

// result holds the measurements of a finished experiment (one of the
// pointers is set).
type result struct {
	eval      *EvalMistake
	dropoutBN *DropoutBNMistake
	tiny      *TinyBatchMistake
	dropoutOn *EvalMistake
}

// newExperiment builds the networks of experiment kind on ds.
func newExperiment(kind string, steps int, seed uint64, ds *train.Dataset) (*experiment, error) {
	if steps < 1 {
		return nil, fmt.Errorf("steps %d must be positive", steps)
	}
	e := &experiment{kind: kind, seed: seed, steps: steps,
		trainSrc: train.Head{Src: ds.Train, N: min(trainN, ds.Train.Len())}}
	idx := make([]int, min(valN, ds.Val.Len()))
	for i := range idx {
		idx[i] = i
	}
	var err error
	if e.valX, e.valY, err = data.Gather(ds.Val, idx, true); err != nil {
		return nil, err
	}
	in, k := ds.InputSize(), ds.Classes
	add := func(label, norm string, drop []int, batch, steps int, stream uint64) error {
		m, err := net(in, hidden, k, norm, dropP, drop, seed, 100)
		if err != nil {
			return err
		}
		lr := learningRate * float64(batch) / batchSize
		if norm == "" {
			lr = plainLR
		}
		return e.addJob(label, m, batch, steps, lr, stream)
	}
	switch kind {
	case MistakeEval:
		err = add("BN + dropout", "bn", []int{2}, batchSize, steps, 1)
	case MistakeDropoutBN:
		err = errors.Join(
			add("dropout before BN", "bn", []int{1}, batchSize, steps, 1),
			add("dropout after the last BN", "bn", []int{2}, batchSize, steps, 1))
	case MistakeTinyBatch:
		for _, m := range sizes {
			n := max(1, steps*tinyImages/m)
			err = errors.Join(err,
				add(fmt.Sprintf("BN, batch %d", m), "bn", nil, m, n, uint64(m)),
				add(fmt.Sprintf("LayerNorm, batch %d", m), "ln", nil, m, n, uint64(m)))
		}
	case MistakeDropoutOn:
		err = add("dropout, no BN", "", []int{1, 2}, batchSize, steps, 1)
	default:
		err = fmt.Errorf("unknown mistake %q", kind)
	}
	if err != nil {
		return nil, err
	}
	return e, nil
}

// addJob adds a network trained for steps mini-batches of batch images
// with SGD at learning rate lr (the batch order comes from stream, so jobs
// with the same stream see the same images in the same order).
func (e *experiment) addJob(label string, m *engine.Sequential, batch, steps int, lr float64, stream uint64) error {
	b, err := data.NewBatches(e.trainSrc, batch, train.NewRand(e.seed, 200+stream))
	if err != nil {
		return err
	}
	b.Flat, b.DropLast = true, true
	opt, err := engine.NewSGD(m.Params(), engine.SGDConfig{LR: lr, Momentum: momentum})
	if err != nil {
		return err
	}
	m.Train()
	e.jobs = append(e.jobs, &job{label: label, model: m, trainer: engine.NewTrainer(m, opt), batches: b,
		batch: batch, steps: steps})
	e.imagesAll += batch * steps
	return nil
}

// done reports whether the experiment has been measured.
func (e *experiment) done() bool { return e.result != nil }

// step trains by chunk × 32 images (whole steps of the current job);
// after the last job it measures.
func (e *experiment) step() error {
	if e.done() {
		return nil
	}
	budget := chunk * batchSize
	for budget > 0 && e.cur < len(e.jobs) {
		j := e.jobs[e.cur]
		if j.diverged != nil || j.trainer.Steps >= j.steps {
			e.cur++
			continue
		}
		x, y := j.batches.Next()
		_, err := j.trainer.Step(x, y)
		var de *engine.DivergedError
		switch {
		case errors.As(err, &de):
			j.diverged = de
			e.imagesDone += (j.steps - j.trainer.Steps) * j.batch
		case err != nil:
			return fmt.Errorf("%s, step %d: %w", j.label, j.trainer.Steps+1, err)
		default:
			e.imagesDone += j.batch
		}
		budget -= j.batch
	}
	if e.cur < len(e.jobs) {
		return nil
	}
	return e.measure()
}

// measure takes the experiment's measurements on the validation images.
func (e *experiment) measure() error {
	r := &result{}
	var err error
	switch e.kind {
	case MistakeEval:
		r.eval, err = e.measureEval()
	case MistakeDropoutBN:
		r.dropoutBN, err = e.measureDropoutBN()
	case MistakeTinyBatch:
		r.tiny, err = e.measureTiny()
	case MistakeDropoutOn:
		r.dropoutOn, err = e.measureDropoutOn()
	}
	if err != nil {
		return err
	}
	e.result = r
	return nil
}

// progress is the share of the experiment's training images seen so far.
func (e *experiment) progress() float64 {
	if e.done() || e.imagesAll == 0 {
		return 1
	}
	return min(1, float64(e.imagesDone)/float64(e.imagesAll))
}
