package traineval

import (
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/charts"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// Frame renders the lesson's current view: its panels, its Stage payload
// and the text alternative (lessons.Lesson).
func (l *Lesson) Frame() (lessons.Frame, error) {
	v := l.View()
	out, err := render(v)
	return pages.FrameOf(out, err, lessons.Progress{Steps: v.Step, Counted: true})
}

// stageChannels and stageUnits bound the numbers and mask cells the
// stage shows per layer.
const (
	stageChannels = 3
	stageUnits    = 24
)

// Stage is what the train-eval stage draws: every layer in the
// inspected mode, with the statistics a BN layer uses and the mask a
// dropout layer applies.
type Stage struct {
	Step    int          `json:"step"`
	Mode    string       `json:"mode"` // "train" or "eval"
	Waiting bool         `json:"waiting,omitempty"`
	Layers  []StageLayer `json:"layers"`
}

// StageLayer is one layer of the stage: Kind is PyTorch's class
// name. For BatchNorm1d, Mean and Var are the first channels' statistics
// in use (the batch's or the running ones) and Batch says which. For
// Dropout, Kept is the first units' mask (nil when dropout is off).
type StageLayer struct {
	Name     string    `json:"name"`
	Kind     string    `json:"kind"`
	Training bool      `json:"training"`
	Batch    bool      `json:"batch,omitempty"` // BN uses batch statistics
	Channels int       `json:"channels,omitempty"`
	Mean     []float64 `json:"mean,omitempty"`
	Var      []float64 `json:"var,omitempty"`
	P        float64   `json:"p,omitempty"`
	Scale    float64   `json:"scale,omitempty"`
	Units    int       `json:"units,omitempty"`
	Kept     []bool    `json:"kept,omitempty"`
	Dropped  int       `json:"dropped,omitempty"`
}

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("traineval: no view to render")
	}
	out := pages.Output{Panels: pages.Panels{}, Stage: stage(v), Text: text(v)}
	out.Panels["train-eval-status"] = status(v)
	out.Panels["train-eval-notes"] = pages.NotesList(v.Notes...)
	ids := []string{"train-eval-layers", "train-eval-unit", "train-eval-unit-out", "train-eval-forgot", "train-eval-sizes", "train-eval-batch-one", "train-eval-running"}
	if v.Waiting {
		for _, id := range ids {
			out.Panels[id] = pages.Waiting
		}
		return out, nil
	}
	out.Panels["train-eval-layers"] = layersPanel(v)
	out.Panels["train-eval-unit"] = unitPanel(v)
	out.Panels["train-eval-unit-out"] = unitOutPanel(v)
	forgot, err := forgotPanel(v)
	if err != nil {
		return pages.Output{}, err
	}
	out.Panels["train-eval-forgot"] = forgot
	out.Panels["train-eval-sizes"] = sizesPanel(v)
	out.Panels["train-eval-batch-one"] = batchOnePanel(v)
	running, err := runningPanel(v)
	if err != nil {
		return pages.Output{}, err
	}
	out.Panels["train-eval-running"] = running
	return out, nil
}

// stage keeps what the stage draws.
func stage(v *View) Stage {
	st := Stage{Step: v.Step, Mode: v.Mode, Waiting: v.Waiting}
	for _, l := range v.Layers {
		sl := StageLayer{Name: l.Name, Kind: l.Kind, Training: l.Training}
		switch l.Kind {
		case "BatchNorm1d":
			sl.Batch, sl.Channels = l.Training, len(l.Mean)
			for i := range min(stageChannels, len(l.Mean), len(l.Var)) {
				sl.Mean = append(sl.Mean, pages.RoundTo(l.Mean[i], 4))
				sl.Var = append(sl.Var, pages.RoundTo(l.Var[i], 4))
			}
		case "Dropout":
			sl.P, sl.Scale, sl.Units = l.P, pages.RoundTo(l.Scale, 4), len(l.Kept)
			if l.Training && l.P > 0 {
				sl.Kept = append([]bool(nil), l.Kept[:min(stageUnits, len(l.Kept))]...)
				sl.Dropped = l.Dropped
			}
		}
		st.Layers = append(st.Layers, sl)
	}
	return st
}

