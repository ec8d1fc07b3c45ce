package worker

import (
	"fmt"
	"runtime/debug"
	"time"

	"bnlab/lessons"
	"bnlab/lessons/train"
)

// Worker timing: a slice of steps lasts at most SliceBudget, so messages
// wait at most that long; frames go out at most every FrameGap while
// playing (and right after every configure, action or step).
const (
	SliceBudget = 30 * time.Millisecond
	FrameGap    = 250 * time.Millisecond
)

// Config is what a Host needs from its surroundings.
type Config struct {
	// New builds a lesson configured with its defaults (course.New).
	New func(id string) (lessons.Lesson, error)
	// Hash writes a lesson's URL state (course.EncodeHash).
	Hash func(lessons.State) string
	// Post sends a message to the stage.
	Post func(Out)
	// Fetch starts the MNIST download, whose result arrives later as a
	// Data message; it returns false when it cannot start one.
	Fetch func() bool
	// Logf reports an internal error to the developer's console; nil
	// drops it.
	Logf func(format string, args ...any)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Host is the training worker's state: the hosted lesson, the play state
// and the data. It is not safe for concurrent use: one goroutine (Run's)
// drives it.
type Host struct {
	cfg Config

	id     string
	lesson lessons.Lesson
	values lessons.Values
	seed   uint64
	gen    int
	// broken is a panic recovered from the lesson; it stops stepping until
	// the next configure.
	broken  error
	lastErr string

	playing  bool
	speed    float64
	interval time.Duration
	acc      time.Duration
	lastRun  time.Time
	pause    time.Duration
	steps    int // Step calls since the last configure (the clock when the lesson does not count them)
	rate     stepRate

	ds       *train.Dataset
	fetching bool

	// feedback holds the verdicts of the hosted lesson's checks, by the
	// feedback element's id; a configure blanks them (they judged the
	// state before it).
	feedback map[string]string

	dirty, force bool
	lastPost     time.Time
	renderDur    time.Duration
}

// NewHost returns a Host with nothing hosted yet.
func NewHost(cfg Config) *Host {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	return &Host{cfg: cfg, speed: 1}
}

// Handle applies a batch of messages in order; a configure that a later
// configure in the same batch replaces is skipped (a dragged slider), and
// its Fresh carries over to the one applied.
func (h *Host) Handle(batch []In) {
	fresh := false
	for i, m := range batch {
		if m.Kind == Configure {
			if laterConfigure(batch[i+1:]) {
				fresh = fresh || m.Fresh
				continue
			}
			m.Fresh, fresh = m.Fresh || fresh, false
		}
		if m.Kind != Data {
			h.gen = max(h.gen, m.Gen)
		}
		switch m.Kind {
		case Configure:
			h.configure(m)
		case Reset:
			if h.lesson != nil {
				h.configure(In{Lesson: h.id, Values: h.values, Seed: h.seed, Fresh: true})
			}
		case Action:
			if h.lesson != nil {
				h.report(h.guard("action "+m.Key, func() error { return h.lesson.Do(m.Key) }))
			}
		case Check:
			h.check(m)
		case Step:
			h.playing = false
			if h.canStep() {
				h.step()
			} else if h.needsData() {
				h.report(fmt.Errorf("the MNIST images are still loading; training starts once they have arrived"))
			}
		case Play:
			h.playing, h.acc, h.lastRun = m.On, 0, h.cfg.Now()
			if m.Speed > 0 {
				h.speed = m.Speed
			}
			h.interval = max(m.Interval, 0)
			h.StopIfFinished(m.On)
		case Data:
			h.gotData(m)
		}
		h.dirty, h.force = true, true
	}
}

func laterConfigure(rest []In) bool {
	for _, m := range rest {
		if m.Kind == Configure {
			return true
		}
	}
	return false
}

// configure (re)builds the hosted lesson for m's lesson, values and seed.
func (h *Host) configure(m In) {
	fresh := m.Fresh || m.Lesson != h.id || h.lesson == nil
	if m.Lesson != h.id {
		h.feedback = nil
	}
	for k := range h.feedback {
		h.feedback[k] = ""
	}
	if fresh {
		h.id, h.lesson, h.playing = m.Lesson, nil, false
		var l lessons.Lesson
		err := h.guard("starting the lesson", func() (err error) { l, err = h.cfg.New(m.Lesson); return err })
		if err != nil {
			h.report(err)
			return
		}
		h.lesson = l
	}
	h.values, h.seed, h.steps, h.broken = m.Values, m.Seed, 0, nil
	err := h.guard("configure", func() error { return h.lesson.Configure(m.Values, m.Seed) })
	if nd, ok := h.lesson.(train.NeedsData); ok && fresh && err == nil && h.ds != nil {
		err = h.guard("SetData", func() error { return nd.SetData(h.ds) })
	}
	h.report(err)
	h.fetchData()
}

// step runs one Step of the lesson and counts it.
func (h *Host) step() {
	err := h.guard("step", h.lesson.Step)
	h.steps++
	h.rate.add(h.cfg.Now(), 1)
	h.report(err)
	if err != nil {
		h.playing = false
	}
	h.dirty = true
}

// Running reports whether the host should train now.
func (h *Host) Running() bool { return h.playing && h.canStep() }

func (h *Host) canStep() bool {
	return h.lesson != nil && h.broken == nil && !h.needsData()
}

// needsData reports whether the lesson waits for the MNIST images.
func (h *Host) needsData() bool {
	_, ok := h.lesson.(train.NeedsData)
	return ok && h.ds == nil
}

// report keeps the last error for the next frame's notice.
func (h *Host) report(err error) {
	if err != nil {
		h.lastErr = err.Error()
	} else {
		h.lastErr = ""
	}
}

// guard runs f, turning a panic into an error (and the lesson into a
// broken one that does not step again until it is configured).
func (h *Host) guard(where string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			h.cfg.Logf("bnlab worker: panic in %s: %v\n%s", where, r, debug.Stack())
			err = fmt.Errorf("the engine hit an internal error in %s (%v); change a setting or reset to start again", where, r)
			h.broken, h.playing = err, false
		}
	}()
	return f()
}

// StopIfFinished ends play once a lesson with a fixed budget has finished;
// starting play on a finished lesson says why nothing happens.
func (h *Host) StopIfFinished(starting bool) {
	if !h.playing || !h.finished() {
		return
	}
	h.playing, h.dirty = false, true
	if starting {
		h.report(fmt.Errorf("this run has finished: change a setting, or press Reset to run it again"))
	}
}

// finished reports whether the hosted lesson has ended: only a lesson with
// a fixed budget (lessons.Finite) ends.
func (h *Host) finished() bool {
	f, ok := h.lesson.(lessons.Finite)
	if !ok || !h.canStep() {
		return false
	}
	done := false
	if err := h.guard("Done", func() error { done = f.Done(); return nil }); err != nil {
		return false
	}
	return done
}
