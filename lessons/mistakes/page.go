package mistakes

import (
	"errors"
	"fmt"
	"html"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

// Frame renders the lesson's current view: its panels, its Stage payload
// and the text alternative (lessons.Lesson).
func (l *Lesson) Frame() (lessons.Frame, error) {
	v := l.View()
	out, err := render(v)
	return pages.FrameOf(out, err, lessons.Progress{Done: v.Done})
}

// Stage is what the mistakes stage draws: the current
// experiment's progress and, once it is measured, its key quantity. One of
// Passes, Variance and Batch is set when Done.
type Stage struct {
	Mistake  string  `json:"mistake"`
	Title    string  `json:"title"`
	Fixed    bool    `json:"fixed,omitempty"`
	Waiting  bool    `json:"waiting,omitempty"`
	Progress float64 `json:"progress"`
	Done     bool    `json:"done,omitempty"`
	Error    string  `json:"error,omitempty"`
	// Passes: per-pass accuracy with the mistake and with the fix (eval,
	// dropout-on).
	Passes *StagePasses `json:"passes,omitempty"`
	// Variance: per-unit input variance of the second BN (dropout-bn).
	Variance *StageVariance `json:"variance,omitempty"`
	// Batch: validation accuracy against batch size (tiny-batch).
	Batch *StageBatch `json:"batch,omitempty"`
}

// StagePasses is the accuracy of each repeated prediction of the
// validation images, and the share of images whose class changed between
// passes, with the mistake and with the fix.
type StagePasses struct {
	MistakeLabel    string    `json:"mistakeLabel"`
	FixLabel        string    `json:"fixLabel"`
	Mistake         []float64 `json:"mistake"`
	Fix             []float64 `json:"fix"`
	MistakeDisagree float64   `json:"mistakeDisagree"`
	FixDisagree     float64   `json:"fixDisagree"`
	Diverged        string    `json:"diverged,omitempty"`
}

// StageVariance is, per unit of the second BN layer, the variance of its
// input in train and in eval mode, for the net with the mistake and the
// one with the fix (at most stageUnits units), and both accuracies.
type StageVariance struct {
	MistakeLabel string    `json:"mistakeLabel"`
	FixLabel     string    `json:"fixLabel"`
	MistakeTrain []float64 `json:"mistakeTrain"`
	MistakeEval  []float64 `json:"mistakeEval"`
	FixTrain     []float64 `json:"fixTrain"`
	FixEval      []float64 `json:"fixEval"`
	MistakeRatio float64   `json:"mistakeRatio"`
	FixRatio     float64   `json:"fixRatio"`
	// BaselineRatio is the mean ratio of the network without dropout.
	BaselineRatio float64 `json:"baselineRatio"`
	MistakeAcc    float64 `json:"mistakeAcc"`
	FixAcc        float64 `json:"fixAcc"`
}

// StageBatch is validation accuracy against batch size for BN (the
// mistake) and LayerNorm (the fix); a diverged net has accuracy 0 and its
// Diverged flag set.
type StageBatch struct {
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

// stageUnits bounds the units sent to the stage.
const stageUnits = 32

var panels = []string{"mistakes-status", "mistakes-setup", "mistakes-results", "mistakes-qa"}

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("mistakes: no view to render")
	}
	out := pages.Output{Panels: pages.Panels{}, Stage: stage(v), Text: text(v)}
	out.Panels["mistakes-status"] = pages.Status(train.TrainStatus{Waiting: v.Waiting, Error: v.Error, Notices: v.Notices}, status(v))
	out.Panels["mistakes-setup"] = setup(v)
	out.Panels["mistakes-qa"] = qa(v)
	switch {
	case v.Waiting:
		out.Panels["mistakes-results"] = pages.Waiting
	case !v.Done:
		out.Panels["mistakes-results"] = fmt.Sprintf(`<p class="aside">Training the networks of this experiment: %s done. Press <em>Play</em> if it is paused; the measurements appear here when training ends.</p>`, numfmt.Pct(v.Progress))
	default:
		r, err := resultsPanel(v)
		if err != nil {
			return pages.Output{}, err
		}
		out.Panels["mistakes-results"] = r
	}
	return out, nil
}

