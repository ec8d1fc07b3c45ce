package code

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"bnlab/engine"
	"bnlab/lessons"
)

// code control keys, in declaration (and URL) order.
const (
	keyFramework = "framework"
	keyTopic     = "topic"

	momentumBatches = 20
)

// controls declares the code lesson's controls as data.
var controls = func() []lessons.Control {
	topics := make([]lessons.Option, len(topicOptions))
	for i, t := range topicOptions {
		topics[i] = lessons.Option{Value: t.key, Label: t.setting}
	}
	return []lessons.Control{
		{Key: keyFramework, Label: "Show", Kind: lessons.Choice, Default: "both",
			Options: []lessons.Option{{Value: "both", Label: "side by side"}, {Value: "pytorch", Label: "PyTorch"}, {Value: "keras", Label: "Keras"}}},
		{Key: keyTopic, Label: "Difference", Kind: lessons.Choice, Default: "momentum", Options: topics,
			Help: "The default or convention highlighted in both codes."},
	}
}()

// Lesson is the code lesson: the syllabus's model in PyTorch and Keras,
// with the engine's print, parameter counts and Keras summary, and the
// defaults that differ. It has no clock. Build it with New("code").
type Lesson struct {
	values lessons.Values
	seed   uint64
	view   *View
}

func New() lessons.Lesson { return &Lesson{} }

// Controls returns the code lesson's controls (a copy).
func (l *Lesson) Controls() []lessons.Control { return append([]lessons.Control(nil), controls...) }

// Configure selects the framework and the highlighted difference. Values
// that are not normalized are refused with an error naming them, and
// nothing changes. Nothing the lesson shows depends on the seed.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(controls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: code: invalid values: %s", lessons.JoinNotices(notes))
	}
	base, err := baseOnce()
	if err != nil {
		return err
	}
	v2 := *base
	v2.Framework, v2.Topic = norm[keyFramework], norm[keyTopic]
	v2.Defaults = append([]Default(nil), base.Defaults...)
	for i := range v2.Defaults {
		v2.Defaults[i].Selected = v2.Defaults[i].Key == v2.Topic
	}
	v2.PyTorch.Marks, v2.Keras.Marks = marks(v2.PyTorch.Lines, v2.Topic, true), marks(v2.Keras.Lines, v2.Topic, false)
	l.values, l.seed, l.view = norm, seed, &v2
	return nil
}

// Do fails: the code lesson has no actions.
func (l *Lesson) Do(action string) error {
	return fmt.Errorf("lessons: code: unknown action %q (this lesson has none)", action)
}

// Step does nothing: the code lesson has no clock.
func (l *Lesson) Step() error { return nil }

// State returns the lesson's URL state.
func (l *Lesson) State() lessons.State {
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	return lessons.State{Lesson: "code", Seed: l.seed, Values: v}
}

// View returns the current *View. Views share data: read them, do not
// modify them.
func (l *Lesson) View() *View { return l.view }

// baseOnce is base, computed once and shared: views share its
// strings and slices, and nobody modifies them.
var baseOnce = sync.OnceValues(base)

