package example

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"bnlab/lessons"
)

// The lesson's URL keys and its action.
const (
	keyP     = "p"
	actFlip  = "flip-ten"
	flipsMax = 1_000_000
)

// controls declares the lesson's controls as data.
var controls = []lessons.Control{
	{Key: keyP, Label: "Probability of heads p", Kind: lessons.Slider, Min: 0.05, Max: 0.95, Step: 0.05, Default: "0.5",
		Help: "The chance that one flip comes up heads."},
	{Key: actFlip, Label: "Flip ten", Kind: lessons.Action, Shortcut: "f",
		Help: "Flip the coin ten times at once."},
}

// Lesson is the coin lesson's state.
type Lesson struct {
	p            float64
	seed         uint64
	rng          *rand.Rand
	flips, heads int
}

// New returns the lesson, not yet configured.
func New() lessons.Lesson { return &Lesson{} }

// Controls implements lessons.Lesson.
func (l *Lesson) Controls() []lessons.Control { return append([]lessons.Control(nil), controls...) }

// Configure implements lessons.Lesson: the same p and seed always give the
// same flips.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(controls, v)
	if len(notes) > 0 {
		return fmt.Errorf("example: %s", notes[0].Text)
	}
	p, err := strconv.ParseFloat(norm[keyP], 64)
	if err != nil {
		return fmt.Errorf("example: p: %w", err)
	}
	*l = Lesson{p: p, seed: seed, rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	return nil
}

// Do implements lessons.Lesson: "flip-ten" flips ten times.
func (l *Lesson) Do(action string) error {
	if action != actFlip {
		return fmt.Errorf("example: unknown action %q (known: %s)", action, actFlip)
	}
	for range 10 {
		if err := l.Step(); err != nil {
			return err
		}
	}
	return nil
}

// Step implements lessons.Lesson: one flip.
func (l *Lesson) Step() error {
	if l.rng == nil {
		return fmt.Errorf("example: Step before Configure")
	}
	if l.flips >= flipsMax {
		return nil
	}
	l.flips++
	if l.rng.Float64() < l.p {
		l.heads++
	}
	return nil
}

// State implements lessons.Stateful, for the URL.
func (l *Lesson) State() lessons.State {
	return lessons.State{Lesson: "example", Values: lessons.Values{keyP: strconv.FormatFloat(l.p, 'g', -1, 64)}, Seed: l.seed}
}
