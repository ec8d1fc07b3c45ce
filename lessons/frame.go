package lessons

// Frame is what a lesson shows at one moment, ready for the page: the
// panels beside the stage, the stage's payload and its text alternative,
// and how far the lesson has got.
type Frame struct {
	// Panels maps a page element id (starting with the lesson id, e.g.
	// "dropout-masks") to the HTML or inline SVG that becomes its content.
	// Panels never hold scripts, event handlers or inline styles, so the
	// page's Content Security Policy holds.
	Panels map[string]string
	// Stage is the payload the stage draws: the lesson's own stage type
	// (e.g. dropout.Stage), encoded as JSON once, by the lesson.
	Stage []byte
	// Text is the stage's text alternative for screen readers.
	Text string
	// Progress is how far the lesson has got.
	Progress Progress
}

// Progress is how far a lesson has got, as the page's clock and its Play
// button show it.
type Progress struct {
	// Steps is the lesson's own count of training steps taken, which
	// survives a Configure that keeps the lesson's state (train-eval's
	// mode toggle, a histograms layer change). Counted is false for a
	// lesson that does not count its steps; the page then counts them.
	Steps   int
	Counted bool
	// Done is true once a lesson with a fixed budget has finished
	// (overfitting after its steps, mistakes after its experiment).
	Done bool
}

// Finite is implemented by a lesson with a fixed budget, which ends: the
// page stops playing once Done reports true. Done is cheap, unlike Frame,
// so the page may ask after every step.
type Finite interface {
	Done() bool
}