// text is the stage's text alternative.
func text(v *View) string {
	if v.Waiting {
		return "The layers appear when the data has loaded."
	}
	var parts []string
	for _, l := range v.Layers {
		switch l.Kind {
		case "BatchNorm1d":
			if l.Training {
				parts = append(parts, "layer "+l.Name+" (BatchNorm1d) normalises with the batch's statistics")
			} else {
				parts = append(parts, "layer "+l.Name+" (BatchNorm1d) normalises with its running statistics")
			}
		case "Dropout":
			if l.Training && l.P > 0 {
				parts = append(parts, fmt.Sprintf("layer %s (Dropout) drops %d of %d units", l.Name, l.Dropped, len(l.Kept)))
			} else {
				parts = append(parts, "layer "+l.Name+" (Dropout) is off")
			}
		}
	}
	return fmt.Sprintf("model.%s() at step %d: %s.", v.Mode, v.Step, strings.Join(parts, "; "))
}

// status is the one-line status under the stage.
func status(v *View) string {
	if v.Waiting {
		return `<p>Waiting for the data.</p>`
	}
	return fmt.Sprintf(`<p>Shown in <strong>model.%s()</strong> · step %d · loss %s · eval accuracy %s</p>`,
		html.EscapeString(v.Mode), v.Step, pages.LossText(v.Step, v.Loss), numfmt.Pct(v.Accuracy))
}

// layersPanel is the table of what each layer does in the inspected mode.
func layersPanel(v *View) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="table-wrap" tabindex="0"><table class="numbers text"><caption>model.%s(): what each layer does</caption>`+
		`<thead><tr><th scope="col">#</th><th scope="col">layer</th><th scope="col">in this mode</th></tr></thead><tbody>`,
		html.EscapeString(v.Mode))
	for _, l := range v.Layers {
		hot := ""
		if l.Kind == "BatchNorm1d" || l.Kind == "Dropout" {
			hot = ` class="hot"`
		}
		fmt.Fprintf(&b, `<tr%s><th scope="row">%s</th><td>%s</td><td>%s</td></tr>`, hot,
			html.EscapeString(l.Name), html.EscapeString(l.Kind), html.EscapeString(l.Uses))
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// forgotPanel is the spread of train-mode answers for one input.
func forgotPanel(v *View) (string, error) {
	f := v.Forgot
	if len(f.Counts) == 0 {
		return `<p class="aside">No predictions yet.</p>`, nil
	}
	cats := make([]string, len(f.Counts))
	counts := make([]float64, len(f.Counts))
	for c, n := range f.Counts {
		cats[c] = "class " + strconv.Itoa(c)
		counts[c] = float64(n)
	}
	svg, err := charts.Bars(charts.BarSpec{Title: fmt.Sprintf("%d train-mode predictions of sample %d", len(f.Answers), f.Sample),
		YLabel: "times answered", Categories: cats, Groups: []charts.BarGroup{{Name: "train mode", Values: counts}}})
	if err != nil {
		return "", fmt.Errorf("traineval: %w", err)
	}
	var b strings.Builder
	b.WriteString(pages.Figure(svg, fmt.Sprintf("Each prediction puts sample %d (true class %d) in a new batch of %d; eval mode answers class %d every time.",
		f.Sample, f.Label, f.BatchSize, f.EvalAnswer)))
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>Class probabilities</caption><thead><tr>` +
		`<th scope="col">class</th><th scope="col">train mode, mean</th><th scope="col">train mode, sd</th><th scope="col">eval mode</th></tr></thead><tbody>`)
	for c := range f.Counts {
		hot := ""
		if c == f.EvalAnswer {
			hot = ` class="hot"`
		}
		fmt.Fprintf(&b, `<tr%s><th scope="row">%d</th><td>%s</td><td>%s</td><td>%s</td></tr>`, hot, c,
			numfmt.Plain(at(f.MeanProbs, c)), numfmt.Plain(at(f.StdProbs, c)), numfmt.Plain(at(f.EvalProbs, c)))
	}
	b.WriteString(`</tbody></table></div>`)
	fmt.Fprintf(&b, `<p>%s</p>`, html.EscapeString(f.Note))
	return b.String(), nil
}

// sizes is the same input in batches of 1, 8 and 64.
func sizesPanel(v *View) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers"><caption>The same sample inside batches of different sizes</caption><thead><tr>` +
		`<th scope="col">batch</th><th scope="col">eval: answer</th><th scope="col">eval: p(answer)</th><th scope="col">train: answer</th><th scope="col">train: p(answer)</th></tr></thead><tbody>`)
	for _, s := range v.Sizes {
		train, trainP := "error", "—"
		if s.TrainError == "" {
			train, trainP = strconv.Itoa(s.TrainAnswer), numfmt.Plain(at(s.TrainProbs, s.TrainAnswer))
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%d</th><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			s.Size, s.EvalAnswer, numfmt.Plain(at(s.EvalProbs, s.EvalAnswer)), train, trainP)
	}
	b.WriteString(`</tbody></table></div>`)
	same := "the same answer"
	if v.MaxEvalDiff > 1e-6 {
		same = "answers that differ"
	}
	fmt.Fprintf(&b, `<p>Eval mode gives %s at every batch size: the largest difference of a class probability is <strong>%s</strong> (computed at step %d).</p>`,
		same, numfmt.Plain(v.MaxEvalDiff), v.DemoStep)
	return b.String()
}

