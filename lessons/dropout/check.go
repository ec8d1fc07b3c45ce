package dropout

import (
	"fmt"
	"math"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// The ids of the dropout lesson's checks.
const (
	checkDropped  = "dropout-check-dropped"
	checkKeptOut  = "dropout-check-kept-output"
	checkCoverage = "dropout-check-coverage"
	checkMC       = "dropout-check-mc"
)

// coverageSteps is the step the coverage check asks about.
const coverageSteps = 10_000

// checks are the dropout lesson's predict-then-check questions, in the
// prose's order.
var checks = []lessons.Check{
	{ID: checkDropped, Kind: lessons.NumberCheck, Label: "Units of hidden layer 1 dropped, on average",
		Question: "Hidden layer 1 has <var>w</var> units (the <em>Hidden units per layer</em> slider), each dropped on its own with probability <var>p</var> (the first p slider). " +
			"For one sample, how many of them does a training step drop on average?"},
	{ID: checkKeptOut, Kind: lessons.NumberCheck, Label: "What a kept unit passes on",
		Question: "Under the <em>Scaling</em> rule chosen now, a unit of hidden layer 2 is kept in a training step, and its value after the ReLU is 1. What does dropout pass on to the next layer?"},
	{ID: checkCoverage, Kind: lessons.ChoiceCheck, Label: "Share of sub-networks met by step 10,000",
		Question: "Keep the width, the p sliders and the batch size as they are, and train to step 10,000 (each sample of each step draws one mask). " +
			"What share of the 2<sup>n</sup> sub-networks will its masks have met, in expectation?",
		Options: []lessons.Option{
			{Value: "none", Label: "under 1%"},
			{Value: "some", Label: "1% to 50%"},
			{Value: "most", Label: "50% to 99%"},
			{Value: "all", Label: "over 99%"},
		}},
	{ID: checkMC, Kind: lessons.ChoiceCheck, Label: "Where the average of the logits settles",
		Question: "The chart below averages the logits of <var>k</var> masked passes of one input. With the settings on screen, where does that average settle as <var>k</var> grows?",
		Options: []lessons.Option{
			{Value: "exact", Label: "exactly on the eval-mode logits"},
			{Value: "near", Label: "close to them, with a small gap that stays"},
			{Value: "apart", Label: "away from them, by a constant factor"},
		}},
}

// Checks returns the dropout lesson's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer for the current state
// (lessons.Checker); it reads the view and changes nothing.
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	if l.Model == nil || l.waiting {
		return lessons.Answer{}, fmt.Errorf("lessons: dropout: not configured")
	}
	v := l.View()
	switch id {
	case checkDropped:
		return droppedAnswer(v.Layers[1]), nil
	case checkKeptOut:
		return keptOutAnswer(v.Mode, v.Layers[2]), nil
	case checkCoverage:
		return coverageAnswer(l.maskLayers(), v.Batch, v.Ensemble), nil
	case checkMC:
		return mcAnswer(v, [2]float64{l.testFactor(0), l.testFactor(1)}), nil
	}
	return lessons.Answer{}, fmt.Errorf("lessons: dropout: no check %q", id)
}

