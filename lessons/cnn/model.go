package cnn

import (
	"fmt"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/engine/data"
	"bnlab/lessons/train"
)

// trainBatch and learningRate are the training settings of the cnn lesson:
// Adam (PyTorch's defaults, lr 1e-3) on shuffled batches of 16.
const (
	trainBatch   = 16
	learningRate = 1e-3
)

// The PCG streams of the cnn lesson's random numbers, so that the model,
// the training batches and the picked batch are independent.
const (
	streamModel = 0xC0 + iota
	streamTrain
	streamPick
)

// modelCache holds the syllabus ConvNet after some training steps for
// one data set and seed. Asking for more steps continues the training;
// asking for fewer (or another seed or data set) starts again, so the same
// (data, seed, steps) always gives the same model.
type modelCache struct {
	ds      *train.Dataset
	seed    uint64
	model   *engine.Module
	Trainer *engine.Trainer
	batches *data.Batches
	losses  []float64
}

// get returns the model after steps training steps and the loss of each.
func (c *modelCache) get(ds *train.Dataset, seed uint64, steps int) (*engine.Module, []float64, error) {
	if c.model == nil || c.ds != ds || c.seed != seed || steps < len(c.losses) {
		if err := c.reset(ds, seed); err != nil {
			return nil, nil, err
		}
	}
	c.model.Train()
	for len(c.losses) < steps {
		x, y := c.batches.Next()
		loss, err := c.Trainer.Step(x, y)
		if err != nil {
			// The cache now holds fewer steps than asked: start again next time.
			c.model = nil
			return nil, nil, fmt.Errorf("lessons: cnn: training step %d: %w", len(c.losses)+1, err)
		}
		c.losses = append(c.losses, loss)
	}
	return c.model, c.losses[:steps:steps], nil
}

// reset builds the untrained model for ds and seed.
func (c *modelCache) reset(ds *train.Dataset, seed uint64) error {
	m, err := engine.NewSyllabusConvNet(rand.New(rand.NewPCG(seed, streamModel)))
	if err != nil {
		return fmt.Errorf("lessons: cnn: %w", err)
	}
	cfg := engine.DefaultAdam()
	cfg.LR = learningRate
	opt, err := engine.NewAdam(m.Params(), cfg)
	if err != nil {
		return fmt.Errorf("lessons: cnn: %w", err)
	}
	b, err := data.NewBatches(ds.Train, min(trainBatch, ds.Train.Len()), rand.New(rand.NewPCG(seed, streamTrain)))
	if err != nil {
		return fmt.Errorf("lessons: cnn: %w", err)
	}
	b.DropLast = true
	*c = modelCache{ds: ds, seed: seed, model: m, Trainer: engine.NewTrainer(m, opt), batches: b}
	return nil
}

// labelIndex lists the validation images of each digit, built once per
// data set.
type labelIndex struct {
	src     data.Source
	byLabel [10][]int
	all     []int
}

// pick returns up to n distinct validation indices of digit (−1: any),
// drawn with the pick's own generator, in increasing order.
func (x *labelIndex) pick(ds *train.Dataset, digit, n int, seed uint64, pick int) []int {
	if x.src != ds.Val {
		x.build(ds.Val)
	}
	cands := x.all
	if digit >= 0 && digit < 10 {
		cands = x.byLabel[digit]
	}
	r := rand.New(rand.NewPCG(seed^uint64(pick)<<20, streamPick))
	perm := r.Perm(len(cands))
	n = min(n, len(cands))
	out := make([]int, n)
	for i := range n {
		out[i] = cands[perm[i]]
	}
	return out
}

func (x *labelIndex) build(src data.Source) {
	*x = labelIndex{src: src}
	var buf []float32
	for i := range src.Len() {
		var lab int
		if s, ok := src.(*data.Set); ok {
			lab = int(s.Labels[i])
		} else {
			if buf == nil {
				n := 1
				for _, d := range src.SampleShape() {
					n *= d
				}
				buf = make([]float32, n)
			}
			lab = src.Sample(i, buf)
		}
		if lab >= 0 && lab < 10 {
			x.byLabel[lab] = append(x.byLabel[lab], i)
		}
		x.all = append(x.all, i)
	}
}
