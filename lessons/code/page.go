package code

import (
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/charts"
	"bnlab/lessons/pages"
)

// Frame renders the lesson's current view: its panels, its Stage payload
// and the text alternative (lessons.Lesson).
func (l *Lesson) Frame() (lessons.Frame, error) {
	v := l.View()
	out, err := render(v)
	return pages.FrameOf(out, err, lessons.Progress{})
}

// Stage is what the code stage draws: both models as stacks of
// layers with their parameter counts, the layers the chosen difference
// concerns highlighted.
type Stage struct {
	Topic      string       `json:"topic"`
	TopicLabel string       `json:"topicLabel"`
	Framework  string       `json:"framework"`
	Torch      []StageLayer `json:"torch"`
	Keras      []StageLayer `json:"keras"`
	TorchTotal int          `json:"torchTotal"`
	KerasTotal int          `json:"kerasTotal"`
	KerasNon   int          `json:"kerasNon"` // non-trainable
}

// StageLayer is one layer of a stack.
type StageLayer struct {
	Name   string `json:"name"`   // "features.0", "conv2d"
	Kind   string `json:"kind"`   // "Conv2d", "Conv2D"
	Label  string `json:"label"`  // "Conv2d(1, 32)"
	Params int    `json:"params"` // trainable + non-trainable (Keras); parameters (PyTorch)
	Hot    bool   `json:"hot"`
}

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("code: no view to render")
	}
	st, err := stage(v)
	if err != nil {
		return pages.Output{}, err
	}
	mom, err := momentumPanel(v)
	if err != nil {
		return pages.Output{}, err
	}
	torch, keras := blockPanel(v.PyTorch), blockPanel(v.Keras)
	switch v.Framework {
	case "pytorch":
		keras = `<p class="aside">Hidden: choose “side by side” or “Keras” under <em>Show</em>.</p>`
	case "keras":
		torch = `<p class="aside">Hidden: choose “side by side” or “PyTorch” under <em>Show</em>.</p>`
	}
	return pages.Output{Panels: pages.Panels{
		"code-pytorch":  torch,
		"code-keras":    keras,
		"code-print":    printer(v),
		"code-summary":  summaryPanel(v),
		"code-defaults": defaultsPanel(v),
		"code-momentum": mom,
		"code-notes":    pages.NotesList(v.Notes...),
	}, Stage: st, Text: text(st)}, nil
}

// text is the stage's text alternative.
func text(st Stage) string {
	var hot []string
	for _, l := range st.Torch {
		if l.Hot {
			hot = append(hot, l.Name)
		}
	}
	s := fmt.Sprintf("The two models as stacks of layers with parameter counts: PyTorch, %d layers, %s parameters; Keras, %d layers, %s parameters (%s non-trainable).",
		len(st.Torch), pages.Int(st.TorchTotal), len(st.Keras), pages.Int(st.KerasTotal), pages.Int(st.KerasNon))
	if len(hot) > 0 {
		s += fmt.Sprintf(" Highlighted for “%s”: %s.", st.TopicLabel, strings.Join(hot, ", "))
	}
	return s
}

// blockPanel is one framework's code with the topic's lines marked.
func blockPanel(c Block) string {
	marked := map[int]bool{}
	for _, m := range c.Marks {
		marked[m.Line] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<h3>%s</h3><pre class="code" tabindex="0"><code>`, html.EscapeString(c.Title))
	for i, line := range c.Lines {
		esc := html.EscapeString(line)
		if marked[i+1] {
			esc = "<mark>" + esc + "</mark>"
		}
		b.WriteString(esc + "\n")
	}
	b.WriteString("</code></pre>")
	return b.String()
}

// printer is the engine's print(model) and parameter count.
func printer(v *View) string {
	return `<pre class="print" tabindex="0"><code>` + html.EscapeString(v.TorchPrint) + `</code></pre>` +
		`<p>Parameters: <strong class="live">` + html.EscapeString(v.TorchParamsText) + `</strong>; buffers (running_mean, running_var, num_batches_tracked): ` +
		html.EscapeString(engine.FormatThousands(v.TorchBuffers)) + ` values, not counted as parameters.</p>`
}

// summaryPanel is the engine's Keras summary as a table, with the text as
// Keras prints it.
func summaryPanel(v *View) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers summary"><caption>model.summary() of the Keras model</caption>`)
	b.WriteString(`<thead><tr><th scope="col">Layer (type)</th><th scope="col">Output shape</th><th scope="col">Param #</th><th scope="col">non-trainable</th></tr></thead><tbody>`)
	for _, r := range v.KerasRows {
		non := ""
		if r.NonTrainable > 0 {
			non = pages.Int(r.NonTrainable)
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s <span class="ktype">(%s)</span></th><td>%s</td><td>%s</td><td>%s</td></tr>`,
			html.EscapeString(r.Name), html.EscapeString(r.Class), html.EscapeString(r.OutputShape), strconv.Itoa(r.Params), non)
	}
	fmt.Fprintf(&b, `</tbody><tfoot><tr><th scope="row">Total params</th><td></td><td class="latest">%s</td><td></td></tr>`+
		`<tr><th scope="row">Trainable params</th><td></td><td>%s</td><td></td></tr>`+
		`<tr><th scope="row">Non-trainable params</th><td></td><td>%s</td><td></td></tr></tfoot></table></div>`,
		pages.Int(v.KerasTotal), pages.Int(v.KerasTrainable), pages.Int(v.KerasNonTrainable))
	b.WriteString(`<details><summary>As Keras prints it</summary><pre class="print" tabindex="0"><code>` + html.EscapeString(v.KerasSummary) + `</code></pre></details>`)
	return b.String()
}

// defaultsPanel is the table of defaults that differ, the chosen one marked.
func defaultsPanel(v *View) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers text"><caption>The highlighted row is the chosen Difference; the note under each row says what follows from it</caption>`)
	b.WriteString(`<thead><tr><th scope="col">setting</th><th scope="col">PyTorch</th><th scope="col">Keras</th></tr></thead><tbody>`)
	for _, d := range v.Defaults {
		cls := ""
		if d.Selected {
			cls = ` class="hot"`
		}
		fmt.Fprintf(&b, `<tr%s><th scope="row" rowspan="2">%s</th><td>%s</td><td>%s</td></tr><tr%s><td colspan="2" class="note">%s</td></tr>`, cls,
			html.EscapeString(d.Setting), html.EscapeString(d.PyTorch), html.EscapeString(d.Keras), cls, html.EscapeString(d.Note))
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// momentum is the two momentum conventions on identical batches.
func momentumPanel(v *View) (string, error) {
	m := v.Momentum
	if len(m.Torch) == 0 || len(m.Torch) != len(m.Keras) {
		return "", nil
	}
	x := make([]float64, len(m.Torch))
	for i := range x {
		x[i] = float64(i + 1)
	}
	target := make([]float64, len(x))
	for i := range target {
		target[i] = m.BatchMean
	}
	svg, err := charts.Lines(charts.LineSpec{Title: "Running mean after each batch (batch mean 1, start 0)", XLabel: "batches", YLabel: "running mean",
		Series: []charts.Series{{Name: "PyTorch momentum=0.1", X: x, Y: m.Torch}, {Name: "Keras momentum=0.99", X: x, Y: m.Keras}, {Name: "batch mean", X: x, Y: target}},
		YMin:   0, YMax: 1.3, Size: charts.Size{W: 432, H: 230}})
	if err != nil {
		return "", fmt.Errorf("code: %w", err)
	}
	return pages.Figure(svg, m.Text), nil
}
