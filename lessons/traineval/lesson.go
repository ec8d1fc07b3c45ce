package traineval

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// train-eval control keys beyond the dropout lesson's (dataset, noise,
// width, batch, mode, lr, speed), in declaration (and URL) order.
const (
	keyMomentum = "momentum"
	keyUnit     = "unit"
	keySample   = "sample"
	keyPasses   = "passes"
)

// trainEvalControls declares the train-eval lesson's controls as data.
var trainEvalControls = []lessons.Control{
	{Key: train.KeyMode, Label: "Mode", Kind: lessons.Choice, Default: "train", Options: []lessons.Option{
		{Value: "train", Label: "model.train()"}, {Value: "eval", Label: "model.eval()"},
	}, Help: "The mode the layers are shown in; switching keeps the trained network (training always runs in train mode)."},
	{Key: train.KeyDataset, Label: "Dataset", Kind: lessons.Choice, Default: "spirals", Options: train.ToyDatasetOptions,
		Help: "The 2-D dataset the network learns to classify."},
	{Key: train.KeyNoise, Label: "Noise", Kind: lessons.Slider, Min: 0, Max: 0.5, Step: 0.01, Default: "0.1",
		Help: "Standard deviation of the noise added to each point."},
	{Key: train.KeyWidth, Label: "Hidden units", Kind: lessons.Slider, Min: 4, Max: 128, Step: 1, Default: "100",
		Help: "Width of both hidden layers (and of both BatchNorm1d layers)."},
	{Key: train.KeyP, Label: "Dropout p", Kind: lessons.Slider, Min: 0, Max: 0.9, Step: 0.05, Default: "0.3",
		Help: "Drop probability of both Dropout layers (PyTorch's p)."},
	{Key: keyMomentum, Label: "BN momentum (PyTorch)", Kind: lessons.Slider, Min: 0.01, Max: 1, Step: 0.01, Default: "0.1",
		Help: "Weight of the NEW batch in running_mean and running_var (Keras's 0.99 is 0.01 here)."},
	{Key: train.KeyBatch, Label: "Batch size", Kind: lessons.Slider, Min: 2, Max: 128, Step: 1, Default: "32",
		Help: "Samples per training step (and per inspection batch)."},
	{Key: train.KeyLR, Label: "Learning rate", Kind: lessons.LogSlider, Min: 0.001, Max: 1, Default: "0.1",
		Help: "SGD learning rate (momentum 0.9)."},
	{Key: train.KeySpeed, Label: "Steps per tick", Kind: lessons.Slider, Min: 1, Max: 50, Step: 1, Default: "1",
		Help: "Training steps per animation step."},
	{Key: keyUnit, Label: "Unit to follow", Kind: lessons.Slider, Min: 0, Max: 127, Step: 1, Default: "0",
		Help: "Which unit of the first BatchNorm layer the running-statistics chart follows (wraps at the width)."},
	{Key: keySample, Label: "Sample", Kind: lessons.Slider, Min: 0, Max: train.ToyPoints - 1, Step: 1, Default: "250",
		Help: "The input predicted again and again."},
	{Key: keyPasses, Label: "Predictions K", Kind: lessons.Slider, Min: 2, Max: 64, Step: 1, Default: "20",
		Help: "How many times the sample is predicted in train mode."},
	{Key: train.ActStepOne, Label: "One step", Kind: lessons.Action, Shortcut: "s",
		Help: "Run exactly one training step."},
}

// params are the train-eval lesson's control values, parsed.
type params struct {
	mode, dataset                     string
	noise, p, momentum, lr            float64
	width, batch, speed, unit, sample int
	passes                            int
}

// Lesson is the train-eval lesson: one MLP with BatchNorm1d and Dropout
// trained live; its view shows what model.train() and model.eval() change
// at every layer, the spread of predictions when eval() is forgotten, a
// batch of one failing in train mode, and running statistics converging.
// Build it with New("train-eval").
type Lesson struct {
	values  lessons.Values
	seed    uint64
	p       params
	data    *train.Dataset // MNIST, once the page has given it (SetData)
	waiting bool           // "mnist" chosen before SetData

	train.ToyRun
	bn1 *engine.BatchNorm
	rng *rand.Rand

	run   runAccum
	cache *View
	demo  *demo
}

func New() lessons.Lesson { return &Lesson{} }

// Controls returns train-eval's controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), trainEvalControls...)
}

// Configure rebuilds the lesson (data, fresh network, history cleared)
// from normalized values and seed. When only the mode or the steps per tick
// changed (viewKeys), it keeps the trained network, its running
// statistics and the step count, and only the view changes: Mode is a
// toggle of how the network is inspected, not a restart. Values that are
// not normalized are refused with an error naming them, and nothing changes.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	return l.configure(v, seed, false)
}