// batchOnePanel is the error a batch of one raises in train mode.
func batchOnePanel(v *View) string {
	o := v.BatchOfOne
	if !o.Failed {
		return `<p>A batch of one went through in train mode (no BatchNorm layer in the way).</p>`
	}
	return fmt.Sprintf(`<div class="error" role="note"><p><strong>model.train(); model(x[:1])</strong></p><p><code>%s</code></p></div><p>%s</p>`,
		html.EscapeString(o.Error), html.EscapeString(o.Explanation))
}

// runningPanel draws running_mean and running_var of the followed unit.
func runningPanel(v *View) (string, error) {
	r := v.Running
	if len(r.Steps) == 0 {
		return `<p class="aside">The running statistics start at running_mean = 0 and running_var = 1; the charts start after the first training step.</p>`, nil
	}
	x := make([]float64, len(r.Steps))
	for i, s := range r.Steps {
		x[i] = float64(s)
	}
	unit := fmt.Sprintf("layer %s, unit %d", r.Layer, r.Unit)
	mean, err := charts.Lines(charts.LineSpec{Title: "running_mean, " + unit, XLabel: "training step", YLabel: "mean",
		Series: []charts.Series{{Name: "batch mean", X: x, Y: r.BatchMean}, {Name: "running_mean", X: x, Y: r.RunningMean},
			{Name: "whole dataset", X: x, Y: r.PopMean}}})
	if err != nil {
		return "", fmt.Errorf("traineval: %w", err)
	}
	vr, err := charts.Lines(charts.LineSpec{Title: "running_var, " + unit, XLabel: "training step", YLabel: "variance",
		Series: []charts.Series{{Name: "batch variance (unbiased)", X: x, Y: r.BatchVar}, {Name: "running_var", X: x, Y: r.RunningVar},
			{Name: "whole dataset", X: x, Y: r.PopVar}}})
	if err != nil {
		return "", fmt.Errorf("traineval: %w", err)
	}
	n := len(x) - 1
	return pages.Figure(mean, "") + pages.Figure(vr, "") + fmt.Sprintf(
		`<p>momentum = <strong>%s</strong> (PyTorch: the weight of the new batch). After step %d: running_mean = %s against %s over the whole dataset; running_var = %s against %s.</p>`,
		numfmt.Plain(r.Momentum), r.Steps[n], numfmt.Plain(r.RunningMean[n]), numfmt.Plain(r.PopMean[n]), numfmt.Plain(r.RunningVar[n]), numfmt.Plain(r.PopVar[n])), nil
}

// at returns xs[i], or 0 when i is out of range.
func at(xs []float64, i int) float64 {
	if i < 0 || i >= len(xs) {
		return 0
	}
	return xs[i]
}
