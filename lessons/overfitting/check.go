package overfitting

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// The ids of the overfitting lesson's checks.
const (
	checkEpochs = "overfitting-check-epochs"
	checkGap    = "overfitting-check-gap"
)

// netOptions are the four networks as a choice check's options, in the
// harness's order.
var netOptions = []lessons.Option{
	{Value: "plain", Label: "plain"},
	{Value: "bn", Label: "BN"},
	{Value: "dropout", Label: "dropout"},
	{Value: "bn-dropout", Label: "BN + dropout"},
}

// checks are the overfitting lesson's predict-then-check questions, in the
// prose's order.
var checks = []lessons.Check{
	{ID: checkEpochs, Kind: lessons.NumberCheck, Label: "Passes over the training images by the last step",
		Question: "Read the sliders: the <em>Steps</em> budget, the number of <em>Training images</em>, and the mini-batch of " +
			fmt.Sprint(batchSize) + " images per step. When the run ends, how many times will each network have seen each of its training images " +
			"(how many <em>epochs</em>)?"},
	{ID: checkGap, Kind: lessons.ChoiceCheck, Label: "The largest gap belongs to",
		Question: "Before you read the results table: which of the four networks has the largest gap between training and validation accuracy? " +
			"Once the run has finished this is the gap at its last step; while it still runs, it is the gap at the latest measurement " +
			"(the step in the status line, rounded down to a multiple of " + fmt.Sprint(valEvery) + "). A tie is broken by the gap in loss.",
		Options: netOptions},
}

// Checks returns the lesson's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer for the current run (lessons.Checker).
// It only reads the view.
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	if l.Values == nil {
		return lessons.Answer{}, fmt.Errorf("lessons: overfitting: not configured")
	}
	v := l.View()
	switch id {
	case checkEpochs:
		return epochsAnswer(v), nil
	case checkGap:
		return gapAnswer(v), nil
	}
	return lessons.Answer{}, fmt.Errorf("lessons: overfitting: no check %q", id)
}

// finalEpochs is the number of passes over the v.N training images that
// the whole budget of steps makes.
func finalEpochs(v *View) float64 { return float64(v.Steps*v.Batch) / float64(v.N) }

// epochsAnswer: steps × batch images drawn, over N images shuffled once
// per epoch.
func epochsAnswer(v *View) lessons.Answer {
	e := finalEpochs(v)
	val := valSize
	if v.ValImages > 0 {
		val = v.ValImages
	}
	drawn := thousands(v.Steps * v.Batch)
	why := fmt.Sprintf("Each step takes a mini-batch of %d images, so %s steps draw %s × %d = %s images. "+
		"The lesson shuffles its %s training images once per pass, so that is %s / %s = %s passes: every training image is seen about %s times. "+
		"The %s validation images are never trained on, so what a network memorises about its training images does not help it there.",
		v.Batch, thousands(v.Steps), thousands(v.Steps), v.Batch, drawn, thousands(v.N), drawn, thousands(v.N), numfmt.Plain(e), numfmt.Plain(math.Round(e)), thousands(val))
	if v.Step > 0 && !v.Done {
		why += fmt.Sprintf(" So far, at step %d, it has made %s passes.", v.Step, numfmt.Plain(pages.RoundTo(v.Epochs, 1)))
	}
	return lessons.Answer{Value: e, Tol: math.Max(0.05, 0.03*e), Shown: numfmt.Plain(e) + " epochs", Why: why}
}

// gapAnswer: the network with the largest train − validation accuracy
// gap at the latest step all four (that have not diverged) were measured;
// a tie goes to the larger loss gap (validation − training cross-entropy).
func gapAnswer(v *View) lessons.Answer {
	if len(v.Results) == 0 {
		return lessons.Answer{Shown: "nothing measured yet", NotYet: true,
			Why: "The MNIST images have not loaded, so no network has trained yet. Press Play, let the curves grow, and check your prediction then."}
	}
	latest := -1
	for _, r := range v.Results {
		if r.Measured && !r.Diverged {
			latest = max(latest, r.FinalStep)
		}
	}
	var cands []Result
	var gone []string
	for _, r := range v.Results {
		switch {
		case r.Diverged:
			gone = append(gone, fmt.Sprintf("%s diverged at step %d and no longer counts", short(r.Name), r.DivergedAt))
		case r.Measured && r.FinalStep == latest:
			cands = append(cands, r)
		}
	}
	if len(cands) == 0 {
		return lessons.Answer{Shown: "none: every network diverged",
			Why: strings.Join(gone, "; ") + ". Lower the learning rate and try again."}
	}
	lossGap := func(r Result) float64 { return r.FinalValLoss - r.FinalTrainLoss }
	best := cands[0]
	for _, r := range cands[1:] {
		if r.FinalGap > best.FinalGap || (r.FinalGap == best.FinalGap && lossGap(r) > lossGap(best)) {
			best = r
		}
	}
	var rows []string
	wrong := map[string]string{}
	for _, r := range cands {
		rows = append(rows, fmt.Sprintf("%s %s (training %s, validation %s)", short(r.Name), pages.Pts(r.FinalGap), numfmt.Pct(r.FinalTrainAcc), numfmt.Pct(r.FinalValAcc)))
		if r.Name == best.Name {
			continue
		}
		if r.FinalGap == best.FinalGap {
			wrong[r.Name] = fmt.Sprintf("%s ties with %s on accuracy, but its loss gap is smaller: %s against %s.",
				short(r.Name), short(best.Name), numfmt.Num(lossGap(r)), numfmt.Num(lossGap(best)))
		} else {
			wrong[r.Name] = fmt.Sprintf("%s's gap is %s, %s points less than %s's.",
				short(r.Name), pages.Pts(r.FinalGap), strconv.FormatFloat(100*(best.FinalGap-r.FinalGap), 'f', 1, 64), short(best.Name))
		}
	}
	when := fmt.Sprintf("At step %d, the end of the run,", latest)
	if !v.Done {
		when = fmt.Sprintf("At step %d, the latest measurement (the run goes on to step %d),", latest, v.Steps)
	}
	why := when + " the gaps are: " + strings.Join(rows, "; ") + "."
	if len(gone) > 0 {
		why += " " + strings.Join(gone, "; ") + "."
	}
	why += " " + gapReason(best, latest)
	return lessons.Answer{Choice: best.Name, Why: why, Wrong: wrong}
}

// gapReason says why the winner of the gap check may have won.
func gapReason(best Result, step int) string {
	switch {
	case step == 0:
		return "Nothing has trained yet: at step 0 the gaps are noise, since the untrained networks score about the same on both sets. Press Play and ask again later."
	case best.Name == "bn" || best.Name == "bn-dropout":
		return "BN is no guarantee of a small gap: it fits the training images sooner, and on a few hundred images nothing stops it learning them by heart."
	case best.Name == "dropout":
		return "Dropout makes memorising harder on average, but not by much in one short run on few images; compare the gaps again at other settings."
	}
	return "Without a regulariser nothing makes memorising harder, although the others need not do much better on so few images."
}

// thousands writes a whole number with a comma between thousands, as the
// prose does: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
