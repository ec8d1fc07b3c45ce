package pages

import (
	"bnlab/lessons/course"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/train"
	"fmt"
	"html"
	"strings"
)

func init() { Register("mistakes", renderMistakes) }

// MistakesStage is what the mistakes stage draws: the current
// experiment's progress and, once it is measured, its key quantity. One of
// Passes, Variance and Batch is set when Done.
type MistakesStage struct {
	Mistake  string  `json:"mistake"`
	Title    string  `json:"title"`
	Fixed    bool    `json:"fixed,omitempty"`
	Waiting  bool    `json:"waiting,omitempty"`
	Progress float64 `json:"progress"`
	Done     bool    `json:"done,omitempty"`
	Error    string  `json:"error,omitempty"`
	// Passes: per-pass accuracy with the mistake and with the fix (eval,
	// dropout-on).
	Passes *MkStagePasses `json:"passes,omitempty"`
	// Variance: per-unit input variance of the second BN (dropout-bn).
	Variance *MkStageVariance `json:"variance,omitempty"`
	// Batch: validation accuracy against batch size (tiny-batch).
	Batch *MkStageBatch `json:"batch,omitempty"`
}

// MkStagePasses is the accuracy of each repeated prediction of the
// validation images, and the share of images whose class changed between
// passes, with the mistake and with the fix.
type MkStagePasses struct {
	MistakeLabel    string    `json:"mistakeLabel"`
	FixLabel        string    `json:"fixLabel"`
	Mistake         []float64 `json:"mistake"`
	Fix             []float64 `json:"fix"`
	MistakeDisagree float64   `json:"mistakeDisagree"`
	FixDisagree     float64   `json:"fixDisagree"`
	Diverged        string    `json:"diverged,omitempty"`
}

// MkStageVariance is, per unit of the second BN layer, the variance of its
// input in train and in eval mode, for the net with the mistake and the
// one with the fix (at most mkStageUnits units), and both accuracies.
type MkStageVariance struct {
	MistakeLabel string    `json:"mistakeLabel"`
	FixLabel     string    `json:"fixLabel"`
	MistakeTrain []float64 `json:"mistakeTrain"`
	MistakeEval  []float64 `json:"mistakeEval"`
	FixTrain     []float64 `json:"fixTrain"`
	FixEval      []float64 `json:"fixEval"`
	MistakeRatio float64   `json:"mistakeRatio"`
	FixRatio     float64   `json:"fixRatio"`
	MistakeAcc   float64   `json:"mistakeAcc"`
	FixAcc       float64   `json:"fixAcc"`
}

// MkStageBatch is validation accuracy against batch size for BN (the
// mistake) and LayerNorm (the fix); a diverged net has accuracy 0 and its
// Diverged flag set.
type MkStageBatch struct {
	Sizes       []int     `json:"sizes"`
	BN          []float64 `json:"bn"`
	LN          []float64 `json:"ln"`
	BNDiverged  []bool    `json:"bnDiverged"`
	LNDiverged  []bool    `json:"lnDiverged"`
	BNLabel     string    `json:"bnLabel"`
	LNLabel     string    `json:"lnLabel"`
	MeanSpread  []float64 `json:"meanSpread"`
	ExpectedStd []float64 `json:"expectedStd"`
}

// mkStageUnits bounds the units sent to the stage.
const mkStageUnits = 32

var mkPanels = []string{"mistakes-status", "mistakes-setup", "mistakes-results", "mistakes-qa"}

// renderMistakes renders a *lessons.MistakesView.
func renderMistakes(view any) (Output, error) {
	v, ok := view.(*course.MistakesView)
	if !ok || v == nil {
		return Output{}, fmt.Errorf("pages: mistakes: view is %T, want *lessons.MistakesView", view)
	}
	out := Output{Panels: Panels{}, Stage: mkStage(v), Text: mkText(v)}
	out.Panels["mistakes-status"] = tpStatus(train.TrainStatus{Waiting: v.Waiting, Error: v.Error, Notices: v.Notices}, mkStatus(v))
	out.Panels["mistakes-setup"] = mkSetup(v)
	out.Panels["mistakes-qa"] = mkQA(v)
	switch {
	case v.Waiting:
		out.Panels["mistakes-results"] = tpWaiting
	case !v.Done:
		out.Panels["mistakes-results"] = fmt.Sprintf(`<p class="aside">Training the networks of this experiment: %s done. Press <em>Play</em> if it is paused; the measurements appear here when training ends.</p>`, numfmt.Pct(v.Progress))
	default:
		r, err := mkResults(v)
		if err != nil {
			return Output{}, err
		}
		out.Panels["mistakes-results"] = r
	}
	return out, nil
}