// stage builds the stage payload.
func stage(v *View) Stage {
	st := Stage{Mistake: v.Mistake, Title: v.Title, Fixed: v.Fixed, Waiting: v.Waiting,
		Progress: pages.RoundTo(v.Progress, 3), Done: v.Done, Error: v.Error}
	runs := func(e *EvalMistake) *StagePasses {
		p := &StagePasses{MistakeLabel: e.Mistake.Label, FixLabel: e.Fix.Label, Diverged: e.Diverged,
			MistakeDisagree: pages.RoundTo(e.Mistake.Disagree, 4), FixDisagree: pages.RoundTo(e.Fix.Disagree, 4)}
		for _, a := range e.Mistake.Acc {
			p.Mistake = append(p.Mistake, pages.RoundTo(a, 4))
		}
		for _, a := range e.Fix.Acc {
			p.Fix = append(p.Fix, pages.RoundTo(a, 4))
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
		s := &StageVariance{MistakeLabel: d.Mistake.Label, FixLabel: d.Fix.Label,
			MistakeRatio: pages.RoundTo(d.Mistake.MeanRatio, 4), FixRatio: pages.RoundTo(d.Fix.MeanRatio, 4),
			BaselineRatio: pages.RoundTo(d.Baseline.MeanRatio, 4),
			MistakeAcc:    pages.RoundTo(d.Mistake.ValAcc, 4), FixAcc: pages.RoundTo(d.Fix.ValAcc, 4)}
		for i, u := range d.Mistake.Units {
			if i >= stageUnits {
				break
			}
			s.MistakeTrain = append(s.MistakeTrain, pages.RoundTo(u.TrainVar, 4))
			s.MistakeEval = append(s.MistakeEval, pages.RoundTo(u.EvalVar, 4))
		}
		for i, u := range d.Fix.Units {
			if i >= stageUnits {
				break
			}
			s.FixTrain = append(s.FixTrain, pages.RoundTo(u.TrainVar, 4))
			s.FixEval = append(s.FixEval, pages.RoundTo(u.EvalVar, 4))
		}
		st.Variance = s
	case v.TinyBatch != nil:
		t := v.TinyBatch
		b := &StageBatch{Sizes: append([]int(nil), t.Sizes...), BNLabel: t.Mistake.Label, LNLabel: t.Fix.Label,
			BNDiverged: append([]bool(nil), t.Mistake.Diverged...), LNDiverged: append([]bool(nil), t.Fix.Diverged...)}
		for _, a := range t.Mistake.ValAcc {
			b.BN = append(b.BN, pages.RoundTo(a, 4))
		}
		for _, a := range t.Fix.ValAcc {
			b.LN = append(b.LN, pages.RoundTo(a, 4))
		}
		for _, a := range t.MeanSpread {
			b.MeanSpread = append(b.MeanSpread, pages.RoundTo(a, 4))
		}
		for _, a := range t.ExpectedMeanSpread {
			b.ExpectedStd = append(b.ExpectedStd, pages.RoundTo(a, 4))
		}
		st.Batch = b
	}
	return st
}

// text is the stage's text alternative.
func text(v *View) string {
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
		return fmt.Sprintf("%s. Bars per unit of the second BN layer: input variance in train and in eval mode. Mean eval/train ratio %s with dropout before BN, %s with dropout after it, %s without dropout; accuracy %s against %s.",
			v.Title, numfmt.Plain(pages.RoundTo(d.Mistake.MeanRatio, 3)), numfmt.Plain(pages.RoundTo(d.Fix.MeanRatio, 3)), numfmt.Plain(pages.RoundTo(d.Baseline.MeanRatio, 3)), numfmt.Pct(d.Mistake.ValAcc), numfmt.Pct(d.Fix.ValAcc))
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

// status is the status sentence (HTML).
func status(v *View) string {
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

// setup describes the experiment; it changes only with the experiment
// and the fix toggle.
func setup(v *View) string {
	mark := func(on bool) string {
		if on {
			return ` class="live"`
		}
		return ""
	}
	return fmt.Sprintf(`<p><strong>Set-up.</strong> %s</p><p><strong%s>The mistake.</strong> %s</p><p><strong%s>The fix.</strong> %s</p>`,
		html.EscapeString(v.Setup), mark(!v.Fixed), html.EscapeString(v.MistakeText), mark(v.Fixed), html.EscapeString(v.FixText))
}

// qa is the question with a revealable answer; it changes only with the
// experiment, so an opened answer stays open while the networks train.
func qa(v *View) string {
	return fmt.Sprintf(`<p><strong>Question.</strong> %s</p><details><summary>Show the answer</summary><p>%s</p></details>`,
		html.EscapeString(v.Question), html.EscapeString(v.Answer))
}
