package bnsteps

import (
	"fmt"
	"math"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
)

// The ids of bn-steps' checks.
const (
	checkRunningVar = "bn-steps-check-running-var"
	checkXHatVar    = "bn-steps-check-xhat-var"
)

// checks are bn-steps' predict-then-check questions, in the prose's order.
var checks = []lessons.Check{
	{ID: checkXHatVar, Kind: lessons.ChoiceCheck, Label: "The variance of the x̂ column is",
		Question: "Before you look at the table: what is the variance (1/<var>m</var>) of the column x̂ for the batch on screen?",
		Options: []lessons.Option{
			{Value: "one", Label: "exactly 1"},
			{Value: "under", Label: "a little under 1"},
			{Value: "over", Label: "a little over 1"},
			{Value: "zero", Label: "0"},
		}},
	{ID: checkRunningVar, Kind: lessons.NumberCheck, Label: "Keras's moving_variance after the last batch",
		Question: "The last batch (the one in the table above) has just passed through the layer in train mode, and the note at the top " +
			"shows how PyTorch's running_var moved. Keras keeps the same average as <code>moving_variance</code> with its default momentum 0.99. " +
			"What does it hold now? (Before this batch it held the value one row up in the Keras var column below, or 1 before the first batch.)"},
}

// Checks returns bn-steps' checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer from the current batch (lessons.Checker).
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	v := l.view
	if v == nil {
		return lessons.Answer{}, fmt.Errorf("lessons: bn-steps: not configured")
	}
	switch id {
	case checkXHatVar:
		return xhatVarAnswer(v), nil
	case checkRunningVar:
		return runningVarAnswer(v), nil
	}
	return lessons.Answer{}, fmt.Errorf("lessons: bn-steps: no check %q", id)
}

// xhatVarAnswer: x̂'s variance is σ²/(σ² + ε), so just under 1, and 0 for
// a constant batch.
func xhatVarAnswer(v *View) lessons.Answer {
	a := lessons.Answer{Why: fmt.Sprintf("Step 3 divides by √(σ² + ε), not by σ, so the variance of x̂ is σ²/(σ² + ε) = %s/(%s + %s) = %s.",
		numfmt.Num(v.Var), numfmt.Num(v.Var), numfmt.Num(v.Eps), numfmt.Sig(v.XHatVar, 8)),
		Wrong: map[string]string{
			"one":  "That would be true without ε; ε in the denominator takes a little off.",
			"over": "Adding ε makes the divisor larger, never smaller.",
			"zero": "Only a batch whose values are all equal has x̂ = 0 everywhere.",
		}}
	switch {
	case v.Var == 0:
		a.Choice = "zero"
		a.Why = "Every value equals the mean, so x − μ = 0 and x̂ = 0 / √(0 + ε) = 0: ε keeps the division finite, and the column's variance is 0."
		a.Wrong["under"] = "With σ² = 0 there is nothing left to scale: x − μ is 0 for every sample."
	case v.XHatVar == 1: // ε is lost against σ² in float64
		a.Choice = "one"
	default:
		a.Choice = "under"
	}
	return a
}

// runningVarAnswer: Keras's moving_variance after the last batch,
// momentum·r + (1 − momentum)·σ² with the biased σ² (Keras 3), beside
// PyTorch's running_var from the engine's layer.
func runningVarAnswer(v *View) lessons.Answer {
	pts := v.Running.Points
	last, prev := pts[len(pts)-1], pts[len(pts)-2]
	km := v.Running.KerasMomentum
	return lessons.Answer{Value: last.KerasVar, Tol: math.Max(0.0005, 0.001*math.Abs(last.KerasVar)),
		Why: fmt.Sprintf("moving_variance ← %s · %s + (1 − %s) · σ² = %s · %s + %s · %s = %s. "+
			"Keras's momentum weights the old value, so one batch moves it only %s of the way, and it takes the biased σ² (1/m); "+
			"PyTorch's running_var, with momentum %s weighting the new batch and the unbiased σ² · %d/%d, is now %s.",
			numfmt.Num(km), numfmt.Num(prev.KerasVar), numfmt.Num(km),
			numfmt.Num(km), numfmt.Num(prev.KerasVar), numfmt.Num(1-km), numfmt.Num(last.BatchVar), numfmt.Num(last.KerasVar),
			numfmt.Pct(1-km), numfmt.Num(v.Running.Momentum), v.M, v.M-1, numfmt.Num(last.TorchVar))}
}
