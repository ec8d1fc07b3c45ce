package cnn

import (
	"fmt"
	"math"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// The ids of the cnn lesson's checks.
const (
	checkCount = "cnn-check-count"
	checkScale = "cnn-check-scale"
	checkFold  = "cnn-check-fold"
)

// sameScale is how close to 1 the fold's scale s must be for w′ to count
// as "almost the same" as w in checkScale.
const sameScale = 0.005

// checks are the cnn lesson's predict-then-check questions, in the
// prose's order.
var checks = []lessons.Check{
	{ID: checkCount, Kind: lessons.NumberCheck, Label: "Values per channel mean",
		Question: "For the layer and batch on the stage, how many numbers does <code>BatchNorm2d</code> average over to get <em>one</em> channel's mean?"},
	{ID: checkScale, Kind: lessons.ChoiceCheck, Label: "Compared with w, the folded kernel w′ = w·s of the channel on the stage is",
		Question: "Folding multiplies the channel's kernel by s = γ/√(running_var + ε). For the channel on the stage, in the state on screen, what does that do to the kernel?",
		Options: []lessons.Option{
			{Value: "same", Label: "almost the same as w (within 0.5%)"},
			{Value: "up", Label: "larger than w, same signs"},
			{Value: "down", Label: "smaller than w, same signs"},
			{Value: "flip", Label: "every sign flipped"},
		}},
	{ID: checkFold, Kind: lessons.NumberCheck, Label: "Largest |difference|",
		Question: "The lab runs the batch through conv → BN in eval mode, and through the folded conv alone. Over every output value of the batch, what is the largest difference between the two?"},
}

// Checks returns the cnn lesson's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer from the current view (lessons.Checker).
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	v := l.view
	if v == nil {
		return lessons.Answer{}, fmt.Errorf("lessons: cnn: not configured")
	}
	switch id {
	case checkCount:
		return countAnswer(v), nil
	case checkScale:
		return scaleAnswer(v), nil
	case checkFold:
		return foldAnswer(v), nil
	}
	return lessons.Answer{}, fmt.Errorf("lessons: cnn: no check %q", id)
}

// countAnswer: one channel's mean averages N × H × W values.
func countAnswer(v *View) lessons.Answer {
	r := v.Reduction
	why := fmt.Sprintf("Channel %d comes from one filter applied at every position of every image, so BN averages its whole map over the batch: "+
		"N × H × W = %d × %d × %d = %s values. Not N = %d alone (that is what BatchNorm1d averages after a Linear layer), "+
		"and not H × W = %s (one image's map: that would be InstanceNorm).",
		v.Channel, r.N, r.H, r.W, pages.Int(r.Count), r.N, pages.Int(r.H*r.W))
	if v.Conv == "features.4" {
		why += fmt.Sprintf(" %s sees 14 × 14 maps because the 2 × 2 max-pool after the first block halved 28 × 28.", v.Conv)
	}
	return lessons.Answer{Value: float64(r.Count), Tol: 0.5, Shown: pages.Int(r.Count), Why: why}
}

// scaleAnswer: how the fold's scale s = γ/√(running_var + ε) changes the
// highlighted channel's kernel.
func scaleAnswer(v *View) lessons.Answer {
	f, s := v.Fold, v.Fold.Scale
	gamma := v.AllChannels[f.Channel].Gamma
	a := lessons.Answer{Why: fmt.Sprintf("For channel %d, s = γ/√(running_var + ε) = %s/√(%s + %s) = %s, and every weight of its kernel is multiplied by it. "+
		"The running statistics start at 0 and 1 and γ at 1, so an untrained layer gives s = 1/√(1 + ε), a hair under 1; training moves γ and running_var (%d steps so far).",
		f.Channel, numfmt.Sig(gamma, 6), numfmt.Sig(f.RunningVar, 6), numfmt.Num(v.Stats.Eps), numfmt.Sig(s, 6), v.Steps),
		Wrong: map[string]string{
			"same": "Only when γ is close to √(running_var + ε).",
			"up":   "That needs γ larger than √(running_var + ε).",
			"down": "That needs γ smaller than √(running_var + ε), but still positive.",
			"flip": "Only a negative γ flips the signs; √(running_var + ε) is always positive.",
		}}
	switch {
	case math.Abs(s-1) < sameScale:
		a.Choice = "same"
	case s < 0:
		a.Choice = "flip"
	case s > 1:
		a.Choice = "up"
	default:
		a.Choice = "down"
	}
	return a
}

// float32Step is the spacing of float32 numbers near x (x > 0).
func float32Step(x float64) float64 {
	if x <= 0 {
		return math.Pow(2, -149)
	}
	return math.Pow(2, math.Floor(math.Log2(x))-23)
}

// foldAnswer: the folded conv and conv → BN (eval) differ only by float32
// rounding; any prediction within the fold's float32 allowance is right.
func foldAnswer(v *View) lessons.Answer {
	f := v.Fold
	step := float32Step(f.MaxAbsOut)
	return lessons.Answer{Value: f.MaxAbsDiff, Tol: f.Tolerance, Shown: numfmt.Num(f.MaxAbsDiff),
		Why: fmt.Sprintf("In eval mode BN is y = s·z + t with s = γ/√(running_var + ε) and t = β − s·running_mean, fixed numbers per channel. "+
			"So s·(w·x + b) + t = (s·w)·x + (s·b + t) = w′·x + b′ exactly, in real arithmetic. What is left is float32 rounding: the two sides round their products and sums in a different order. "+
			"Here the largest difference is %s against outputs up to %s, about %s float32 steps at that size (a step is %s there). "+
			"Anything up to the lab's allowance of %s counts as the same, including 0.",
			numfmt.Num(f.MaxAbsDiff), numfmt.Num(f.MaxAbsOut), numfmt.Sig(f.MaxAbsDiff/step, 2), numfmt.Num(step), numfmt.Num(f.Tolerance))}
}
