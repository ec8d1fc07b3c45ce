package overfitting

import (
	"errors"
	"fmt"
	"html"
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
	if err == nil {
		out.Panels["overfitting-export"] = l.exportPanel()
	}
	return pages.FrameOf(out, err, lessons.Progress{Steps: v.Step, Counted: true, Done: v.Done})
}

// Stage is what the overfitting stage draws: one small panel
// per network with its training and validation accuracy so far and the gap
// between them.
type Stage struct {
	Step    int        `json:"step"`
	Steps   int        `json:"steps"`
	Epochs  float64    `json:"epochs"`
	Done    bool       `json:"done,omitempty"`
	Waiting bool       `json:"waiting,omitempty"`
	Nets    []StageNet `json:"nets"`
}

// StageNet is one panel: X are steps, Train and Val eval-mode
// accuracies (0 to 1) at those steps, at most stagePoints of them.
type StageNet struct {
	Name     string    `json:"name"`
	Label    string    `json:"label"`
	X        []int     `json:"x"`
	Train    []float64 `json:"train"`
	Val      []float64 `json:"val"`
	Diverged bool      `json:"diverged,omitempty"`
	Stalled  bool      `json:"stalled,omitempty"`
}

// stagePoints bounds each stage curve.
const stagePoints = 60

var panels = []string{"overfitting-status", "overfitting-acc", "overfitting-loss", "overfitting-results"}

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("overfitting: no view to render")
	}
	out := pages.Output{Panels: pages.Panels{}, Stage: stage(v), Text: text(v)}
	out.Panels["overfitting-status"] = pages.Status(v.TrainStatus, status(v))
	if len(v.Nets) == 0 {
		for _, id := range panels[1:] {
			out.Panels[id] = pages.Waiting
		}
		return out, nil
	}
	var err error
	if out.Panels["overfitting-acc"], err = gap(v, true); err != nil {
		return pages.Output{}, err
	}
	if out.Panels["overfitting-loss"], err = gap(v, false); err != nil {
		return pages.Output{}, err
	}
	out.Panels["overfitting-results"] = resultsPanel(v)
	return out, nil
}

// short is a network's short name.
func short(name string) string {
	switch name {
	case "plain":
		return "plain"
	case "bn":
		return "BN"
	case "dropout":
		return "dropout"
	case "bn-dropout":
		return "BN + dropout"
	}
	return name
}

// stage builds the stage payload, thinning long curves.
func stage(v *View) Stage {
	st := Stage{Step: v.Step, Steps: v.Steps, Epochs: pages.RoundTo(v.Epochs, 2), Done: v.Done, Waiting: len(v.Nets) == 0}
	for i, n := range v.Nets {
		sn := StageNet{Name: n.Name, Label: short(n.Name), Diverged: n.Diverged}
		if i < len(v.Results) {
			sn.Stalled = v.Results[i].Stalled
		}
		// Train and Val are measured at the same steps (the Gap curve's).
		tx, ty := pages.XY(n.TrainAcc)
		_, vy := pages.XY(n.ValAcc)
		m := min(len(tx), len(vy))
		every := max(1, (m+stagePoints-1)/stagePoints)
		for j := 0; j < m; j++ {
			if j%every != 0 && j != m-1 {
				continue
			}
			sn.X = append(sn.X, int(tx[j]))
			sn.Train = append(sn.Train, pages.RoundTo(ty[j], 3))
			sn.Val = append(sn.Val, pages.RoundTo(vy[j], 3))
		}
		st.Nets = append(st.Nets, sn)
	}
	return st
}

// text is the stage's text alternative.
func text(v *View) string {
	if len(v.Nets) == 0 {
		return "Four small charts, one per network, appear when the MNIST images have loaded."
	}
	var parts []string
	for _, r := range v.Results {
		p := fmt.Sprintf("%s: training %s, validation %s, gap %s", short(r.Name), numfmt.Pct(r.FinalTrainAcc), numfmt.Pct(r.FinalValAcc), pages.Pts(r.FinalGap))
		switch {
		case r.Diverged:
			p = short(r.Name) + ": diverged"
		case !r.Measured:
			p = short(r.Name) + ": not measured yet"
		}
		parts = append(parts, p)
	}
	return fmt.Sprintf("Step %d of %d. Training against validation accuracy for four networks: %s.", v.Step, v.Steps, strings.Join(parts, "; "))
}

