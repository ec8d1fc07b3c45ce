package train

import (
	"fmt"
	"reflect"

	"bnlab/lessons"
	"bnlab/lessons/export"
)

// Base is what every lesson that trains networks side by side
// shares (histograms, placement, overfitting):
// its normalized values and seed, the data set by SetData, and a Harness
// built from them as soon as both are there. Embed it and give ConfigureWith a
// plan function that turns values into a HarnessConfig.
type Base struct {
	ID      string
	Decl    []lessons.Control
	Values  lessons.Values
	Seed    uint64
	Config  HarnessConfig
	Notes   []lessons.Notice // adjustments made by plan (e.g. layer clamped to depth)
	Data    *Dataset
	Harness *Harness
	Err     error // the last build or step error, shown in the view
	// export is ExportSetup's last result and the state it was for.
	export struct {
		key   string
		setup export.Setup
	}
}

// PlanFunc turns normalized values and a seed into a harness configuration
// and the notices for values it had to adjust.
type PlanFunc func(v lessons.Values, seed uint64) (HarnessConfig, []lessons.Notice, error)

// configure validates v (values that are not normalized are refused, naming
// them, and nothing changes), plans the harness and rebuilds it when data
// is present.
func (t *Base) ConfigureWith(v lessons.Values, seed uint64, plan PlanFunc) error {
	norm, notes := lessons.Normalize(t.Decl, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: %s: invalid values: %s", t.ID, lessons.JoinNotices(notes))
	}
	cfg, adj, err := plan(norm, seed)
	if err != nil {
		return fmt.Errorf("lessons: %s: %w", t.ID, err)
	}
	if t.Harness != nil && sameBut(t.Config, cfg) {
		// Only the chosen layer changed: keep training.
		if err := t.Harness.SetLayer(cfg.Layer); err == nil {
			t.Values, t.Seed, t.Config, t.Notes = norm, seed, cfg, adj
			return nil
		}
	}
	t.Values, t.Seed, t.Config, t.Notes = norm, seed, cfg, adj
	return t.Rebuild()
}

// sameBut reports whether a and b differ at most in the chosen Layer.
func sameBut(a, b HarnessConfig) bool {
	a.Layer, b.Layer = 0, 0
	return reflect.DeepEqual(a, b)
}

// Rebuild starts the training again from step 0 (when data is present).
func (t *Base) Rebuild() error {
	t.Harness, t.Err = nil, nil
	if t.Data == nil {
		return nil
	}
	cfg := t.Config
	cfg.Nets = append([]NetSpec(nil), t.Config.Nets...)
	for i := range cfg.Nets {
		sz := append([]int(nil), cfg.Nets[i].MLP.Sizes...)
		sz[0], sz[len(sz)-1] = t.Data.InputSize(), t.Data.Classes
		cfg.Nets[i].MLP.Sizes = sz
	}
	h, err := NewHarness(cfg, t.Data)
	if err != nil {
		t.Err = err
		return fmt.Errorf("lessons: %s: %w", t.ID, err)
	}
	t.Harness = h
	return nil
}

// SetData gives the lesson its training data and restarts the training.
func (t *Base) SetData(ds *Dataset) error {
	if err := ds.Check(); err != nil {
		return err
	}
	t.Data = ds
	return t.Rebuild()
}

// Step trains every network by one mini-batch. A network that diverges is
// reported in the view, not here. Without data it returns ErrNoData.
func (t *Base) Step() error {
	if t.Harness == nil {
		if t.Err != nil {
			return t.Err
		}
		return ErrNoData
	}
	if err := t.Harness.Step(); err != nil {
		t.Err = err
		t.Harness = nil
		return err
	}
	return nil
}

// Do performs an action; training lessons have none (the page's play,
// pause, step and reset drive Step and Configure).
func (t *Base) Do(action string) error {
	return fmt.Errorf("lessons: %s has no action %q", t.ID, action)
}

// State returns the lesson's URL state.
func (t *Base) State() lessons.State {
	v := lessons.Values{}
	for k, x := range t.Values {
		v[k] = x
	}
	return lessons.State{Lesson: t.ID, Seed: t.Seed, Values: v}
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

// Status returns the lesson's TrainStatus, snapshot and summaries (nil
// when there is no harness).
func (t *Base) Status() (TrainStatus, *TrainSnapshot, []NetSummary) {
	st := TrainStatus{Waiting: t.Data == nil, Notices: append([]lessons.Notice(nil), t.Notes...)}
	if t.Err != nil {
		st.Error = t.Err.Error()
	}
	if t.Harness == nil {
		return st, nil, nil
	}
	snap := t.Harness.Snapshot()
	st.Step = snap.Step
	return st, &snap, t.Harness.Summaries()
}

// HiddenSizes returns {0, width × depth, 0}: rebuild sets the input and
// output sizes from the dataset.
func HiddenSizes(width, depth int) []int {
	s := []int{0}
	for i := 0; i < depth; i++ {
		s = append(s, width)
	}
	return append(s, 0)
}
