package course

import (
	"bnlab/lessons"
	"fmt"
	"strings"
)

// entry is one lesson of the course: its description and, once it is
// implemented, its constructor.
type entry struct {
	meta lessons.Meta
	make func() lessons.Lesson
}

// course lists every lesson in course order. Ids are fixed by the issues
// and appear in URLs (#lesson=bn-steps); never rename one.
var course = []entry{
	{lessons.Meta{ID: "bn-steps", Title: "The four steps of batch normalisation",
		Summary: "Mean, variance, normalise, scale and shift, on a live mini-batch."}, newBNSteps},
	{lessons.Meta{ID: "histograms", Title: "Activations before and after BN",
		Summary: "A deep network trains with and without BN: histograms, percentiles, gradients."}, newHistograms},
	{lessons.Meta{ID: "placement", Title: "BN before or after the activation",
		Summary: "Linear → BN → ReLU against Linear → ReLU → BN, measured side by side."}, newPlacement},
	{lessons.Meta{ID: "cnn", Title: "Per-channel statistics in a CNN",
		Summary: "One mean and variance per channel over N × H × W; folding BN into the convolution."}, newCNN},
	{lessons.Meta{ID: "dropout", Title: "Dropout masks, step by step",
		Summary: "Inverted dropout: who is dropped, how survivors are scaled, and why eval needs no scaling."}, newDropoutLesson},
	{lessons.Meta{ID: "train-eval", Title: "What model.train() and model.eval() change",
		Summary: "Batch statistics and masks in training, running statistics and no dropout in eval."}, newTrainEval},
	{lessons.Meta{ID: "overfitting", Title: "BN versus dropout against overfitting",
		Summary: "Four networks on a small MNIST subset: plain, BN, dropout, both."}, newOverfitting},
	{lessons.Meta{ID: "mistakes", Title: "Common mistakes, made on purpose",
		Summary: "Forgetting eval(), dropout before BN, tiny batches, dropout left on."}, newMistakes},
	{lessons.Meta{ID: "small-batches", Title: "Small batches: LayerNorm and GroupNorm",
		Summary: "Why BN statistics get noisy below about 16 per batch, and the norms that do not depend on it."}, newSmallBatches},
	{lessons.Meta{ID: "code", Title: "The same layers in PyTorch and Keras",
		Summary: "The code for each lesson's model, with the defaults that differ between the two."}, newCode},
}

// Catalog returns every lesson of the course in course order, with
// Ready set for the ones that New can build. The slice is a fresh copy.
func Catalog() []lessons.Meta {
	out := make([]lessons.Meta, len(course))
	for i, e := range course {
		out[i] = e.meta
		out[i].Ready = e.make != nil
	}
	return out
}

// FirstLesson returns the id of the first lesson of the course, the one an
// address without a (known) lesson opens.
func FirstLesson() string { return course[0].meta.ID }

// Lookup returns the catalogue entry for id and whether it exists.
func Lookup(id string) (lessons.Meta, bool) {
	for _, e := range course {
		if e.meta.ID == id {
			m := e.meta
			m.Ready = e.make != nil
			return m, true
		}
	}
	return lessons.Meta{}, false
}

// New returns a fresh lesson by id, configured with its default values and
// seed DefaultSeed. It fails for an unknown id and for a lesson of the
// course that is not implemented yet (Meta.Ready false).
func New(id string) (lessons.Lesson, error) {
	for _, e := range course {
		if e.meta.ID != id {
			continue
		}
		if e.make == nil {
			return nil, fmt.Errorf("lessons: lesson %q is not implemented yet", id)
		}
		l := e.make()
		if err := l.Configure(Defaults(l.Controls()), lessons.DefaultSeed); err != nil {
			return nil, fmt.Errorf("lessons: %s: default configuration: %w", id, err)
		}
		return l, nil
	}
	ids := make([]string, len(course))
	for i, e := range course {
		ids[i] = e.meta.ID
	}
	return nil, fmt.Errorf("lessons: unknown lesson %q (known: %s)", id, strings.Join(ids, ", "))
}

// ControlsOf returns the controls of lesson id without configuring it
// (New configures with the defaults, which costs a training lesson real
// work): the page and the URL parser need only the declarations. It fails
// like New for an unknown or unimplemented lesson.
func ControlsOf(id string) ([]lessons.Control, error) {
	for _, e := range course {
		if e.meta.ID != id {
			continue
		}
		if e.make == nil {
			return nil, fmt.Errorf("lessons: lesson %q is not implemented yet", id)
		}
		return e.make().Controls(), nil
	}
	return nil, fmt.Errorf("lessons: unknown lesson %q", id)
}

// Defaults returns every non-action control's default value.
func Defaults(cs []lessons.Control) lessons.Values {
	v := lessons.Values{}
	for _, c := range cs {
		if c.Kind != lessons.Action {
			v[c.Key] = c.Default
		}
	}
	return v
}