// mkStage builds the stage payload.
func mkStage(v *course.MistakesView) MistakesStage {
	st := MistakesStage{Mistake: v.Mistake, Title: v.Title, Fixed: v.Fixed, Waiting: v.Waiting,
		Progress: roundTo(v.Progress, 3), Done: v.Done, Error: v.Error}
	runs := func(e *course.EvalMistake) *MkStagePasses {
		p := &MkStagePasses{MistakeLabel: e.Mistake.Label, FixLabel: e.Fix.Label, Diverged: e.Diverged,
			MistakeDisagree: roundTo(e.Mistake.Disagree, 4), FixDisagree: roundTo(e.Fix.Disagree, 4)}
		for _, a := range e.Mistake.Acc {
			p.Mistake = append(p.Mistake, roundTo(a, 4))
		}
		for _, a := range e.Fix.Acc {
			p.Fix = append(p.Fix, roundTo(a, 4))
		}
		return p
	}
	switch {
	case v.Eval != nil:
		st.Passes = runs(v.Eval)
	case v.DropoutOn != nil:
		st.Passes = runs(v.DropoutOn)
	case v.DropoutBN != nil:
		d := v.DropoutBN
		s := &MkStageVariance{MistakeLabel: d.Mistake.Label, FixLabel: d.Fix.Label,
			MistakeRatio: roundTo(d.Mistake.MeanRatio, 4), FixRatio: roundTo(d.Fix.MeanRatio, 4),
			MistakeAcc: roundTo(d.Mistake.ValAcc, 4), FixAcc: roundTo(d.Fix.ValAcc, 4)}
		for i, u := range d.Mistake.Units {
			if i >= mkStageUnits {
				break
			}
			s.MistakeTrain = append(s.MistakeTrain, roundTo(u.TrainVar, 4))
			s.MistakeEval = append(s.MistakeEval, roundTo(u.EvalVar, 4))
		}
		for i, u := range d.Fix.Units {
			if i >= mkStageUnits {
				break
			}
			s.FixTrain = append(s.FixTrain, roundTo(u.TrainVar, 4))
			s.FixEval = append(s.FixEval, roundTo(u.EvalVar, 4))
		}
		st.Variance = s
	case v.TinyBatch != nil:
		t := v.TinyBatch
		b := &MkStageBatch{Sizes: append([]int(nil), t.Sizes...), BNLabel: t.Mistake.Label, LNLabel: t.Fix.Label,
			BNDiverged: append([]bool(nil), t.Mistake.Diverged...), LNDiverged: append([]bool(nil), t.Fix.Diverged...)}
		for _, a := range t.Mistake.ValAcc {
			b.BN = append(b.BN, roundTo(a, 4))
		}
		for _, a := range t.Fix.ValAcc {
			b.LN = append(b.LN, roundTo(a, 4))
		}
		for _, a := range t.MeanSpread {
			b.MeanSpread = append(b.MeanSpread, roundTo(a, 4))
		}
		for _, a := range t.ExpectedMeanSpread {
			b.ExpectedStd = append(b.ExpectedStd, roundTo(a, 4))
		}
		st.Batch = b
	}
	return st
}

// mkText is the stage's text alternative.
func mkText(v *course.MistakesView) string {
	switch {
	case v.Waiting:
		return "The experiment starts when the MNIST images have loaded."
	case v.Error != "":
		return "The experiment stopped: " + v.Error
	case !v.Done:
		return fmt.Sprintf("%s: training, %s done.", v.Title, numfmt.Pct(v.Progress))
	}
	switch {
	case v.Eval != nil || v.DropoutOn != nil:
		e := v.Eval
		if e == nil {
			e = v.DropoutOn
		}
		return fmt.Sprintf("%s. Accuracy of %d repeated predictions: with the mistake %s to %s (%s of images change class), with the fix %s every time.",
			v.Title, e.Mistake.Passes, numfmt.Pct(e.Mistake.MinAcc), numfmt.Pct(e.Mistake.MaxAcc), numfmt.Pct(e.Mistake.Disagree), numfmt.Pct(e.Fix.MeanAcc))
	case v.DropoutBN != nil:
		d := v.DropoutBN
		return fmt.Sprintf("%s. Bars per unit of the second BN layer: input variance in train and in eval mode. Mean eval/train ratio %s with dropout before BN, %s with dropout after it; accuracy %s against %s.",
			v.Title, numfmt.Plain(roundTo(d.Mistake.MeanRatio, 3)), numfmt.Plain(roundTo(d.Fix.MeanRatio, 3)), numfmt.Pct(d.Mistake.ValAcc), numfmt.Pct(d.Fix.ValAcc))
	case v.TinyBatch != nil:
		t := v.TinyBatch
		var parts []string
		for i, m := range t.Sizes {
			if i < len(t.Mistake.ValAcc) && i < len(t.Fix.ValAcc) {
				parts = append(parts, fmt.Sprintf("batch %d: BN %s, LayerNorm %s", m, numfmt.Pct(t.Mistake.ValAcc[i]), numfmt.Pct(t.Fix.ValAcc[i])))
			}
		}
		return v.Title + ". Validation accuracy against batch size: " + strings.Join(parts, "; ") + "."
	}
	return v.Title + "."
}

// mkStatus is the status sentence (HTML).
func mkStatus(v *course.MistakesView) string {
	title := "<strong>" + html.EscapeString(v.Title) + "</strong>"
	switch {
	case v.Waiting:
		return title + " · waiting for the MNIST images to load…"
	case v.Done:
		side := "the mistake"
		if v.Fixed {
			side = "the fix"
		}
		return fmt.Sprintf("%s · measured on %d validation images · highlighted: %s", title, v.ValImages, side)
	}
	return fmt.Sprintf("%s · training on %d images: %s done", title, v.TrainImages, numfmt.Pct(v.Progress))
}

// mkSetup describes the experiment; it changes only with the experiment
// and the fix toggle.
func mkSetup(v *course.MistakesView) string {
	mark := func(on bool) string {
		if on {
			return ` class="live"`
		}
		return ""
	}
	return fmt.Sprintf(`<p><strong>Set-up.</strong> %s</p><p><strong%s>The mistake.</strong> %s</p><p><strong%s>The fix.</strong> %s</p>`,
		html.EscapeString(v.Setup), mark(!v.Fixed), html.EscapeString(v.MistakeText), mark(v.Fixed), html.EscapeString(v.FixText))
}

// mkQA is the question with a revealable answer; it changes only with the
// experiment, so an opened answer stays open while the networks train.
func mkQA(v *course.MistakesView) string {
	return fmt.Sprintf(`<p><strong>Question.</strong> %s</p><details><summary>Show the answer</summary><p>%s</p></details>`,
		html.EscapeString(v.Question), html.EscapeString(v.Answer))
}