// base builds the control-independent part of the view from the
// engine's models (their print, counts and summary do not depend on the
// random initialisation).
func base() (*View, error) {
	r := rand.New(rand.NewPCG(1, 0xC0DE))
	pt, err := engine.NewSyllabusConvNet(r)
	if err != nil {
		return nil, fmt.Errorf("lessons: code: %w", err)
	}
	ks, err := engine.NewKerasSyllabusModel(r)
	if err != nil {
		return nil, fmt.Errorf("lessons: code: %w", err)
	}
	in := []int{1, 28, 28}
	summary, err := engine.KerasSummary(ks, "", in)
	if err != nil {
		return nil, fmt.Errorf("lessons: code: %w", err)
	}
	rows, err := engine.KerasRows(ks, in)
	if err != nil {
		return nil, fmt.Errorf("lessons: code: %w", err)
	}
	v := &View{
		PyTorch:    Block{Language: "python", Title: "PyTorch", Code: pyTorch, Lines: lines(pyTorch)},
		Keras:      Block{Language: "python", Title: "TensorFlow / Keras", Code: keras, Lines: lines(keras)},
		TorchPrint: engine.TorchPrint(pt), TorchParams: engine.ParamCount(pt), TorchBuffers: engine.BufferCount(pt),
		KerasSummary: summary}
	v.TorchParamsText = engine.FormatThousands(v.TorchParams)
	v.TorchBN = bnCounts(pt)
	if v.EvalDemo, err = evalDemo(); err != nil {
		return nil, err
	}
	for _, row := range rows {
		v.KerasRows = append(v.KerasRows, KerasRow{Name: row.Name, Class: row.Class, OutputShape: row.OutputShape,
			Params: row.Params, NonTrainable: row.NonTrainable})
		v.KerasTotal += row.Params
		v.KerasNonTrainable += row.NonTrainable
	}
	v.KerasTrainable = v.KerasTotal - v.KerasNonTrainable
	for _, t := range topicOptions {
		v.Defaults = append(v.Defaults, Default{Key: t.key, Setting: t.setting, PyTorch: t.torch, Keras: t.keras, Note: t.note})
	}
	if v.Momentum, err = momentum(); err != nil {
		return nil, err
	}
	v.Notes = []string{
		"The print, the parameter counts and the summary are computed by this lab's engine from the same models, not copied.",
		fmt.Sprintf("PyTorch's %s parameters leave out %s buffer values (running_mean, running_var, num_batches_tracked); Keras counts its %s moving statistics as non-trainable parameters.",
			v.TorchParamsText, engine.FormatThousands(v.TorchBuffers), engine.FormatThousands(v.KerasNonTrainable)),
	}
	return v, nil
}

// lines splits code into lines without the final empty one.
func lines(code string) []string { return strings.Split(strings.TrimSuffix(code, "\n"), "\n") }

// marks marks the lines concerning topic.
func marks(lines []string, topic string, torch bool) []Mark {
	var subs []string
	for _, t := range topicOptions {
		if t.key == topic {
			subs = t.kerasMarks
			if torch {
				subs = t.torchMarks
			}
		}
	}
	var marks []Mark
	for i, line := range lines {
		for _, s := range subs {
			if strings.Contains(line, s) {
				marks = append(marks, Mark{Line: i + 1, Topic: topic})
				break
			}
		}
	}
	return marks
}

// momentum feeds identical batches (values 0 and 2, mean 1) to a
// BatchNorm1d with PyTorch's momentum and one with Keras's, and records
// the running means.
func momentum() (Momentum, error) {
	m := Momentum{BatchMean: 1, Batches: momentumBatches}
	torch, err := engine.NewBatchNorm1d(1, engine.WithMomentum(torchMomentum))
	if err != nil {
		return m, fmt.Errorf("lessons: code: %w", err)
	}
	keras, err := engine.NewBatchNorm1d(1, engine.WithEps(kerasEps), engine.WithMomentum(1-kerasMomentum))
	if err != nil {
		return m, fmt.Errorf("lessons: code: %w", err)
	}
	for range momentumBatches {
		for _, l := range []*engine.BatchNorm{torch, keras} {
			x, err := engine.FromData([]float32{0, 2}, 2, 1)
			if err != nil {
				return m, err
			}
			if _, err := l.Forward(x); err != nil {
				return m, fmt.Errorf("lessons: code: %w", err)
			}
		}
		m.Torch = append(m.Torch, float64(runningMean(torch)))
		m.Keras = append(m.Keras, float64(runningMean(keras)))
	}
	m.Text = fmt.Sprintf("Batches with mean 1: after one, PyTorch's running_mean (momentum %g) is %.3g and Keras's moving_mean (momentum %g) is %.3g; "+
		"after %d, %.3g and %.3g. The same word, opposite meanings.", torchMomentum, m.Torch[0], kerasMomentum, m.Keras[0], m.Batches, m.Torch[m.Batches-1], m.Keras[m.Batches-1])
	return m, nil
}

func runningMean(b *engine.BatchNorm) float32 {
	for _, buf := range b.Buffers() {
		if buf.Name == "running_mean" {
			return buf.Value.Data[0]
		}
	}
	return 0
}
