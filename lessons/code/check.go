package code

import (
	"fmt"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// The ids of the code lesson's checks.
const (
	checkKerasMomentum = "code-check-keras-momentum"
	checkEvalCall      = "code-check-eval-call"
	checkKerasBN       = "code-check-keras-bn"
)

// checks are the code lesson's predict-then-check questions, in the
// prose's order.
var checks = []lessons.Check{
	{ID: checkKerasMomentum, Kind: lessons.NumberCheck, Label: "Keras momentum",
		Question: fmt.Sprintf("PyTorch's <code>nn.BatchNorm2d</code> uses <code>momentum=%g</code> by default. What <code>momentum</code> must you give "+
			"Keras's <code>layers.BatchNormalization</code> for the same running average?", torchMomentum)},
	{ID: checkEvalCall, Kind: lessons.ChoiceCheck, Label: "The call that makes BN use its running statistics",
		Question: "In PyTorch, which call makes every BN layer normalise with its running statistics (and stop updating them)?",
		Options: []lessons.Option{
			{Value: "no_grad", Label: "with torch.no_grad():"},
			{Value: "eval", Label: "model.eval()"},
			{Value: "requires_grad", Label: "model.requires_grad_(False)"},
		}},
	{ID: checkKerasBN, Kind: lessons.NumberCheck, Label: "Trainable parameters",
		Question: "Before you look at the summary: how many of the parameters of the Keras model's last <code>BatchNormalization</code> " +
			"(the one after <code>Dense(256)</code>) are trainable?"},
}

// Checks returns the code lesson's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer from the lesson's constants and the
// engine's models (lessons.Checker).
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	v := l.view
	if v == nil {
		return lessons.Answer{}, fmt.Errorf("lessons: code: not configured")
	}
	switch id {
	case checkKerasMomentum:
		return kerasMomentumAnswer(v), nil
	case checkEvalCall:
		return evalCallAnswer(v.EvalDemo), nil
	case checkKerasBN:
		return kerasBNAnswer(v)
	}
	return lessons.Answer{}, fmt.Errorf("lessons: code: no check %q", id)
}

// kerasMomentumAnswer: Keras's momentum weights the old value, so the same
// average needs 1 − PyTorch's momentum.
func kerasMomentumAnswer(v *View) lessons.Answer {
	want := 1 - torchMomentum
	m := v.Momentum
	return lessons.Answer{Value: want, Tol: 0.005, Shown: numfmt.Plain(want),
		Why: fmt.Sprintf("PyTorch: r ← (1 − %g)·r + %g·μ<sub>B</sub>, momentum weighting the new batch. Keras: r ← k·r + (1 − k)·μ<sub>B</sub>, momentum weighting the old average. "+
			"They agree when k = 1 − %g = %s. Keras's own default, %g, corresponds to PyTorch's momentum %s: on the chart below, after %d batches of mean 1 PyTorch's running mean is at %s and Keras's only at %s. "+
			"To bring Keras close to PyTorch, write layers.BatchNormalization(epsilon=%s, momentum=%s); one difference stays, since PyTorch's running_var stores the unbiased batch variance (× <var>m</var>/(<var>m</var> − 1) for a batch of <var>m</var>) and Keras 3's moving_variance the biased one.",
			torchMomentum, torchMomentum, torchMomentum, numfmt.Plain(want), kerasMomentum, numfmt.Plain(1-kerasMomentum),
			m.Batches, numfmt.Sig(m.Torch[m.Batches-1], 3), numfmt.Sig(m.Keras[m.Batches-1], 3), pyFloat(torchEps), numfmt.Plain(want))}
}

// evalCallAnswer: model.eval(), with the engine's demonstration of what
// train mode does to the running mean and what eval mode does not.
func evalCallAnswer(d EvalDemo) lessons.Answer {
	return lessons.Answer{Choice: "eval",
		Why: fmt.Sprintf("model.eval() sets every submodule's training flag to False: BN then normalises with running_mean and running_var and leaves them alone, and dropout passes everything through. "+
			"In this lab's engine, one batch of %d images through the model in train mode moved %s.running_mean[0] from %s to %s; after model.eval(), the same batch left it at %s.",
			d.Batch, d.Layer, numfmt.Num(d.Before), numfmt.Sig(d.AfterTrain, 6), numfmt.Sig(d.AfterEval, 6)),
		Wrong: map[string]string{
			"no_grad":       "torch.no_grad() only stops recording the graph for backpropagation; it does not change the mode. In train mode BN still uses the batch's statistics and still updates its running ones, even under no_grad.",
			"requires_grad": "requires_grad_(False) freezes the parameters (weights, γ and β), but BN's mode is untouched: in train mode it still uses the batch's statistics and updates its running ones.",
		}}
}

// kerasBNAnswer: the Keras BN layer's trainable parameters (γ and β) from
// the engine's summary rows, beside the PyTorch layer's parameters and
// buffers.
func kerasBNAnswer(v *View) (lessons.Answer, error) {
	var row *KerasRow
	for i := range v.KerasRows {
		if v.KerasRows[i].Class == "BatchNormalization" {
			row = &v.KerasRows[i]
		}
	}
	if row == nil || len(v.TorchBN) == 0 {
		return lessons.Answer{}, fmt.Errorf("lessons: code: the models have no BN layer")
	}
	trained := row.Params - row.NonTrainable
	units := row.Params / 4
	tb := v.TorchBN[len(v.TorchBN)-1]
	return lessons.Answer{Value: float64(trained), Tol: 0.5, Shown: pages.Int(trained),
		Why: fmt.Sprintf("It normalises %d units and keeps four numbers per unit: γ and β, which are trained (2 × %d = %s), and the moving mean and variance, which are not. "+
			"So the summary lists %s parameters, %s of them non-trainable. PyTorch's last BN layer (%s, %d units) counts only γ and β as parameters (%s); "+
			"its running_mean, running_var and num_batches_tracked (%s values) are buffers, outside model.parameters().",
			units, units, pages.Int(trained), pages.Int(row.Params), pages.Int(row.NonTrainable),
			tb.Name, tb.Params/2, pages.Int(tb.Params), pages.Int(tb.Buffers))}, nil
}
