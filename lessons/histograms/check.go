package histograms

import (
	"errors"
	"fmt"
	"math"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/train"
)

// The ids of the histograms lesson's checks.
const (
	checkSlopeBound = "histograms-check-slope-bound"
	checkGradWinner = "histograms-check-grad-winner"
)

// checks are the histograms lesson's predict-then-check questions, in the
// prose's order.
var checks = []lessons.Check{
	{ID: checkSlopeBound, Kind: lessons.NumberCheck, Label: "Powers of ten lost from the last hidden layer to the first",
		Question: "Backpropagation multiplies the gradient by the activation's slope once per layer it passes. The slope is at most 0.25 for a sigmoid and at most 1 for tanh and ReLU. " +
			"Counting the slopes alone, by how many powers of ten can ‖∂L/∂W‖ of the first hidden layer fall below that of the last, in the network on screen? (Count the layers and the activation in the controls.)"},
	{ID: checkGradWinner, Kind: lessons.ChoiceCheck, Label: "The larger first-layer gradient belongs to",
		Question: "Right now, which network's first hidden layer gets the larger weight gradient ‖∂L/∂W₁‖?",
		Options: []lessons.Option{
			{Value: "plain", Label: "the network without BN"},
			{Value: "second", Label: "the second network (BN)"},
			{Value: "same", Label: "about the same (within a factor of 10)"},
		}},
}

// Checks returns the lesson's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer for the current run (lessons.Checker).
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	v := l.View()
	switch id {
	case checkSlopeBound:
		if v.Depth < 1 {
			return lessons.Answer{}, errors.New("histograms: not configured")
		}
		return slopeBoundAnswer(v), nil
	case checkGradWinner:
		if v.Train == nil || len(v.Summary) < 2 {
			return lessons.Answer{}, errors.New("the networks appear when the MNIST images have loaded; answer then")
		}
		return gradWinnerAnswer(v)
	}
	return lessons.Answer{}, fmt.Errorf("histograms: no check %q", id)
}

// maxSlope is the largest slope of an activation: σ′ ≤ 1/4, tanh′ ≤ 1,
// ReLU′ ≤ 1.
func maxSlope(act string) float64 {
	if act == "sigmoid" {
		return 0.25
	}
	return 1
}

// slopeBoundAnswer: between the last hidden layer's weights and the first's,
// the gradient passes depth − 1 activations, each of slope at most s, so
// the slopes alone can shrink it by (depth − 1)·log₁₀(1/s) powers of ten.
// Why compares the bound with the plain network's measured ratio.
func slopeBoundAnswer(v *View) lessons.Answer {
	s := maxSlope(v.Activation)
	pw := float64(v.Depth-1) * math.Log10(1/s)
	why := fmt.Sprintf("From the last hidden layer's weights back to the first's, the gradient passes the %s of %d layers, each slope at most %s: a factor of at most %s<sup>%d</sup>, so the slopes alone can take off %s powers of ten.",
		actPanel(v.Activation), v.Depth-1, numfmt.Plain(s), numfmt.Plain(s), v.Depth-1, numfmt.Plain(math.Round(pw*10)/10))
	if s == 1 {
		why += " A slope of 1 takes nothing off, so with " + actPanel(v.Activation) + " any shrinking comes from the weights and from the units that are off or saturated."
	}
	if len(v.Summary) > 0 && v.Summary[0].GradRatio > 0 && !v.Summary[0].Diverged {
		why += fmt.Sprintf(" The plain network's measured ratio, first hidden layer ÷ last, is %s right now (10<sup>%s</sup>): the weights, small at σ = %s, take off more or give some back.",
			sci(v.Summary[0].GradRatio), numfmt.Plain(math.Round(math.Log10(v.Summary[0].GradRatio)*10)/10), numfmt.Plain(v.WeightStd))
	}
	return lessons.Answer{Value: pw, Tol: 0.5, Shown: numfmt.Plain(math.Round(pw*10)/10) + " powers of ten", Why: why}
}

// gradWinnerAnswer compares the two networks' first-layer gradient norms at
// the last histogram step: a factor of 10 or more either way picks the
// network, less is "same".
func gradWinnerAnswer(v *View) (lessons.Answer, error) {
	p, q := v.Summary[0], v.Summary[1]
	for _, s := range []train.NetSummary{p, q} {
		if s.Diverged {
			return lessons.Answer{}, fmt.Errorf("the network %s has diverged, so its gradient is no longer a number: lower the learning rate or reset, then ask again", short(s.Name))
		}
	}
	if !(p.GradFirst > 0) || !(q.GradFirst > 0) {
		return lessons.Answer{}, errors.New("no gradient is recorded yet: take a step, then ask again")
	}
	r := q.GradFirst / p.GradFirst
	a := lessons.Answer{Choice: "same"}
	switch {
	case r >= 10:
		a.Choice = "second"
	case r <= 0.1:
		a.Choice = "plain"
	}
	a.Why = fmt.Sprintf("At step %d, ‖∂L/∂W₁‖ is %s without BN and %s %s: the second network's is %s times the plain one's.",
		v.Train.Nets[0].HistStep, sci(p.GradFirst), sci(q.GradFirst), second(v), sci(r))
	switch a.Choice {
	case "second":
		a.Why += " BN hands every layer inputs with mean β and spread |γ|, so the slopes stay large and the gradient survives the way down; without it, the small weights and flat slopes multiply it away."
	case "plain":
		a.Why += " Here the plain network's layers pass the gradient well (large weights or a non-saturating activation); BN divides each layer's backward signal by the batch's spread, which can make it smaller."
	default:
		a.Why += " At this setting both networks pass the gradient down about as well; the difference BN makes shows in how the inputs stay in the activation's useful range."
	}
	return a, nil
}
