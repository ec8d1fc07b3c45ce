package dropout

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

// dropout control keys, in declaration (and URL) order.
const (
	keyPreset = "preset"
	keyP1     = "p1"
	keyP2     = "p2"

	// ModeInverted scales survivors by 1/(1 − p) in training and is the
	// identity at test (PyTorch, Keras): right.
	ModeInverted = "inverted"
	// ModeClassic does not scale in training and multiplies by the retain
	// probability 1 − p at test (Srivastava et al. 2014): right.
	ModeClassic = "classic"
	// ModeInvertedScaled scales in training AND at test: a wrong mix.
	ModeInvertedScaled = "inverted-scaled"
	// ModeClassicNoScale scales nowhere: a wrong mix.
	ModeClassicNoScale = "classic-no-scale"
)

// presets are the syllabus's usual rates per layer type (section 6).
var presets = map[string][2]float64{
	"dense":       {0.3, 0.5},
	"conv":        {0.1, 0.25},
	"recurrent":   {0.2, 0.3},
	"transformer": {0.1, 0.1},
}

// controls declares the dropout lesson's controls as data.
var controls = []lessons.Control{
	{Key: train.KeyDataset, Label: "Dataset", Kind: lessons.Choice, Default: "spirals", Options: train.ToyDatasetOptions,
		Help: "The 2-D dataset the network learns to classify."},
	{Key: train.KeyNoise, Label: "Noise", Kind: lessons.Slider, Min: 0, Max: 0.5, Step: 0.01, Default: "0.1",
		Help: "Standard deviation of the noise added to each point."},
	{Key: train.KeyWidth, Label: "Hidden units per layer", Kind: lessons.Slider, Min: 2, Max: 32, Step: 1, Default: "8",
		Help: "Width of both hidden layers: 2 → width → width → classes."},
	{Key: train.KeyBatch, Label: "Batch size", Kind: lessons.Slider, Min: 1, Max: 64, Step: 1, Default: "16",
		Help: "Samples per training step; each sample gets its own mask."},
	{Key: keyPreset, Label: "Layer type", Kind: lessons.Choice, Default: "custom", Options: []lessons.Option{
		{Value: "custom", Label: "Custom (0–0.9)"},
		{Value: "dense", Label: "Dense: 0.3–0.5"},
		{Value: "conv", Label: "Convolutional: 0.1–0.25"},
		{Value: "recurrent", Label: "Recurrent: 0.2–0.3"},
		{Value: "transformer", Label: "Transformer: 0.1"},
	}, Help: "Usual dropout rates by layer type; the p sliders are kept inside the range."},
	{Key: keyP1, Label: "p, hidden layer 1", Kind: lessons.Slider, Min: 0, Max: 0.9, Step: 0.05, Default: "0.5",
		Help: "Drop probability after hidden layer 1 (PyTorch's p; Keras's rate)."},
	{Key: keyP2, Label: "p, hidden layer 2", Kind: lessons.Slider, Min: 0, Max: 0.9, Step: 0.05, Default: "0.5",
		Help: "Drop probability after hidden layer 2."},
	{Key: train.KeyMode, Label: "Scaling", Kind: lessons.Choice, Default: ModeInverted, Options: []lessons.Option{
		{Value: ModeInverted, Label: "Inverted: ×1/(1−p) in training"},
		{Value: ModeClassic, Label: "Classic: ×(1−p) at test"},
		{Value: ModeInvertedScaled, Label: "Wrong: both scalings"},
		{Value: ModeClassicNoScale, Label: "Wrong: no scaling"},
	}, Help: "Where the scaling happens; two of these are mistakes."},
	{Key: train.KeyLR, Label: "Learning rate", Kind: lessons.LogSlider, Min: 0.001, Max: 1, Default: "0.05",
		Help: "SGD learning rate (momentum 0.9)."},
	{Key: train.KeySpeed, Label: "Steps per tick", Kind: lessons.Slider, Min: 1, Max: 50, Step: 1, Default: "1",
		Help: "Training steps per animation step."},
	{Key: train.ActStepOne, Label: "One step", Kind: lessons.Action, Shortcut: "s",
		Help: "Run exactly one training step and show its masks."},
}

// params are the dropout lesson's control values, parsed.
type params struct {
	dataset, preset, mode string
	noise, lr             float64
	width, batch, speed   int
	p                     [2]float64 // effective drop probabilities
	clamped               bool       // a p slider was moved into the preset's range
}

// Lesson is the dropout lesson: an input → w → w → classes ReLU MLP
// with engine.Dropout after each hidden layer, trained live with SGD on a
// 2-D dataset or on MNIST (after SetData), whose view
// shows every step's masks, the expectation, the ensemble and Monte Carlo
// dropout. Build it with New("dropout").
type Lesson struct {
	values  lessons.Values
	seed    uint64
	p       params
	data    *train.Dataset // MNIST, once the page has given it (SetData)
	waiting bool           // "mnist" chosen before SetData

	train.ToyRun
	drops  [2]*engine.Dropout
	dropAt [2]int // child index of each Dropout
	rng    *rand.Rand

	acc   accum
	last  [2]snap
	mc    *MC
	rules RuleScores // both test rules, measured with the accuracy
	cover Coverage   // the steps to 63% and 99% of the sub-networks
	cache *View      // the view of the current step, built on demand
}

