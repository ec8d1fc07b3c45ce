package smallbatch

import (
	"fmt"
	"strconv"
	"sync"

	"bnlab/lessons"
	"bnlab/lessons/train"
)

// small-batches control keys, in declaration (and URL) order.
const (
	keyNorm     = "norm"
	keyBatch    = "batch"
	keyShape    = "shape"
	keyChannels = "channels"
	keyGroups   = "groups"
	keyExp      = "experiment"

	// ActResample draws new batches (seed + 1).
	ActResample = "resample"
	// ActExperiment runs the accuracy-versus-batch-size experiment
	// (experiment = 1).
	ActExperiment = "run-experiment"
)

// smallBatchControls declares the small-batches controls as data.
var smallBatchControls = []lessons.Control{
	{Key: keyNorm, Label: "Normalisation", Kind: lessons.Choice, Default: "bn",
		Options: []lessons.Option{{Value: "bn", Label: "BatchNorm"}, {Value: "ln", Label: "LayerNorm"}, {Value: "gn", Label: "GroupNorm"}},
		Help:    "The layer highlighted on the stage."},
	{Key: keyBatch, Label: "Batch size m", Kind: lessons.Slider, Min: 1, Max: 64, Step: 1, Default: "4",
		Help: "Samples per batch; BN's statistics come from these alone."},
	{Key: keyShape, Label: "Input", Kind: lessons.Choice, Default: "conv",
		Options: []lessons.Option{{Value: "conv", Label: "conv maps (N, C, 4, 4)"}, {Value: "dense", Label: "dense features (N, C)"}},
		Help:    "Feature maps after a convolution, or features after a Linear layer."},
	{Key: keyChannels, Label: "Channels C", Kind: lessons.Choice, Default: "8",
		Options: []lessons.Option{{Value: "4", Label: "4"}, {Value: "8", Label: "8"}, {Value: "16", Label: "16"}, {Value: "32", Label: "32"}}},
	{Key: keyGroups, Label: "Groups G (GroupNorm)", Kind: lessons.Choice, Default: "2",
		Options: []lessons.Option{{Value: "1", Label: "1 (like LayerNorm)"}, {Value: "2", Label: "2"}, {Value: "4", Label: "4"},
			{Value: "8", Label: "8"}, {Value: "32", Label: "32 (one channel each)"}},
		Help: "GroupNorm splits the C channels of each sample into G groups."},
	{Key: keyExp, Label: "Accuracy experiment", Kind: lessons.Toggle, Default: "0",
		Help: "Train a small network with BN, GroupNorm and LayerNorm at batch sizes 2 to 64 (takes a moment)."},
	{Key: ActResample, Label: "Resample", Kind: lessons.Action, Shortcut: "r", Help: "Draw new batches."},
	{Key: ActExperiment, Label: "Run the experiment", Kind: lessons.Action, Shortcut: "e",
		Help: "Train and evaluate the small network at every batch size."},
}

// params are the small-batches control values, parsed.
type params struct {
	norm, shape             string
	batch, channels, groups int
	experiment              bool
}

// Lesson is the small-batches lesson: BN's batch statistics get
// noisy as the batch shrinks and fail for a batch of one, while LayerNorm
// and GroupNorm compute per-sample statistics that do not depend on the
// batch. It implements NeedsData for its accuracy experiment, which runs
// on SyntheticDataset until the page gives MNIST. Build it with
// New("small-batches").
type Lesson struct {
	values lessons.Values
	seed   uint64
	p      params
	view   *View
	ds     *train.Dataset
	exp    experimentCache
}

// SetData gives the experiment MNIST (or any Dataset) and recomputes the
// view with the current values.
func (l *Lesson) SetData(ds *train.Dataset) error {
	if err := ds.Check(); err != nil {
		return err
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

func New() lessons.Lesson { return &Lesson{} }

// Controls returns the small-batches controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), smallBatchControls...)
}

// Configure rebuilds the lesson from values and seed. Values that are not
// normalized are refused with an error naming them, and nothing changes.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(smallBatchControls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: small-batches: invalid values: %s", lessons.JoinNotices(notes))
	}
	p := params{norm: norm[keyNorm], shape: norm[keyShape], experiment: norm[keyExp] == "1"}
	var err error
	for _, f := range []struct {
		k string
		p *int
	}{{keyBatch, &p.batch}, {keyChannels, &p.channels}, {keyGroups, &p.groups}} {
		if *f.p, err = strconv.Atoi(norm[f.k]); err != nil {
			return fmt.Errorf("lessons: small-batches: cannot read %s=%s", f.k, norm[f.k])
		}
	}
	var clamp []lessons.Notice
	if p.groups > p.channels {
		clamp = append(clamp, lessons.Notef(keyGroups, norm[keyGroups], norm[keyChannels],
			"groups=%d: GroupNorm cannot split %d channels into %d groups; using %d (one channel per group)", p.groups, p.channels, p.groups, p.channels))
		p.groups = p.channels
		norm[keyGroups] = strconv.Itoa(p.groups)
	}
	pure := p
	pure.experiment = false
	memo, err := memoized(pure, seed)
	if err != nil {
		return err
	}
	view := memo
	if len(clamp) > 0 || p.experiment {
		cp := *memo
		cp.Notices = append(clamp, memo.Notices...)
		view = &cp
	}
	if p.experiment {
		ds := l.ds
		if ds == nil {
			if ds = train.SyntheticDigits(); ds == nil {
				return fmt.Errorf("lessons: small-batches: the synthetic data set could not be built")
			}
		}
		if view.Experiment, err = l.exp.get(ds, seed); err != nil {
			return err
		}
	}
	l.values, l.seed, l.p, l.view = norm, seed, p, view
	return nil
}

// Do performs "resample" (new batches from the next seed) or
// "run-experiment" (experiment = 1).
func (l *Lesson) Do(action string) error {
	switch action {
	case ActResample:
		return l.Configure(l.copyValues(), l.seed+1)
	case ActExperiment:
		v := l.copyValues()
		v[keyExp] = "1"
		return l.Configure(v, l.seed)
	}
	return fmt.Errorf("lessons: small-batches: unknown action %q (known: %s, %s)", action, ActResample, ActExperiment)
}

// Step draws new batches, like "resample" (the experiment, when shown,
// runs again for the new seed).
func (l *Lesson) Step() error { return l.Do(ActResample) }

// memo remembers the last few views: the view is a pure function of the
// parameters and the seed, and course.New (which every lesson switch calls)
// builds the default one again and again.
var memo struct {
	sync.Mutex
	views map[string]*View
}

// memoized returns compute(p, seed), from the memo when it
// holds it.
func memoized(p params, seed uint64) (*View, error) {
	key := fmt.Sprintf("%+v/%d", p, seed)
	memo.Lock()
	defer memo.Unlock()
	if v, ok := memo.views[key]; ok {
		return v, nil
	}
	v, err := compute(p, seed)
	if err != nil {
		return nil, err
	}
	if len(memo.views) >= 8 {
		clear(memo.views)
	}
	if memo.views == nil {
		memo.views = map[string]*View{}
	}
	memo.views[key] = v
	return v, nil
}

// View returns the current *View. Views may be shared between
// lesson instances: read them, do not modify them.
func (l *Lesson) View() *View { return l.view }

// State returns the lesson's URL state (groups as used, the seed moved by
// "resample").
func (l *Lesson) State() lessons.State {
	return lessons.State{Lesson: "small-batches", Seed: l.seed, Values: l.copyValues()}
}

func (l *Lesson) copyValues() lessons.Values {
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	return v
}
