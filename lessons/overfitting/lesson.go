package overfitting

import (
	"fmt"
	"strconv"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// overfitting control keys, in declaration (and URL) order; "lr", "width"
// and "p" are the keys the other training lessons use for the same things.
const (
	keyN     = "n"
	keyP     = train.KeyP
	keyLR    = train.KeyLR
	keySteps = "steps"
	keyWidth = train.KeyWidth

	// ActHighLR and ActDefaultLR are the learning-rate presets.
	ActHighLR    = "high-lr"
	ActDefaultLR = "default-lr"

	// highLR and defaultLR are the presets' learning rates (measured:
	// see overfittingControls).
	highLR    = "3"
	defaultLR = "0.1"

	// valEvery is how often (in steps) the four nets are evaluated, in
	// eval mode, on the validation set and on the training subset.
	valEvery = 25
	// valSize is the number of validation images, trainEval the most
	// training images evaluated for the training curves.
	valSize   = 500
	trainEval = 500
	// batchSize is the mini-batch size.
	batchSize = 50
)

// overfittingControls declares the overfitting lesson's controls. The
// defaults and the presets were measured (TestMeasureOverfitting: 500 MNIST
// images, width 64, p 0.5, 1,000 steps, seed 7, 500 validation images).
// At lr 0.1 all four nets reach 100% training accuracy; best validation
// accuracy 0.856 (plain), 0.846 (BN), 0.860 (dropout), 0.846 (BN +
// dropout), final gaps 0.16, 0.22, 0.14 and 0.20. At lr 1 the plain and
// dropout nets get no further than 42% and 30% while both BN nets reach 86%;
// at lr 3 (the high preset) the plain and dropout nets stay at chance (11%)
// while BN reaches 87% and BN + dropout 86%.
var overfittingControls = []lessons.Control{
	{Key: keyN, Label: "Training images", Kind: lessons.Slider, Min: 200, Max: 5000, Step: 100, Default: "500",
		Help: "How many MNIST training images the four networks learn from: few images make overfitting show."},
	{Key: keyP, Label: "Dropout p", Kind: lessons.Slider, Min: 0, Max: 0.8, Step: 0.05, Default: "0.5",
		Help: "Drop probability (PyTorch's p) of the dropout nets, after the hidden layer (after BN in the BN + dropout net)."},
	{Key: keyLR, Label: "Learning rate", Kind: lessons.LogSlider, Min: 1e-3, Max: 5, Default: defaultLR,
		Help: "Plain SGD step size, the same for the four networks; try a high one to see which nets still train."},
	{Key: keySteps, Label: "Steps", Kind: lessons.Slider, Min: 100, Max: 3000, Step: 100, Default: "1000",
		Help: "Training steps of " + strconv.Itoa(batchSize) + " images each; training stops there and the results table is final."},
	{Key: keyWidth, Label: "Hidden units", Kind: lessons.Slider, Min: 16, Max: 512, Step: 16, Default: "64",
		Help: "Width of the hidden layer: a wider net memorises the training images more easily."},
	{Key: ActHighLR, Label: "High learning rate (" + highLR + ")", Kind: lessons.Action,
		Help: "Sets the learning rate to " + highLR + " and restarts."},
	{Key: ActDefaultLR, Label: "Default learning rate (" + defaultLR + ")", Kind: lessons.Action,
		Help: "Sets the learning rate back to " + defaultLR + " and restarts."},
}

// Lesson is the overfitting lesson: four identical one-hidden-layer
// MLPs (784 → width → 10, ReLU) trained side by side on a small MNIST
// subset from the same initial weights on the same mini-batches: plain,
// with BN (Linear → BN → ReLU), with dropout after the hidden layer, and
// with both (dropout after the BN, so no variance shift: Li et al. 2019).
// It records training and validation loss and accuracy in eval mode, their
// gap, and a results table. It implements NeedsData and Stateful. Build it
// with New("overfitting").
type Lesson struct {
	train.Base
	full  *train.Dataset // the data given by SetData; t.ds is its first n images
	n     int
	steps int
	rec   []record // per net, in harness order
	evalX *engine.Tensor
	evalY []int
}

func New() lessons.Lesson {
	return &Lesson{Base: train.Base{ID: "overfitting", Decl: overfittingControls}}
}

// Controls returns the lesson's controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), overfittingControls...)
}