func New() lessons.Lesson { return &Lesson{} }

// Controls returns the dropout lesson's controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), controls...)
}

// Configure rebuilds the lesson (data, fresh network, counters at zero)
// from normalized values and seed. Values that are not normalized are
// refused with an error naming them, and nothing changes.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(controls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: dropout: invalid values: %s", lessons.JoinNotices(notes))
	}
	p, err := parseParams(norm)
	if err != nil {
		return err
	}
	ds, err := train.LoadDataset(p.dataset, p.noise, train.NewRand(seed, 1), l.data)
	if errors.Is(err, train.ErrNoData) {
		*l = Lesson{values: norm, seed: seed, p: p, data: l.data, waiting: true}
		return nil
	}
	if err != nil {
		return err
	}
	rng := train.NewRand(seed, 2)
	w := p.width
	lin := func(in, out int) engine.Layer {
		x, e := engine.NewLinear(in, out, true, rng)
		err = firstErr(err, e)
		return x
	}
	drop := func(q float64) *engine.Dropout { x, e := engine.NewDropout(q, rng); err = firstErr(err, e); return x }
	d1, d2 := drop(p.p[0]), drop(p.p[1])
	m, e := engine.NewSequential(lin(ds.X.Shape[1], w), engine.NewReLU(), d1, lin(w, w), engine.NewReLU(), d2, lin(w, ds.Classes))
	if err = firstErr(err, e); err != nil {
		return fmt.Errorf("lessons: dropout: %w", err)
	}
	run, err := train.NewToyRun(ds, m, p.lr, p.batch, seed)
	if err != nil {
		return fmt.Errorf("lessons: dropout: %w", err)
	}
	*l = Lesson{values: norm, seed: seed, p: p, data: l.data, drops: [2]*engine.Dropout{d1, d2}, dropAt: [2]int{2, 5}, rng: rng, ToyRun: run}
	l.acc.reset(2)
	l.cover = coverage(l.maskLayers(), 0, p.batch)
	l.evaluate()
	return nil
}

// Do performs an action: "step-one" runs one training step.
func (l *Lesson) Do(action string) error {
	if action == train.ActStepOne {
		return l.trainSteps(1)
	}
	return fmt.Errorf("lessons: dropout: unknown action %q (known: %s)", action, train.ActStepOne)
}

// Step runs `speed` training steps (the view shows the last one's masks).
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
	return l.Configure(l.values, l.seed)
}

// View returns the current *View.
func (l *Lesson) View() *View {
	if l.cache == nil {
		l.cache = l.view()
	}
	return l.cache
}

// trainSteps runs n training steps, recording each one's masks, then
// measures the accuracy. A diverged step stops with its error.
func (l *Lesson) trainSteps(n int) error {
	if l.waiting {
		return train.ErrNoData
	}
	if l.Model == nil {
		return fmt.Errorf("lessons: dropout: not configured")
	}
	l.cache = nil
	before, err := l.Train(n, l.record)
	if err != nil {
		return fmt.Errorf("lessons: dropout: %w", err)
	}
	if l.Trainer.Steps/train.EvalEvery != before/train.EvalEvery {
		l.scoreBoth()
	}
	return nil
}

// evaluate measures the eval-mode accuracy (train.ToyRun) and both test
// rules' scores.
func (l *Lesson) evaluate() {
	l.Evaluate()
	l.scoreBoth()
}

// scoreBoth measures both test rules (scoreRules); a failed pass keeps the
// last scores.
func (l *Lesson) scoreBoth() {
	if rs, err := l.scoreRules(); err == nil {
		l.rules = rs
	}
}

// parseParams reads normalized values and applies the preset range.
func parseParams(v lessons.Values) (params, error) {
	p := params{dataset: v[train.KeyDataset], preset: v[keyPreset], mode: v[train.KeyMode]}
	var errs []string
	num := func(k string) float64 {
		f, err := strconv.ParseFloat(v[k], 64)
		if err != nil {
			errs = append(errs, k+"="+v[k])
		}
		return f
	}
	p.noise, p.lr = num(train.KeyNoise), num(train.KeyLR)
	p.width, p.batch, p.speed = int(num(train.KeyWidth)), int(num(train.KeyBatch)), int(num(train.KeySpeed))
	p.p = [2]float64{num(keyP1), num(keyP2)}
	if len(errs) > 0 {
		return p, fmt.Errorf("lessons: dropout: cannot read %s", strings.Join(errs, ", "))
	}
	if r, ok := presets[p.preset]; ok {
		for i, q := range p.p {
			c := min(max(q, r[0]), r[1])
			p.clamped = p.clamped || c != q
			p.p[i] = c
		}
	}
	return p, nil
}

// firstErr returns a if it is an error, else b.
func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
