package course

import (
	"bnlab/lessons"
	"fmt"
	"reflect"
	"strings"
)

// trainLesson is what every lesson that trains networks side by side
// shares (histograms, placement; later overfitting, mistakes, train-eval):
// its normalized values and seed, the data set by SetData, and a Harness
// built from them as soon as both are there. Embed it and give configure a
// plan function that turns values into a HarnessConfig.
type trainLesson struct {
	id     string
	cs     []lessons.Control
	values lessons.Values
	seed   uint64
	cfg    HarnessConfig
	notes  []lessons.Notice // adjustments made by plan (e.g. layer clamped to depth)
	ds     *Dataset
	h      *Harness
	err    error // the last build or step error, shown in the view
}

// planFunc turns normalized values and a seed into a harness configuration
// and the notices for values it had to adjust.
type planFunc func(v lessons.Values, seed uint64) (HarnessConfig, []lessons.Notice, error)

// configure validates v (values that are not normalized are refused, naming
// them, and nothing changes), plans the harness and rebuilds it when data
// is present.
func (t *trainLesson) configure(v lessons.Values, seed uint64, plan planFunc) error {
	norm, notes := lessons.Normalize(t.cs, v)
	if len(notes) > 0 {
		texts := make([]string, len(notes))
		for i, n := range notes {
			texts[i] = n.Text
		}
		return fmt.Errorf("lessons: %s: invalid values: %s", t.id, strings.Join(texts, "; "))
	}
	cfg, adj, err := plan(norm, seed)
	if err != nil {
		return fmt.Errorf("lessons: %s: %w", t.id, err)
	}
	if t.h != nil && sameBut(t.cfg, cfg) {
		// Only the chosen layer changed: keep training.
		if err := t.h.SetLayer(cfg.Layer); err == nil {
			t.values, t.seed, t.cfg, t.notes = norm, seed, cfg, adj
			return nil
		}
	}
	t.values, t.seed, t.cfg, t.notes = norm, seed, cfg, adj
	return t.rebuild()
}

// sameBut reports whether a and b differ at most in the chosen Layer.
func sameBut(a, b HarnessConfig) bool {
	a.Layer, b.Layer = 0, 0
	return reflect.DeepEqual(a, b)
}

// rebuild starts the training again from step 0 (when data is present).
func (t *trainLesson) rebuild() error {
	t.h, t.err = nil, nil
	if t.ds == nil {
		return nil
	}
	cfg := t.cfg
	cfg.Nets = append([]NetSpec(nil), t.cfg.Nets...)
	for i := range cfg.Nets {
		sz := append([]int(nil), cfg.Nets[i].MLP.Sizes...)
		sz[0], sz[len(sz)-1] = t.ds.InputSize(), t.ds.Classes
		cfg.Nets[i].MLP.Sizes = sz
	}
	h, err := NewHarness(cfg, t.ds)
	if err != nil {
		t.err = err
		return fmt.Errorf("lessons: %s: %w", t.id, err)
	}
	t.h = h
	return nil
}

// SetData gives the lesson its training data and restarts the training.
func (t *trainLesson) SetData(ds *Dataset) error {
	if err := ds.Check(); err != nil {
		return err
	}
	t.ds = ds
	return t.rebuild()
}

// Step trains every network by one mini-batch. A network that diverges is
// reported in the view, not here. Without data it returns ErrNoData.
func (t *trainLesson) Step() error {
	if t.h == nil {
		if t.err != nil {
			return t.err
		}
		return ErrNoData
	}
	if err := t.h.Step(); err != nil {
		t.err = err
		t.h = nil
		return err
	}
	return nil
}

// Do performs an action; training lessons have none (the page's play,
// pause, step and reset drive Step and Configure).
func (t *trainLesson) Do(action string) error {
	return fmt.Errorf("lessons: %s has no action %q", t.id, action)
}

// State returns the lesson's URL state.
func (t *trainLesson) State() State {
	v := lessons.Values{}
	for k, x := range t.values {
		v[k] = x
	}
	return State{Lesson: t.id, Seed: t.seed, Values: v}
}

// TrainStatus is the part of a training lesson's view that says whether it
// can train: waiting for data, or an error to show.
type TrainStatus struct {
	// Waiting is true until the page has given the lesson its data.
	Waiting bool `json:"waiting"`
	// Error is a build or step error (a divergence is not an error: see
	// NetSnapshot.Diverged).
	Error string `json:"error,omitempty"`
	// Notices describe control values the lesson had to adjust.
	Notices []lessons.Notice `json:"notices,omitempty"`
	// Step is the number of training steps the networks have taken (the
	// page's step counter shows it).
	Step int `json:"step"`
}

// status returns the lesson's TrainStatus, snapshot and summaries (nil
// when there is no harness).
func (t *trainLesson) status() (TrainStatus, *TrainSnapshot, []NetSummary) {
	st := TrainStatus{Waiting: t.ds == nil, Notices: append([]lessons.Notice(nil), t.notes...)}
	if t.err != nil {
		st.Error = t.err.Error()
	}
	if t.h == nil {
		return st, nil, nil
	}
	snap := t.h.Snapshot()
	st.Step = snap.Step
	return st, &snap, t.h.Summaries()
}

// hiddenSizes returns {0, width × depth, 0}: rebuild sets the input and
// output sizes from the dataset.
func hiddenSizes(width, depth int) []int {
	s := []int{0}
	for i := 0; i < depth; i++ {
		s = append(s, width)
	}
	return append(s, 0)
}