// status is the status sentence (HTML).
func status(v *View) string {
	if len(v.Nets) == 0 {
		return "Waiting for the MNIST images to load…"
	}
	done := ""
	if v.Done {
		done = " · <strong>finished</strong>: the table is final"
	}
	return fmt.Sprintf(`Step <strong>%d</strong> of %d · %s epochs over %d %s training images · dropout p = %s · learning rate %s · %d hidden units%s`,
		v.Step, v.Steps, numfmt.Plain(pages.RoundTo(v.Epochs, 1)), v.N, html.EscapeString(v.Data), numfmt.Plain(v.P), numfmt.Plain(v.LR), v.Width, done)
}

// gap draws the four networks' training and validation accuracy (acc
// true) or loss, with the gap shaded.
func gap(v *View, acc bool) (string, error) {
	var ps []charts.GapPanel
	for _, n := range v.Nets {
		tc, vc := n.TrainLoss, n.ValLoss
		if acc {
			tc, vc = n.TrainAcc, n.ValAcc
		}
		tx, ty := pages.XY(tc)
		_, vy := pages.XY(vc)
		m := min(len(tx), len(vy))
		if m == 0 {
			continue
		}
		title := short(n.Name)
		if n.Diverged {
			title += fmt.Sprintf(" (diverged at step %d)", n.DivergedAt)
		}
		ps = append(ps, charts.GapPanel{Title: title, X: tx[:m], Train: ty[:m], Val: vy[:m]})
	}
	if len(ps) == 0 {
		return `<p class="aside">The curves start with the first measurement.</p>`, nil
	}
	spec := charts.GapSpec{XLabel: "step", TrainName: "training images", ValName: "validation images",
		Panels: ps, Cols: 2, Size: charts.Size{W: 432, H: 330}}
	caption := fmt.Sprintf("Both curves in eval mode (dropout off, BN running statistics), every %d steps, on %d training and %d validation images. The shaded band is the gap.",
		v.ValEvery, v.TrainImages, v.ValImages)
	if acc {
		spec.Title, spec.YLabel, spec.YMin, spec.YMax, spec.YPercent = "Accuracy: training vs validation", "accuracy", 0, 1, true
	} else {
		spec.Title, spec.YLabel, spec.LegendTop = "Loss: training vs validation", "cross-entropy", true
	}
	svg, err := charts.Gap(spec)
	if err != nil {
		return "", fmt.Errorf("overfitting: %w", err)
	}
	return pages.Figure(svg, caption), nil
}

// resultsPanel is the results table: numbers, no verdict.
func resultsPanel(v *View) string {
	var b strings.Builder
	caption := "Results so far"
	if v.Done {
		caption = fmt.Sprintf("Results after %d steps", v.Step)
	}
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers nowrap-cells"><caption>` + caption + `</caption>`)
	b.WriteString(`<thead><tr><th scope="col">network</th><th scope="col">best val. acc.</th><th scope="col">at step</th>` +
		`<th scope="col">final train</th><th scope="col">final val.</th><th scope="col">final gap</th></tr></thead><tbody>`)
	for _, r := range v.Results {
		name := `<abbr title="` + html.EscapeString(r.Label) + `">` + html.EscapeString(short(r.Name)) + `</abbr>`
		switch {
		case r.Diverged:
			name += fmt.Sprintf(" <strong>(diverged at step %d)</strong>", r.DivergedAt)
		case r.Stalled:
			name += " <strong>(stalled: not learning)</strong>"
		}
		if !r.Measured {
			fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>—</td><td>—</td><td>—</td><td>—</td><td>—</td></tr>`, name)
			continue
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			name, numfmt.Pct(r.BestValAcc), r.BestValStep, numfmt.Pct(r.FinalTrainAcc), numfmt.Pct(r.FinalValAcc), pages.Pts(r.FinalGap))
	}
	b.WriteString(`</tbody></table></div>`)
	fmt.Fprintf(&b, `<p class="aside">Accuracies in eval mode; the final columns are the last measurement (step %d); the gap is training minus validation accuracy in percentage points.</p>`, finalStep(v))
	return b.String()
}

// finalStep is the step of the last measurement.
func finalStep(v *View) int {
	s := 0
	for _, r := range v.Results {
		s = max(s, r.FinalStep)
	}
	return s
}
