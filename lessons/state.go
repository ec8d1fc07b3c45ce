package lessons

// DefaultSeed is the seed used when the address has none.
const DefaultSeed uint64 = 7

// State is everything the URL hash carries: the lesson, its normalized
// control values and the seed. Opening the encoded hash restores exactly
// this state.
type State struct {
	Lesson string `json:"lesson"`
	Seed   uint64 `json:"seed"`
	Values Values `json:"values"`
}

// Stateful is implemented by lessons whose actions change their own URL
// state (bn-steps: "next-batch" raises `batches`, "resample" moves the
// seed, Step moves `step`). After Do or Step the page reads State and
// writes EncodeHash(State()) to the address.
type Stateful interface {
	State() State
}

// OverviewHash is the address of the course overview, which is not a
// lesson: the page shows it in place of the lessons, and the stage keeps
// the lesson it had.
const OverviewHash = "#overview"
