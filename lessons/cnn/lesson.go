package cnn

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"

	"bnlab/lessons"
	"bnlab/lessons/train"
)

// cnn control keys, in declaration (and URL) order.
const (
	keyDigit   = "digit"
	keyBatch   = "batch"
	keyLayer   = "layer"
	keyChannel = "channel"
	keySample  = "sample"
	keySteps   = "steps"
	keyPick    = "pick"

	// ActTrain runs trainChunk more training steps.
	ActTrain = "train"
	// ActNewBatch picks another batch of images (pick + 1, same model).
	ActNewBatch = "new-batch"

	maxSteps   = 100 // upper end of the steps control (each step is a full training step)
	trainChunk = 10  // steps per "train" action
	maxPick    = 9999
)

var digitOptions = func() []lessons.Option {
	o := []lessons.Option{{Value: "any", Label: "any digit"}}
	for d := range 10 {
		s := strconv.Itoa(d)
		o = append(o, lessons.Option{Value: s, Label: "only " + s})
	}
	return o
}()

// controls declares the cnn lesson's controls as data.
var controls = []lessons.Control{
	{Key: keyDigit, Label: "Digits", Kind: lessons.Choice, Default: "any", Options: digitOptions,
		Help: "Which digits the batch holds."},
	{Key: keyBatch, Label: "Batch size N", Kind: lessons.Slider, Min: 2, Max: 32, Step: 1, Default: "8",
		Help: "How many images pass through the network together."},
	{Key: keyLayer, Label: "Conv layer", Kind: lessons.Choice, Default: "features.0",
		Options: []lessons.Option{{Value: "features.0", Label: "features.0: Conv2d(1, 32)"},
			{Value: "features.4", Label: "features.4: Conv2d(32, 64)"}},
		Help: "The convolution whose feature maps are shown, and the BatchNorm2d right after it (features.1 or features.5)."},
	{Key: keyChannel, Label: "Channel", Kind: lessons.Slider, Min: 0, Max: 63, Step: 1, Default: "0",
		Help: "The highlighted channel (0–31 for features.0, 0–63 for features.4)."},
	{Key: keySample, Label: "Sample", Kind: lessons.Slider, Min: 0, Max: 31, Step: 1, Default: "0",
		Help: "The image whose channels are all shown."},
	{Key: keySteps, Label: "Training steps", Kind: lessons.Slider, Min: 0, Max: maxSteps, Step: 1, Default: "0",
		Help: "Adam steps on MNIST (batch 16) before the batch is shown; 0 is the initial model."},
	{Key: keyPick, Label: "Batch pick", Kind: lessons.Slider, Min: 0, Max: maxPick, Step: 1, Default: "0",
		Help: "Which batch of images is drawn; the model does not depend on it."},
	{Key: ActTrain, Label: "Train 10 steps", Kind: lessons.Action, Shortcut: "t",
		Help: "Train the network for 10 more steps, so its feature maps become more meaningful."},
	{Key: ActNewBatch, Label: "New batch", Kind: lessons.Action, Shortcut: "n",
		Help: "Pick other images (the model stays the same)."},
}

// params are the cnn lesson's control values, parsed.
type params struct {
	digit                         int // −1 for any
	batch, channel, sample, steps int
	pick                          int
	layer                         string
}

// Lesson is the cnn lesson: per-channel statistics of the syllabus's
// ConvNetWithBNDropout on a batch of digits, and eval-mode BN folded into
// the convolution. It implements NeedsData; until the page gives MNIST it
// runs on SyntheticDataset. Build it with New("cnn").
type Lesson struct {
	values lessons.Values
	seed   uint64
	p      params
	view   *View
	ds     *train.Dataset
	model  modelCache
	idx    labelIndex
	cached *batch
}

func New() lessons.Lesson { return &Lesson{} }

// Controls returns the cnn lesson's controls (a copy).
func (l *Lesson) Controls() []lessons.Control { return append([]lessons.Control(nil), controls...) }

// SetData gives the lesson MNIST (or any 1 × 28 × 28, 10-class Dataset)
// and recomputes the view with the current values; training restarts.
func (l *Lesson) SetData(ds *train.Dataset) error {
	if err := ds.Check(); err != nil {
		return err
	}
	if s := ds.Train.SampleShape(); fmt.Sprint(s) != "[1 28 28]" || ds.Classes != 10 {
		return fmt.Errorf("lessons: cnn: needs 1 × 28 × 28 images in 10 classes, got %v in %d", s, ds.Classes)
	}
	old := l.ds
	l.ds = ds
	if l.values == nil {
		return nil
	}
	if err := l.Configure(l.values, l.seed); err != nil {
		l.ds = old
		return err
	}
	return nil
}