// droppedAnswer: the dropped count is Binomial(w, p), mean w·p; the Why
// sets the last step's count for the first sample beside it.
func droppedAnswer(lv LayerView) lessons.Answer {
	w, p := float64(lv.Units), lv.P
	mean, sd := w*p, math.Sqrt(w*p*(1-p))
	why := fmt.Sprintf("Each of the %d units is dropped on its own with probability %s, so the count is Binomial(%d, %s): "+
		"on average %d · %s = %s, give or take σ = √(%d · %s · %s) = %s.",
		lv.Units, numfmt.Plain(p), lv.Units, numfmt.Plain(p), lv.Units, numfmt.Plain(p), numfmt.Num(mean),
		lv.Units, numfmt.Plain(p), numfmt.Plain(round6(1-p)), numfmt.Num(sd))
	if len(lv.Kept) > 0 {
		d := float64(lv.Dropped) - mean
		why += fmt.Sprintf(" The last step dropped %d for the first sample (the faded units on the stage), %s the average", lv.Dropped, offText(d))
		if sd > 0 {
			why += fmt.Sprintf(" (%s σ)", numfmt.Num(math.Abs(d)/sd))
		}
		why += "."
	} else {
		why += " Press <em>One step</em> to see a mask and compare."
	}
	if e := lv.Expect; e.Units > 0 {
		why += fmt.Sprintf(" Over all %d unit-samples so far the dropped share is %s.", e.Units, numfmt.Plain(e.DropShare))
	}
	return lessons.Answer{Value: mean, Tol: 0.5, Shown: numfmt.Num(mean), Why: why}
}

// offText words a difference from the average.
func offText(d float64) string {
	switch {
	case d > 0:
		return numfmt.Num(d) + " above"
	case d < 0:
		return numfmt.Num(-d) + " below"
	}
	return "exactly"
}

// keptOutAnswer: a kept unit's output in training is its value times the
// mode's training factor for hidden layer 2's p.
func keptOutAnswer(mode string, lv LayerView) lessons.Answer {
	p, ts, es := lv.P, lv.TrainScale, lv.TestScale
	var why string
	switch mode {
	case ModeInverted, ModeInvertedScaled:
		why = fmt.Sprintf("Inverted scaling divides a kept unit by the keep probability: 1/(1 − %s) = %s. "+
			"A unit is kept with probability %s, so on average it passes on %s · %s = 1, its value.",
			numfmt.Plain(p), numfmt.Num(ts), numfmt.Plain(round6(1-p)), numfmt.Plain(round6(1-p)), numfmt.Num(ts))
		if p >= 1 {
			why = "With p = 1 every unit is dropped, so none is kept, and the layer passes on 0."
		}
	default:
		why = fmt.Sprintf("This rule does not scale in training: a kept unit passes on its value, 1, so on average the layer passes on %s of it. ", numfmt.Plain(round6(1-p)))
	}
	switch mode {
	case ModeInverted:
		why += " At test dropout does nothing, so the next layer sees the same scale as in training, on average."
	case ModeClassic:
		why += fmt.Sprintf("Classic dropout makes up for it at test, multiplying every unit by 1 − p = %s.", numfmt.Plain(es))
	case ModeInvertedScaled:
		why += fmt.Sprintf(" This wrong mix then multiplies by 1 − p = %s at test as well, once too often.", numfmt.Plain(es))
	case ModeClassicNoScale:
		why += "This wrong mix does nothing at test either, so the test output is 1/(1 − p) times what training saw."
	}
	return lessons.Answer{Value: ts, Tol: 0.01 * math.Max(1, ts), Shown: numfmt.Num(ts), Why: why}
}

