package lessons

// CheckKind says how a student commits a prediction.
type CheckKind string

// The kinds of check the page knows how to draw.
const (
	NumberCheck CheckKind = "number" // type a number
	ChoiceCheck CheckKind = "choice" // pick one of Options
)

// Check is a predict-then-check question, declared as data. The lesson's
// prose marks where it goes with the comment <!-- check ID -->, the page
// draws it there (pages.WithChecks), and the student commits a prediction
// before the lesson computes its answer (Checker.Answer) for the state it
// is in at that moment.
type Check struct {
	// ID is the form's element id; it starts with the lesson id.
	ID string
	// Question is the prompt, as HTML without scripts or styles.
	Question string
	Kind     CheckKind
	// Label names the input (a number check) or the group of options.
	Label string
	// Options are a choice check's answers to pick from.
	Options []Option
}

// Answer is the engine's answer to a check for the lesson's current state.
type Answer struct {
	// Value and Tol: a number prediction within Tol of Value is right.
	Value, Tol float64
	// Choice is a choice check's right Option value.
	Choice string
	// Shown is the answer as the page words it (default: Value's digits,
	// or the right option's label).
	Shown string
	// Why explains the answer with this state's own numbers (HTML).
	Why string
	// Wrong says, by option value, what a wrong choice overlooks (HTML).
	Wrong map[string]string
	// NotYet says the lesson cannot answer in its current state yet (its
	// measurements are still to come); Why says when it can. The verdict
	// is then a note, not a right or wrong, and the page does not count the
	// check as answered.
	NotYet bool
}

// Checker is implemented by a lesson that poses checks.
type Checker interface {
	// Checks lists the lesson's checks, in the order of its prose.
	Checks() []Check
	// Answer computes the answer to check id for the current state. It
	// does not change the state.
	Answer(id string) (Answer, error)
}

// FindCheck returns the check with the given id.
func FindCheck(cs []Check, id string) (Check, bool) {
	for _, c := range cs {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}