// Configure rebuilds the lesson from values and seed. Values that are not
// normalized are refused with an error naming them, and nothing changes.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(controls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: cnn: invalid values: %s", lessons.JoinNotices(notes))
	}
	p, err := parseParams(norm)
	if err != nil {
		return err
	}
	if l.ds == nil {
		if l.ds = train.SyntheticDigits(); l.ds == nil {
			return fmt.Errorf("lessons: cnn: the synthetic data set could not be built")
		}
	}
	isDefault := l.ds == train.SyntheticDigits() && seed == lessons.DefaultSeed && maps.Equal(norm, lessons.Defaults(controls))
	if isDefault {
		defaultMemo.Lock()
		defer defaultMemo.Unlock()
		if m := defaultMemo.view; m != nil {
			l.values, l.seed, l.p, l.view = norm, seed, defaultMemo.p, m
			return nil
		}
	}
	view, p2, err := l.compute(p, seed)
	if err != nil {
		return err
	}
	if isDefault {
		defaultMemo.view, defaultMemo.p = view, p2
	}
	norm[keyChannel], norm[keySample] = strconv.Itoa(p2.channel), strconv.Itoa(p2.sample)
	l.values, l.seed, l.p, l.view = norm, seed, p2, view
	return nil
}

// Do performs an action: "train" (10 more steps, at most 100) or
// "new-batch" (another pick of images).
func (l *Lesson) Do(action string) error {
	v := l.copyValues()
	switch action {
	case ActTrain:
		if l.p.steps >= maxSteps {
			return fmt.Errorf("lessons: cnn: already %d training steps, the most this lesson runs", maxSteps)
		}
		v[keySteps] = strconv.Itoa(min(l.p.steps+trainChunk, maxSteps))
		return l.Configure(v, l.seed)
	case ActNewBatch:
		v[keyPick] = strconv.Itoa((l.p.pick + 1) % (maxPick + 1))
		return l.Configure(v, l.seed)
	}
	return fmt.Errorf("lessons: cnn: unknown action %q (known: %s, %s)", action, ActTrain, ActNewBatch)
}

// Done reports whether the lesson has run its most training steps
// (lessons.Finite), so that Play stops there.
func (l *Lesson) Done() bool { return l.p.steps >= maxSteps }

// Step runs one more training step (the lesson's clock).
func (l *Lesson) Step() error {
	if l.p.steps >= maxSteps {
		return fmt.Errorf("lessons: cnn: already %d training steps, the most this lesson runs", maxSteps)
	}
	v := l.copyValues()
	v[keySteps] = strconv.Itoa(l.p.steps + 1)
	return l.Configure(v, l.seed)
}

// defaultMemo is the view of the default state on the synthetic data
// set, which course.New builds at every lesson switch: computed
// once and shared, so that course.New("cnn") is cheap after the first call.
var defaultMemo struct {
	sync.Mutex
	view *View
	p    params
}

// View returns the current *View. Views may be shared between lesson
// instances: read them, do not modify them.
func (l *Lesson) View() *View { return l.view }

// State returns the lesson's URL state: the values as used (channel and
// sample clamped to the layer and the batch) and the seed.
func (l *Lesson) State() lessons.State {
	return lessons.State{Lesson: "cnn", Seed: l.seed, Values: l.copyValues()}
}

func (l *Lesson) copyValues() lessons.Values {
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	return v
}

// parseParams reads normalized values.
func parseParams(v lessons.Values) (params, error) {
	p := params{digit: -1, layer: v[keyLayer]}
	var errs []string
	num := func(k string) int {
		n, err := strconv.Atoi(v[k])
		if err != nil {
			errs = append(errs, k+"="+v[k])
		}
		return n
	}
	if v[keyDigit] != "any" {
		p.digit = num(keyDigit)
	}
	p.batch, p.channel, p.sample, p.steps = num(keyBatch), num(keyChannel), num(keySample), num(keySteps)
	p.pick = num(keyPick)
	if len(errs) > 0 {
		return p, fmt.Errorf("lessons: cnn: cannot read %s", strings.Join(errs, ", "))
	}
	return p, nil
}
