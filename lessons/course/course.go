package course

import (
	"fmt"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/bnsteps"
	"bnlab/lessons/cnn"
	"bnlab/lessons/code"
	"bnlab/lessons/dropout"
	"bnlab/lessons/histograms"
	"bnlab/lessons/mistakes"
	"bnlab/lessons/overfitting"
	"bnlab/lessons/placement"
	"bnlab/lessons/smallbatch"
	"bnlab/lessons/traineval"
)

// Entry is one lesson of the course.
type Entry struct {
	// ID appears in URLs (#lesson=bn-steps); never rename one.
	ID string
	// Number is the lesson's place in the course, from 1.
	Number int
	// Section is the part of the course the lesson belongs to.
	Section string
	// Short is the title in the lesson list and the pager; Title is the
	// full title.
	Short, Title string
	// Summary is one sentence for the course overview.
	Summary string
	// New returns a fresh, unconfigured lesson.
	New func() lessons.Lesson
	// Prose is the lesson's text on the page (prose.html in its package),
	// which cmd/serve wraps in a section with the title above.
	Prose string
}

// list is the course in order, written out once: the page's lesson list
// and every lookup by id come from it.
var list = []Entry{
	{ID: "bn-steps", Section: "Batch Normalisation", Short: "The four steps",
		Title:   "The four steps on a live mini-batch",
		Summary: "Mean, variance, normalise, scale and shift, on a live mini-batch.",
		New:     bnsteps.New, Prose: bnsteps.Prose},
	{ID: "histograms", Section: "Batch Normalisation", Short: "Histograms",
		Title:   "Activations before and after normalisation",
		Summary: "A deep network trains with and without BN: histograms, percentiles, gradients.",
		New:     histograms.New, Prose: histograms.Prose},
	{ID: "placement", Section: "Batch Normalisation", Short: "Placement",
		Title:   "Before or after the activation?",
		Summary: "Linear → BN → ReLU against Linear → ReLU → BN, measured side by side.",
		New:     placement.New, Prose: placement.Prose},
	{ID: "cnn", Section: "Batch Normalisation", Short: "CNN channels",
		Title:   "Per-channel statistics in a CNN",
		Summary: "One mean and variance per channel over N × H × W; folding BN into the convolution.",
		New:     cnn.New, Prose: cnn.Prose},
	{ID: "dropout", Section: "Dropout", Short: "Dropout masks",
		Title:   "Dropout masks, step by step",
		Summary: "Inverted dropout: who is dropped, how survivors are scaled, and why eval needs no scaling.",
		New:     dropout.New, Prose: dropout.Prose},
	{ID: "train-eval", Section: "Modes", Short: "Train vs eval",
		Title:   "What model.train() and model.eval() change",
		Summary: "Batch statistics and masks in training, running statistics and no dropout in eval.",
		New:     traineval.New, Prose: traineval.Prose},
	{ID: "overfitting", Section: "Dropout", Short: "Overfitting",
		Title:   "BN versus dropout against overfitting",
		Summary: "Four networks on a small MNIST subset: plain, BN, dropout, both.",
		New:     overfitting.New, Prose: overfitting.Prose},
	{ID: "mistakes", Section: "Both", Short: "Mistakes",
		Title:   "Common mistakes, made on purpose",
		Summary: "Forgetting eval(), dropout before BN, tiny batches, dropout left on.",
		New:     mistakes.New, Prose: mistakes.Prose},
	{ID: "small-batches", Section: "Normalisation", Short: "Small batches",
		Title:   "Small batches: LayerNorm and GroupNorm",
		Summary: "Why BN statistics get noisy below about 16 per batch, and the norms that do not depend on it.",
		New:     smallbatch.New, Prose: smallbatch.Prose},
	{ID: "code", Section: "Both", Short: "Code",
		Title:   "The same layers in PyTorch and Keras",
		Summary: "The syllabus's CNN in PyTorch and Keras, with the defaults that differ between the two.",
		New:     code.New, Prose: code.Prose},
}

// Lessons returns the course in order, numbered (a fresh copy).
func Lessons() []Entry {
	out := make([]Entry, len(list))
	for i := range list {
		out[i] = numbered(i)
	}
	return out
}

// numbered returns entry i of the list with its Number.
func numbered(i int) Entry {
	e := list[i]
	e.Number = i + 1
	return e
}

// FirstLesson returns the id of the first lesson, the one an address
// without a known lesson opens.
func FirstLesson() string { return list[0].ID }

// Lookup returns the entry of lesson id and whether there is one.
func Lookup(id string) (Entry, bool) {
	for i, e := range list {
		if e.ID == id {
			return numbered(i), true
		}
	}
	return Entry{}, false
}

// IDs lists the lesson ids in course order.
func IDs() []string {
	ids := make([]string, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	return ids
}

// New returns a fresh lesson by id, configured with its default values and
// seed lessons.DefaultSeed. It fails for an unknown id.
func New(id string) (lessons.Lesson, error) {
	e, ok := Lookup(id)
	if !ok {
		return nil, fmt.Errorf("course: unknown lesson %q (known: %s)", id, strings.Join(IDs(), ", "))
	}
	l := e.New()
	if err := l.Configure(lessons.Defaults(l.Controls()), lessons.DefaultSeed); err != nil {
		return nil, fmt.Errorf("course: %s: default configuration: %w", id, err)
	}
	return l, nil
}

// ControlsOf returns the controls of lesson id without configuring it (New
// configures with the defaults, which costs a training lesson real work):
// the page and the URL parser need only the declarations.
func ControlsOf(id string) ([]lessons.Control, error) {
	e, ok := Lookup(id)
	if !ok {
		return nil, fmt.Errorf("course: unknown lesson %q", id)
	}
	return e.New().Controls(), nil
}
