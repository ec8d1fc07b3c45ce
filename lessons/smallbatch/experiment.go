package smallbatch

import (
	"fmt"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/engine/data"
	"bnlab/lessons/train"
)

// Experiment is the accuracy-versus-batch-size experiment: the same
// small network, Linear(784, Hidden) → norm → ReLU → Linear(Hidden, 10),
// trained with Adam on the same number of images at each batch size, with
// BatchNorm1d, GroupNorm(Groups, Hidden) or LayerNorm(Hidden), then
// evaluated in eval mode on Val validation images (BN uses its running
// statistics there).
type Experiment struct {
	Dataset string // "MNIST" or "synthetic"
	Samples int    // images seen per run
	Val     int
	Hidden  int
	Groups  int
	LR      float64
	Sizes   []int           // batch sizes, the x axis
	Rows    []ExperimentRow // bn, gn, ln
	Text    string
}

// ExperimentRow is one normalisation's validation accuracy (0..1) and
// mean training loss over the last quarter of its steps, per batch size.
type ExperimentRow struct {
	Key      string
	Kind     string
	Accuracy []float64
	Loss     []float64
}

// The experiment's settings: small enough to run in about a second.
const (
	expSamples = 1024
	expVal     = 1000
	expHidden  = 32
	expGroups  = 4
	expLR      = 1e-3
)

var expSizes = []int{2, 4, 8, 16, 32, 64}

// experimentCache keeps the last experiment: it depends only on the data
// set and the seed.
type experimentCache struct {
	ds   *train.Dataset
	seed uint64
	exp  *Experiment
}

// get returns the experiment for ds and seed, running it when needed.
func (c *experimentCache) get(ds *train.Dataset, seed uint64) (*Experiment, error) {
	if c.exp != nil && c.ds == ds && c.seed == seed {
		return c.exp, nil
	}
	e, err := runExperiment(ds, seed)
	if err != nil {
		return nil, err
	}
	c.ds, c.seed, c.exp = ds, seed, e
	return e, nil
}

// runExperiment trains and evaluates every (norm, batch size) pair.
func runExperiment(ds *train.Dataset, seed uint64) (*Experiment, error) {
	if err := ds.Check(); err != nil {
		return nil, err
	}
	in := ds.InputSize()
	nVal := min(expVal, ds.Val.Len())
	idx := make([]int, nVal)
	for i := range idx {
		idx[i] = i
	}
	xv, yv, err := data.Gather(ds.Val, idx, true)
	if err != nil {
		return nil, fmt.Errorf("lessons: small-batches: %w", err)
	}
	e := &Experiment{Dataset: ds.Name, Samples: expSamples, Val: nVal, Hidden: expHidden, Groups: expGroups,
		LR: expLR, Sizes: append([]int(nil), expSizes...)}
	for k, key := range []string{"bn", "gn", "ln"} {
		row := ExperimentRow{Key: key}
		for _, size := range expSizes {
			size = min(size, ds.Train.Len())
			r := rand.New(rand.NewPCG(seed, uint64(0xE0+k*100+size)))
			m, norm, err := expNet(key, in, ds.Classes, r)
			if err != nil {
				return nil, err
			}
			row.Kind = norm
			b, err := data.NewBatches(ds.Train, size, r)
			if err != nil {
				return nil, fmt.Errorf("lessons: small-batches: %w", err)
			}
			b.Flat, b.DropLast = true, true
			cfg := engine.DefaultAdam()
			cfg.LR = expLR
			opt, err := engine.NewAdam(m.Params(), cfg)
			if err != nil {
				return nil, fmt.Errorf("lessons: small-batches: %w", err)
			}
			tr := engine.NewTrainer(m, opt)
			steps := expSamples / size
			tail, tailN := 0.0, 0
			for s := range steps {
				x, y := b.Next()
				loss, err := tr.Step(x, y)
				if err != nil {
					return nil, fmt.Errorf("lessons: small-batches: %s, batch %d: %w", norm, size, err)
				}
				if s >= steps-steps/4-1 {
					tail, tailN = tail+loss, tailN+1
				}
			}
			_, acc, err := engine.Evaluate(m, xv, yv, 250)
			if err != nil {
				return nil, fmt.Errorf("lessons: small-batches: %w", err)
			}
			row.Accuracy = append(row.Accuracy, acc)
			row.Loss = append(row.Loss, tail/float64(tailN))
		}
		e.Rows = append(e.Rows, row)
	}
	e.Text = fmt.Sprintf("Each run sees the same number (%d) of %s training images with Adam (lr %g), in batches of 2 to 64, and is then "+
		"evaluated in eval mode on %d validation images. A small experiment on a small network: read it as a measurement, not a law.",
		expSamples, ds.Name, expLR, nVal)
	return e, nil
}

// expNet builds the experiment's network with the given norm.
func expNet(key string, in, classes int, r *rand.Rand) (*engine.Sequential, string, error) {
	l1, err := engine.NewLinear(in, expHidden, true, r)
	if err != nil {
		return nil, "", fmt.Errorf("lessons: small-batches: %w", err)
	}
	l2, err := engine.NewLinear(expHidden, classes, true, r)
	if err != nil {
		return nil, "", fmt.Errorf("lessons: small-batches: %w", err)
	}
	var norm engine.Layer
	switch key {
	case "bn":
		norm, err = engine.NewBatchNorm1d(expHidden)
	case "gn":
		norm, err = engine.NewGroupNorm(expGroups, expHidden, eps, true)
	default:
		norm, err = engine.NewLayerNorm([]int{expHidden}, eps, true)
	}
	if err != nil {
		return nil, "", fmt.Errorf("lessons: small-batches: %w", err)
	}
	m, err := engine.NewSequential(l1, norm, engine.NewReLU(), l2)
	if err != nil {
		return nil, "", fmt.Errorf("lessons: small-batches: %w", err)
	}
	return m, norm.Kind(), nil
}