// configure is Configure; rebuild forces a fresh network even when only
// view values changed (SetData: new data means a new experiment).
func (l *Lesson) configure(v lessons.Values, seed uint64, rebuild bool) error {
	norm, notes := lessons.Normalize(trainEvalControls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: train-eval: invalid values: %s", lessons.JoinNotices(notes))
	}
	p, err := parseParams(norm)
	if err != nil {
		return err
	}
	if !rebuild && l.sameExperiment(norm, seed) {
		l.switchView(norm, p)
		return nil
	}
	ds, err := train.LoadDataset(p.dataset, p.noise, train.NewRand(seed, 1), l.data)
	if errors.Is(err, train.ErrNoData) {
		*l = Lesson{values: norm, seed: seed, p: p, data: l.data, waiting: true}
		return nil
	}
	if err != nil {
		return err
	}
	p.unit %= p.width
	p.sample %= len(ds.Y)
	rng := train.NewRand(seed, 2)
	spec := engine.MLPSpec{Sizes: []int{ds.X.Shape[1], p.width, p.width, ds.Classes}, Activation: "relu",
		Placement: engine.NormBefore, Dropout: p.p, BNOptions: []engine.BatchNormOption{engine.WithMomentum(p.momentum)}}
	m, err := engine.NewMLP(spec, rng)
	if err != nil {
		return fmt.Errorf("lessons: train-eval: %w", err)
	}
	bn1, ok := m.Children()[1].Layer.(*engine.BatchNorm)
	if !ok {
		return fmt.Errorf("lessons: train-eval: layer 1 is %s, want BatchNorm1d", m.Children()[1].Layer.Kind())
	}
	run, err := train.NewToyRun(ds, m, p.lr, p.batch, seed)
	if err != nil {
		return fmt.Errorf("lessons: train-eval: %w", err)
	}
	*l = Lesson{values: norm, seed: seed, p: p, data: l.data, bn1: bn1, rng: rng, ToyRun: run}
	l.run.reset()
	l.recordRunning()
	l.Evaluate()
	l.computeDemo()
	return nil
}

// Do performs an action: "step-one" runs one training step.
func (l *Lesson) Do(action string) error {
	if action == train.ActStepOne {
		return l.trainSteps(1)
	}
	return fmt.Errorf("lessons: train-eval: unknown action %q (known: %s)", action, train.ActStepOne)
}

// Step runs `speed` training steps in train mode.
func (l *Lesson) Step() error { return l.trainSteps(l.p.speed) }

// SetData gives the lesson MNIST (the "mnist" dataset choice) and, when it
// is configured, restarts it with its current values and seed. A dataset
// that fails Check is refused and nothing changes.
func (l *Lesson) SetData(ds *train.Dataset) error {
	if err := ds.Check(); err != nil {
		return err
	}
	l.data = ds
	if l.values == nil {
		return nil
	}
	return l.configure(l.values, l.seed, true)
}

// View returns the current *View (computed once per step).
func (l *Lesson) View() *View {
	if l.waiting || l.Model == nil {
		return &View{Waiting: true, Seed: l.seed, Dataset: l.p.dataset, Mode: l.p.mode,
			Notes: []string{"Waiting for the MNIST images to load."}}
	}
	if l.cache == nil {
		l.cache = l.view()
	}
	return l.cache
}

// trainSteps runs n training steps, recording the running statistics.
func (l *Lesson) trainSteps(n int) error {
	if l.waiting {
		return train.ErrNoData
	}
	if l.Model == nil {
		return fmt.Errorf("lessons: train-eval: not configured")
	}
	l.cache = nil
	before, err := l.Train(n, l.recordRunning)
	if err != nil {
		return fmt.Errorf("lessons: train-eval: %w", err)
	}
	if l.Trainer.Steps/demoEvery != before/demoEvery {
		l.computeDemo()
	}
	return nil
}

// parseParams reads normalized values.
func parseParams(v lessons.Values) (params, error) {
	p := params{mode: v[train.KeyMode], dataset: v[train.KeyDataset]}
	var errs []string
	num := func(k string) float64 {
		f, err := strconv.ParseFloat(v[k], 64)
		if err != nil {
			errs = append(errs, k+"="+v[k])
		}
		return f
	}
	p.noise, p.p, p.momentum, p.lr = num(train.KeyNoise), num(train.KeyP), num(keyMomentum), num(train.KeyLR)
	p.width, p.batch, p.speed = int(num(train.KeyWidth)), int(num(train.KeyBatch)), int(num(train.KeySpeed))
	p.unit, p.sample, p.passes = int(num(keyUnit)), int(num(keySample)), int(num(keyPasses))
	if len(errs) > 0 {
		return p, fmt.Errorf("lessons: train-eval: cannot read %s", strings.Join(errs, ", "))
	}
	return p, nil
}
