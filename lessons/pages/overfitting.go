package pages

import (
	"bnlab/lessons/course"
	"bnlab/lessons/numfmt"
	"fmt"
	"html"
	"strings"

	"bnlab/lessons/charts"
)

func init() { Register("overfitting", renderOverfitting) }

// OverfittingStage is what the overfitting stage draws: one small panel
// per network with its training and validation accuracy so far and the gap
// between them.
type OverfittingStage struct {
	Step    int                   `json:"step"`
	Steps   int                   `json:"steps"`
	Epochs  float64               `json:"epochs"`
	Done    bool                  `json:"done,omitempty"`
	Waiting bool                  `json:"waiting,omitempty"`
	Nets    []OverfittingStageNet `json:"nets"`
}

// OverfittingStageNet is one panel: X are steps, Train and Val eval-mode
// accuracies (0 to 1) at those steps, at most ofStagePoints of them.
type OverfittingStageNet struct {
	Name     string    `json:"name"`
	Label    string    `json:"label"`
	X        []int     `json:"x"`
	Train    []float64 `json:"train"`
	Val      []float64 `json:"val"`
	Diverged bool      `json:"diverged,omitempty"`
	Stalled  bool      `json:"stalled,omitempty"`
}

// ofStagePoints bounds each stage curve.
const ofStagePoints = 60

var ofPanels = []string{"overfitting-status", "overfitting-acc", "overfitting-loss", "overfitting-results"}

// renderOverfitting renders an *lessons.OverfittingView.
func renderOverfitting(view any) (Output, error) {
	v, ok := view.(*course.OverfittingView)
	if !ok || v == nil {
		return Output{}, fmt.Errorf("pages: overfitting: view is %T, want *lessons.OverfittingView", view)
	}
	out := Output{Panels: Panels{}, Stage: ofStage(v), Text: ofText(v)}
	out.Panels["overfitting-status"] = tpStatus(v.TrainStatus, ofStatus(v))
	if len(v.Nets) == 0 {
		for _, id := range ofPanels[1:] {
			out.Panels[id] = tpWaiting
		}
		return out, nil
	}
	var err error
	if out.Panels["overfitting-acc"], err = ofGap(v, true); err != nil {
		return Output{}, err
	}
	if out.Panels["overfitting-loss"], err = ofGap(v, false); err != nil {
		return Output{}, err
	}
	out.Panels["overfitting-results"] = ofResults(v)
	return out, nil
}

// ofShort is a network's short name.
func ofShort(name string) string {
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

// ofStage builds the stage payload, thinning long curves.
func ofStage(v *course.OverfittingView) OverfittingStage {
	st := OverfittingStage{Step: v.Step, Steps: v.Steps, Epochs: roundTo(v.Epochs, 2), Done: v.Done, Waiting: len(v.Nets) == 0}
	for i, n := range v.Nets {
		sn := OverfittingStageNet{Name: n.Name, Label: ofShort(n.Name), Diverged: n.Diverged}
		if i < len(v.Results) {
			sn.Stalled = v.Results[i].Stalled
		}
		// Train and Val are measured at the same steps (the Gap curve's).
		tx, ty := tpXY(n.TrainAcc)
		_, vy := tpXY(n.ValAcc)
		m := min(len(tx), len(vy))
		every := max(1, (m+ofStagePoints-1)/ofStagePoints)
		for j := 0; j < m; j++ {
			if j%every != 0 && j != m-1 {
				continue
			}
			sn.X = append(sn.X, int(tx[j]))
			sn.Train = append(sn.Train, roundTo(ty[j], 3))
			sn.Val = append(sn.Val, roundTo(vy[j], 3))
		}
		st.Nets = append(st.Nets, sn)
	}
	return st
}

// ofText is the stage's text alternative.
func ofText(v *course.OverfittingView) string {
	if len(v.Nets) == 0 {
		return "Four small charts, one per network, appear when the MNIST images have loaded."
	}
	var parts []string
	for _, r := range v.Results {
		p := fmt.Sprintf("%s: training %s, validation %s, gap %s", ofShort(r.Name), numfmt.Pct(r.FinalTrainAcc), numfmt.Pct(r.FinalValAcc), tpPts(r.FinalGap))
		if r.Diverged {
			p = ofShort(r.Name) + ": diverged"
		}
		parts = append(parts, p)
	}
	return fmt.Sprintf("Step %d of %d. Training against validation accuracy for four networks: %s.", v.Step, v.Steps, strings.Join(parts, "; "))
}

// ofStatus is the status sentence (HTML).
func ofStatus(v *course.OverfittingView) string {
	if len(v.Nets) == 0 {
		return "Waiting for the MNIST images to load…"
	}
	done := ""
	if v.Done {
		done = " · <strong>finished</strong>: the table is final"
	}
	return fmt.Sprintf(`Step <strong>%d</strong> of %d · %s epochs over %d %s training images · dropout p = %s · learning rate %s · %d hidden units%s`,
		v.Step, v.Steps, numfmt.Plain(roundTo(v.Epochs, 1)), v.N, html.EscapeString(v.Data), numfmt.Plain(v.P), numfmt.Plain(v.LR), v.Width, done)
}

// ofGap draws the four networks' training and validation accuracy (acc
// true) or loss, with the gap shaded.
func ofGap(v *course.OverfittingView, acc bool) (string, error) {
	var ps []charts.GapPanel
	for _, n := range v.Nets {
		tc, vc := n.TrainLoss, n.ValLoss
		if acc {
			tc, vc = n.TrainAcc, n.ValAcc
		}
		tx, ty := tpXY(tc)
		_, vy := tpXY(vc)
		m := min(len(tx), len(vy))
		if m == 0 {
			continue
		}
		title := ofShort(n.Name)
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
		return "", fmt.Errorf("pages: overfitting: %w", err)
	}
	return Figure(svg, caption), nil
}

// ofResults is the results table: numbers, no verdict.
func ofResults(v *course.OverfittingView) string {
	var b strings.Builder
	caption := "Results so far"
	if v.Done {
		caption = fmt.Sprintf("Results after %d steps", v.Step)
	}
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers nowrap-cells"><caption>` + caption + `</caption>`)
	b.WriteString(`<thead><tr><th scope="col">network</th><th scope="col">best val. acc.</th><th scope="col">at step</th>` +
		`<th scope="col">final train</th><th scope="col">final val.</th><th scope="col">final gap</th></tr></thead><tbody>`)
	for _, r := range v.Results {
		name := `<abbr title="` + html.EscapeString(r.Label) + `">` + html.EscapeString(ofShort(r.Name)) + `</abbr>`
		switch {
		case r.Diverged:
			name += fmt.Sprintf(" <strong>(diverged at step %d)</strong>", r.DivergedAt)
		case r.Stalled:
			name += " <strong>(stalled: not learning)</strong>"
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			name, numfmt.Pct(r.BestValAcc), r.BestValStep, numfmt.Pct(r.FinalTrainAcc), numfmt.Pct(r.FinalValAcc), tpPts(r.FinalGap))
	}
	b.WriteString(`</tbody></table></div>`)
	fmt.Fprintf(&b, `<p class="aside">Accuracies in eval mode; the final columns are the last measurement (step %d); the gap is training minus validation accuracy in percentage points.</p>`, ofFinalStep(v))
	return b.String()
}

// ofFinalStep is the step of the last measurement.
func ofFinalStep(v *course.OverfittingView) int {
	s := 0
	for _, r := range v.Results {
		s = max(s, r.FinalStep)
	}
	return s
}
