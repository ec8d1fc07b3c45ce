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
	spec     netSpec
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
	specs, err := netSpecs(kind, steps)
	if err != nil {
		return nil, err
	}
	for _, sp := range specs {
		m, err := sp.build(in, k, seed)
		if err != nil {
			return nil, err
		}
		if err := e.addJob(sp, m, sp.lr()); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// netSpec is one network of an experiment: its blocks' norm ("bn", "ln"
// or ""), the hidden blocks followed by Dropout(dropP), its batch size and
// steps, and the stream its batch order comes from (nets with the same
// stream see the same images in the same order).
type netSpec struct {
	label  string
	norm   string
	drop   []int
	batch  int
	steps  int
	stream uint64
}

// build makes the spec's network for in inputs and k classes.
func (sp netSpec) build(in, k int, seed uint64) (*engine.Sequential, error) {
	return net(in, hidden, k, sp.norm, dropP, sp.drop, seed, 100)
}

// lr is the spec's SGD learning rate: learningRate scaled to the batch
// size, or plainLR without normalisation.
func (sp netSpec) lr() float64 {
	if sp.norm == "" {
		return plainLR
	}
	return learningRate * float64(sp.batch) / batchSize
}

// netSpecs lists the networks of experiment kind trained for steps steps
// of batchSize images (the tiny-batch nets: tinyImages × steps images at
// their own batch size); the first is the one with the mistake.
func netSpecs(kind string, steps int) ([]netSpec, error) {
	one := func(label, norm string, drop ...int) netSpec {
		return netSpec{label: label, norm: norm, drop: drop, batch: batchSize, steps: steps, stream: 1}
	}
	switch kind {
	case MistakeEval:
		return []netSpec{one("BN + dropout", "bn", 2)}, nil
	case MistakeDropoutBN:
		return []netSpec{one("dropout before BN", "bn", 1), one("dropout after the last BN", "bn", 2), one(baselineLabel, "bn")}, nil
	case MistakeTinyBatch:
		var out []netSpec
		for _, m := range sizes {
			n := max(1, steps*tinyImages/m)
			out = append(out,
				netSpec{label: fmt.Sprintf("BN, batch %d", m), norm: "bn", batch: m, steps: n, stream: uint64(m)},
				netSpec{label: fmt.Sprintf("LayerNorm, batch %d", m), norm: "ln", batch: m, steps: n, stream: uint64(m)})
		}
		return out, nil
	case MistakeDropoutOn:
		return []netSpec{one("dropout, no BN", "", 1, 2)}, nil
	}
	return nil, fmt.Errorf("unknown mistake %q", kind)
}

// baselineLabel names the dropout-bn experiment's network without dropout.
const baselineLabel = "no dropout (baseline)"

// addJob adds the network m of spec sp, trained for sp.steps mini-batches
// of sp.batch images with SGD at learning rate lr.
func (e *experiment) addJob(sp netSpec, m *engine.Sequential, lr float64) error {
	b, err := data.NewBatches(e.trainSrc, sp.batch, train.NewRand(e.seed, 200+sp.stream))
	if err != nil {
		return err
	}
	b.Flat, b.DropLast = true, true
	opt, err := engine.NewSGD(m.Params(), engine.SGDConfig{LR: lr, Momentum: momentum})
	if err != nil {
		return err
	}
	m.Train()
	e.jobs = append(e.jobs, &job{label: sp.label, spec: sp, model: m, trainer: engine.NewTrainer(m, opt), batches: b,
		batch: sp.batch, steps: sp.steps})
	e.imagesAll += sp.batch * sp.steps
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
