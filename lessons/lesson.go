package lessons

// ControlKind says how a control is drawn and how its value is parsed.
type ControlKind string

// The control kinds the page knows how to draw.
const (
	Slider    ControlKind = "slider"  // a number on a linear scale: Min, Max, Step
	LogSlider ControlKind = "log"     // a positive number on a log scale: Min, Max
	Choice    ControlKind = "choice"  // one of Options, by Value
	Toggle    ControlKind = "toggle"  // "1" or "0"
	Numbers   ControlKind = "numbers" // a comma-separated list of numbers, e.g. "3,5,7,9"
	Action    ControlKind = "action"  // a button; not part of the URL state
)

// Option is one choice of a Choice control.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Control is one input of a lesson, declared as data: the page draws it,
// the URL hash stores it under Key, and Normalize validates it.
type Control struct {
	Key     string      `json:"key"`
	Label   string      `json:"label"`
	Help    string      `json:"help,omitempty"`
	Kind    ControlKind `json:"kind"`
	Min     float64     `json:"min,omitempty"`
	Max     float64     `json:"max,omitempty"`
	Step    float64     `json:"step,omitempty"`
	Default string      `json:"default,omitempty"`
	Options []Option    `json:"options,omitempty"`
	// MaxItems bounds a Numbers control's list length (and MinItems from below).
	MinItems int `json:"minItems,omitempty"`
	MaxItems int `json:"maxItems,omitempty"`
	// Optional Numbers controls may be empty (e.g. bn-steps' typed batch x).
	Optional bool `json:"optional,omitempty"`
	// Shortcut is a single keyboard key that triggers an Action control.
	Shortcut string `json:"shortcut,omitempty"`
}

// Values holds a lesson's control values by key, in canonical string form.
type Values map[string]string

// Lesson is one page of the lab: pure Go, natively testable, no drawing.
// The page (wasm/) draws its controls from Controls, restores its Values from
// the URL hash, and shows each Frame on the stage and in the page.
type Lesson interface {
	Controls() []Control
	// Configure rebuilds the lesson's state from normalized values and a seed.
	// The same values and seed always give the same state.
	Configure(v Values, seed uint64) error
	// Do performs an Action control by key (e.g. "resample", "next-batch").
	Do(action string) error
	// Step advances the lesson by one step of its clock (an animation step,
	// a training step); lessons without a clock return nil.
	Step() error
	// Frame renders the lesson's current state for the page: panels, the
	// stage's payload, the text alternative and the progress. It never
	// returns pixels.
	Frame() (Frame, error)
}

// Defaults returns every non-action control's default value.
func Defaults(cs []Control) Values {
	v := Values{}
	for _, c := range cs {
		if c.Kind != Action {
			v[c.Key] = c.Default
		}
	}
	return v
}