// coverageAnswer: the expected share of the 2^n sub-networks met after
// coverageSteps steps of batch masks (Coverage).
func coverageAnswer(ls []layerMask, batch int, e Ensemble) lessons.Answer {
	draws := int64(coverageSteps) * int64(batch)
	c := coverage(ls, draws, 0)
	s := c.ExpectedShare
	a := lessons.Answer{Wrong: map[string]string{
		"none": "That holds when n is large: every extra unit doubles the count.",
		"some": "Count the draws against 2<sup>n</sup>.",
		"most": "Compare the draws with 2<sup>n</sup>: the share is 1 − (1 − 2<sup>−n</sup>)<sup>draws</sup> at p = 0.5.",
		"all":  "Only a few hundred sub-networks, or far more draws than sub-networks, give that.",
	}}
	switch {
	case s < 0.01:
		a.Choice = "none"
	case s < 0.5:
		a.Choice = "some"
	case s < 0.99:
		a.Choice = "most"
	default:
		a.Choice = "all"
	}
	n := e.Droppable
	if n == 0 {
		a.Why = "No layer drops anything (both p are 0 or 1), so there is only one network, and every step trains all of it."
		return a
	}
	a.Why = fmt.Sprintf("There are 2<sup>%d</sup> = %s sub-networks, and %s steps of batch %d draw %s masks. ",
		n, e.SubNetworks, pages.Int(coverageSteps), batch, pages.Int(int(draws)))
	uniform := true
	for _, l := range ls {
		uniform = uniform && l.p == 0.5
	}
	if uniform {
		a.Why += fmt.Sprintf("At p = 0.5 every mask is equally likely (2<sup>−%d</sup>), so the expected share met is 1 − (1 − 2<sup>−%d</sup>)<sup>%s</sup> = %s. ",
			n, n, pages.Int(int(draws)), numfmt.Plain(s))
	} else {
		a.Why += fmt.Sprintf("At p ≠ 0.5 some masks are far likelier than others (dropping almost nothing at small p), so the rare ones are met late: "+
			"summing 1 − (1 − π)<sup>draws</sup> over every mask's probability π gives an expected share of %s. ", numfmt.Plain(s))
	}
	a.Why += fmt.Sprintf("63%% are expected by step %s and 99%% by step %s (the ensemble table).", stepsText(e.Coverage.Steps63), stepsText(e.Coverage.Steps99))
	return a
}

// mcAnswer: the MC average of the logits settles on the ensemble mean of
// the logits. That is the eval-mode logits exactly when only the last
// dropout layer drops (they are linear in its mask) and the test rule is
// right; near them through a ReLU (weight scaling); away from them when a
// wrong mix's factor f ≠ 1 scales the eval output.
func mcAnswer(v *View, factor [2]float64) lessons.Answer {
	mc := v.MC
	a := lessons.Answer{Wrong: map[string]string{
		"exact": "That needs the logits to be linear in every mask, and the test rule to be right.",
		"near":  "The gap that stays comes from a ReLU between a dropout layer and the output.",
		"apart": "A constant factor comes from a wrong scaling mix.",
	}}
	probs := ""
	if last := len(mc.K) - 1; last >= 0 {
		probs = fmt.Sprintf(" The table's probabilities are another matter: the average of softmax is not the softmax of the average, "+
			"so the averaged probabilities need not settle on the eval-mode ones even when the logits do (after %d passes the largest gap is %s for the probabilities, %s for the logits).",
			mc.K[last], numfmt.Plain(mc.ProbGap[last]), numfmt.Plain(mc.LogitGap[last]))
	}
	switch {
	case factor[0] != 1 || factor[1] != 1:
		a.Choice = "apart"
		a.Why = fmt.Sprintf("The masked passes average to what training sees, but this wrong mix's test rule multiplies the dropout layers' outputs by %s (hidden 1) and %s (hidden 2) "+
			"relative to that, so the eval output sits away from their average.", numfmt.Num(factor[0]), numfmt.Num(factor[1]))
	case v.Layers[1].P == 0:
		a.Choice = "exact"
		a.Why = "Only hidden layer 2 drops, and the output layer is linear in its mask: the average of the logits over masks is the output layer applied to the average of the masked layer, " +
			"which is the eval-mode layer. So the average settles on the eval-mode logits exactly, the gap shrinking like 1/√k."
	default:
		a.Choice = "near"
		a.Why = fmt.Sprintf("Hidden layer 1 drops too (p = %s), and its mask passes through a ReLU before the output: the average over masks of a ReLU is not the ReLU of the average, "+
			"so the eval output, the weight-scaling approximation, is only close to the ensemble average (Srivastava et al. 2014, §7.5). Set the first p to 0 to make it exact.",
			numfmt.Plain(v.Layers[1].P))
	}
	a.Why += probs
	return a
}
