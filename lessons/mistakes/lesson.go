package mistakes

import (
	"fmt"
	"strconv"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// mistakes control keys and the four experiments' ids.
const (
	keyMistake = "mistake"
	keyFixed   = "fixed"
	keySteps   = "steps"

	// MistakeEval: forgetting model.eval() at inference.
	MistakeEval = "eval"
	// MistakeDropoutBN: dropout before BN (variance shift, Li et al. 2019).
	MistakeDropoutBN = "dropout-bn"
	// MistakeTinyBatch: BN trained with tiny batches.
	MistakeTinyBatch = "tiny-batch"
	// MistakeDropoutOn: dropout left on at inference.
	MistakeDropoutOn = "dropout-on"
)

// mistakesControls declares the mistakes lesson's controls.
var mistakesControls = []lessons.Control{
	{Key: keyMistake, Label: "Mistake", Kind: lessons.Choice, Default: MistakeEval, Options: []lessons.Option{
		{Value: MistakeEval, Label: "Forgetting model.eval()"},
		{Value: MistakeDropoutBN, Label: "Dropout before BN"},
		{Value: MistakeTinyBatch, Label: "BN with a tiny batch"},
		{Value: MistakeDropoutOn, Label: "Dropout left on at inference"},
	}, Help: "The experiment to run."},
	{Key: keyFixed, Label: "Apply the fix", Kind: lessons.Toggle, Default: "0",
		Help: "Show the experiment with the mistake corrected (both are measured)."},
	{Key: keySteps, Label: "Training steps", Kind: lessons.Slider, Min: 50, Max: 1000, Step: 50, Default: "300",
		Help: "Training steps of " + strconv.Itoa(batchSize) + " images for each network of the experiment (tiny batches: " +
			strconv.Itoa(tinyImages) + " × steps images at every batch size)."},
}

// Lesson is the mistakes lesson: four short experiments on MNIST, each
// a common mistake made on purpose and measured next to its fix, with a
// question and a revealable answer. Step trains the experiment's networks
// a chunk at a time; once all are trained the measurements are taken and
// the view is final. It implements NeedsData and Stateful. Build it with
// New("mistakes").
type Lesson struct {
	values  lessons.Values
	seed    uint64
	mistake string
	fixed   bool
	steps   int
	ds      *train.Dataset
	exp     *experiment
	err     error
}

func New() lessons.Lesson { return &Lesson{} }

// Controls returns the lesson's controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), mistakesControls...)
}

// Configure sets the experiment from normalized values and a seed and
// restarts it (when data is present). Changing only "fixed" keeps the
// measurements: both sides are always measured. Values that are not
// normalized are refused, naming them, and nothing changes.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(mistakesControls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: mistakes: invalid values: %s", lessons.JoinNotices(notes))
	}
	steps, err := strconv.Atoi(norm[keySteps])
	if err != nil {
		return fmt.Errorf("lessons: mistakes: steps=%q: %w", norm[keySteps], err)
	}
	same := l.exp != nil && l.seed == seed && l.mistake == norm[keyMistake] && l.steps == steps
	l.values, l.seed, l.mistake, l.fixed, l.steps = norm, seed, norm[keyMistake], norm[keyFixed] == "1", steps
	if same {
		return nil
	}
	return l.rebuild()
}

// SetData gives the lesson its MNIST images and restarts the experiment.
func (l *Lesson) SetData(ds *train.Dataset) error {
	if err := ds.Check(); err != nil {
		return err
	}
	l.ds = ds
	if l.values == nil {
		return nil
	}
	return l.rebuild()
}

// rebuild prepares the current experiment from step 0.
func (l *Lesson) rebuild() error {
	l.exp, l.err = nil, nil
	if l.ds == nil {
		return nil
	}
	e, err := newExperiment(l.mistake, l.steps, l.seed, l.ds)
	if err != nil {
		l.err = fmt.Errorf("lessons: mistakes: %w", err)
		return l.err
	}
	l.exp = e
	return nil
}

// Do has no actions: the page's play, step and reset drive Step and
// Configure.
func (l *Lesson) Do(action string) error {
	return fmt.Errorf("lessons: mistakes has no action %q", action)
}

// Step trains the experiment's networks by one chunk (chunk steps of 32
// images, or as many images at other batch sizes); after the last chunk it
// takes the measurements. Once done it does nothing. Without data it
// returns ErrNoData.
func (l *Lesson) Step() error {
	if l.exp == nil {
		if l.err != nil {
			return l.err
		}
		return train.ErrNoData
	}
	if err := l.exp.step(); err != nil {
		l.err, l.exp = fmt.Errorf("lessons: mistakes: %w", err), nil
		return l.err
	}
	return nil
}

// State returns the lesson's URL state.
func (l *Lesson) State() lessons.State {
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	return lessons.State{Lesson: "mistakes", Seed: l.seed, Values: v}
}

// builder builds the small networks of the experiments.
type builder struct {
	layers []engine.Layer
	err    error
}

func (b *builder) add(l engine.Layer, err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
	b.layers = append(b.layers, l)
}

// net builds 784 → w → w → 10 with ReLU; norm is "bn", "ln" or "" for
// each hidden block (Linear → Norm → ReLU); drop lists the hidden blocks
// (1 or 2) followed by Dropout(p).
func net(in, w, classes int, norm string, p float64, drop []int, seed, stream uint64) (*engine.Sequential, error) {
	r := train.NewRand(seed, stream)
	b := &builder{}
	sizes := []int{in, w, w}
	for i := 1; i < len(sizes); i++ {
		b.add(engine.NewLinear(sizes[i-1], sizes[i], true, r))
		switch norm {
		case "bn":
			b.add(engine.NewBatchNorm1d(sizes[i]))
		case "ln":
			b.add(engine.NewLayerNorm([]int{sizes[i]}, 1e-5, true))
		}
		b.add(engine.NewReLU(), nil)
		for _, d := range drop {
			if d == i {
				b.add(engine.NewDropout(p, r))
			}
		}
	}
	b.add(engine.NewLinear(w, classes, true, r))
	if b.err != nil {
		return nil, b.err
	}
	return engine.NewSequential(b.layers...)
}
