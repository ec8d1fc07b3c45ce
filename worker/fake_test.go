package worker

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"bnlab/lessons"
	"bnlab/lessons/train"
)

// fake is a lesson that counts what the host asks of it.
type fake struct {
	id               string
	configs, dos     int
	steps            int
	values           lessons.Values
	seed             uint64
	panicStep        bool
	badFrame         bool
	data             *train.Dataset
	budget           int // > 0: the lesson ends after budget steps (finite)
	stepWhenFinished bool
}

func (f *fake) Controls() []lessons.Control { return nil }
func (f *fake) Configure(v lessons.Values, seed uint64) error {
	f.configs++
	f.values, f.seed, f.steps = v, seed, 0
	if v["bad"] != "" {
		return errors.New("bad is not a setting")
	}
	return nil
}
func (f *fake) Do(key string) error {
	f.dos++
	if key != "go" {
		return fmt.Errorf("unknown action %q", key)
	}
	return nil
}
func (f *fake) Step() error {
	if f.panicStep {
		panic("boom")
	}
	if f.budget > 0 && f.steps >= f.budget {
		return nil
	}
	f.steps++
	return nil
}
func (f *fake) Frame() (lessons.Frame, error) {
	if f.badFrame {
		return lessons.Frame{}, errors.New("the chart has no data")
	}
	return lessons.Frame{Panels: map[string]string{f.id + "-a": "<p>a</p>"}, Stage: []byte(`{"n":1}`), Text: "a stage",
		Progress: lessons.Progress{Steps: f.steps, Counted: true, Done: f.budget > 0 && f.steps >= f.budget}}, nil
}
func (f *fake) State() lessons.State {
	return lessons.State{Lesson: f.id, Values: f.values, Seed: f.seed}
}

// checker is a fake that poses one check: "how many steps so far?".
type checker struct{ *fake }

func (f checker) Checks() []lessons.Check {
	return []lessons.Check{{ID: "checks-count", Kind: lessons.NumberCheck, Question: "How many steps?", Label: "steps"}}
}
func (f checker) Answer(id string) (lessons.Answer, error) {
	if id != "checks-count" {
		return lessons.Answer{}, fmt.Errorf("no check %q", id)
	}
	return lessons.Answer{Value: float64(f.steps), Tol: 0.5, Why: "one per step"}, nil
}

// finite is a fake with a fixed budget.
type finite struct{ *fake }

func (f finite) Done() bool { return f.steps >= f.budget }

// needsData is a fake that waits for the MNIST images.
type needsData struct{ *fake }

func (f needsData) SetData(ds *train.Dataset) error { f.data = ds; return nil }

// rig is a Host with fake lessons, a fake clock that moves 1 ms each time
// it is read, and the messages it posted.
type rig struct {
	h       *Host
	out     []Out
	made    map[string][]*fake
	fetches int
	canGet  bool
	now     time.Time
}

func newRig(t *testing.T) *rig {
	t.Helper()
	r := &rig{made: map[string][]*fake{}, canGet: true, now: time.Unix(1e9, 0)}
	r.h = NewHost(Config{
		New: func(id string) (lessons.Lesson, error) {
			f := &fake{id: id}
			var l lessons.Lesson = f
			switch id {
			case "plain":
			case "checks":
				l = checker{f}
			case "finite":
				f.budget = 3
				l = finite{f}
			case "data":
				l = needsData{f}
			case "panics":
				f.panicStep = true
			case "badframe":
				f.badFrame = true
			default:
				return nil, fmt.Errorf("course: unknown lesson %q", id)
			}
			r.made[id] = append(r.made[id], f)
			return l, f.Configure(lessons.Values{}, 1)
		},
		Hash:  func(s lessons.State) string { return "lesson=" + s.Lesson },
		Post:  func(o Out) { r.out = append(r.out, o) },
		Fetch: func() bool { r.fetches++; return r.canGet },
		Now:   func() time.Time { r.now = r.now.Add(time.Millisecond); return r.now },
	})
	return r
}

// send handles one batch and posts a frame when one is due.
func (r *rig) send(ms ...In) {
	r.h.Handle(ms)
	if r.h.FrameDue() {
		r.h.Render()
	}
}

// frame returns the last frame posted.
func (r *rig) frame(t *testing.T) Frame {
	t.Helper()
	for i := len(r.out) - 1; i >= 0; i-- {
		if f, ok := r.out[i].(Frame); ok {
			return f
		}
	}
	t.Fatal("no frame posted")
	return Frame{}
}

// lesson returns the newest fake built for id.
func (r *rig) lesson(t *testing.T, id string) *fake {
	t.Helper()
	fs := r.made[id]
	if len(fs) == 0 {
		t.Fatalf("no %s lesson built", id)
	}
	return fs[len(fs)-1]
}

func configure(id string, gen int) In {
	return In{Kind: Configure, Lesson: id, Values: lessons.Values{"x": "1"}, Seed: 7, Gen: gen}
}