// Configure rebuilds the lesson from normalized values and a seed, and
// restarts the training when data is present. Values that are not
// normalized are refused, naming them, and nothing changes.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(overfittingControls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: overfitting: invalid values: %s", lessons.JoinNotices(notes))
	}
	n, _ := strconv.Atoi(norm[keyN])
	steps, _ := strconv.Atoi(norm[keySteps])
	l.n, l.steps = n, steps
	l.Harness = nil // the subset may change while the harness config does not: always rebuild
	l.subset()
	err := l.ConfigureWith(norm, seed, plan)
	l.afterBuild()
	l.noteSize()
	return err
}

// SetData gives the lesson its MNIST images and restarts the training on
// the first n of them.
func (l *Lesson) SetData(ds *train.Dataset) error {
	if err := ds.Check(); err != nil {
		return err
	}
	l.full = ds
	l.subset()
	if l.Config.Nets == nil {
		return nil
	}
	err := l.Rebuild()
	l.afterBuild()
	l.noteSize()
	return err
}

// Do performs an action: ActHighLR and ActDefaultLR set the learning rate
// and restart.
func (l *Lesson) Do(action string) error {
	lr := ""
	switch action {
	case ActHighLR:
		lr = highLR
	case ActDefaultLR:
		lr = defaultLR
	default:
		return fmt.Errorf("lessons: overfitting: unknown action %q (known: %s, %s)", action, ActHighLR, ActDefaultLR)
	}
	v := lessons.Values{}
	for k, x := range l.Values {
		v[k] = x
	}
	v[keyLR] = lr
	return l.Configure(v, l.Seed)
}

// Step trains the four networks by one mini-batch until the steps budget
// is spent; then it does nothing. A network that diverges is reported in
// the view. Without data it returns ErrNoData.
func (l *Lesson) Step() error {
	if l.Harness != nil && l.Harness.Steps() >= l.steps {
		return nil
	}
	if err := l.Base.Step(); err != nil {
		return err
	}
	if l.Harness.Steps()%valEvery == 0 || l.Harness.Steps() == l.steps {
		return l.recordTrain()
	}
	return nil
}

// subset points t.ds at the first n training images of the full data.
func (l *Lesson) subset() {
	if l.full == nil {
		return
	}
	n := min(max(l.n, 2), l.full.Train.Len())
	l.Data = &train.Dataset{Name: l.full.Name, Train: train.Head{Src: l.full.Train, N: n}, Val: l.full.Val, Classes: l.full.Classes}
}

// noteSize adds a notice when the data has fewer training images than n.
func (l *Lesson) noteSize() {
	if l.full == nil || l.n <= l.full.Train.Len() {
		return
	}
	have := strconv.Itoa(l.full.Train.Len())
	l.Notes = append(l.Notes, lessons.Notef(keyN, l.Values[keyN], have,
		"n=%d is more than the %s training images loaded; using all %s", l.n, have, have))
}

// plan turns the lesson's values into the four networks.
func plan(v lessons.Values, seed uint64) (train.HarnessConfig, []lessons.Notice, error) {
	num := func(k string) float64 { f, _ := strconv.ParseFloat(v[k], 64); return f }
	width, p, lr := int(num(keyWidth)), num(keyP), num(keyLR)
	if width < 1 || !(lr > 0) {
		return train.HarnessConfig{}, nil, fmt.Errorf("cannot read width=%q lr=%q", v[keyWidth], v[keyLR])
	}
	spec := func(pl engine.NormPlacement, drop float64) engine.MLPSpec {
		return engine.MLPSpec{Sizes: train.HiddenSizes(width, 1), Activation: "relu", Placement: pl, Dropout: drop}
	}
	pp := strconv.FormatFloat(p, 'g', -1, 64)
	cfg := train.HarnessConfig{Seed: seed, Batch: batchSize, LR: lr, HistEvery: 50, ValEvery: valEvery, ValSize: valSize,
		Nets: []train.NetSpec{
			{Name: "plain", Label: "Linear → ReLU", MLP: spec(engine.NormNone, 0)},
			{Name: "bn", Label: "Linear → BN → ReLU", MLP: spec(engine.NormBefore, 0)},
			{Name: "dropout", Label: "Linear → ReLU → Dropout(" + pp + ")", MLP: spec(engine.NormNone, p)},
			{Name: "bn-dropout", Label: "Linear → BN → ReLU → Dropout(" + pp + ")", MLP: spec(engine.NormBefore, p)},
		}}
	return cfg, nil, nil
}
