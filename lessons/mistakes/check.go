package mistakes

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

// The ids of the mistakes lesson's checks.
const (
	checkCost     = "mistakes-check-cost"
	checkBatchOne = "mistakes-check-batch-one"
)

// checks are the mistakes lesson's predict-then-check questions, in the
// prose's order.
var checks = []lessons.Check{
	{ID: checkCost, Kind: lessons.ChoiceCheck, Label: "The fix wins back",
		Question: "Before the measurements appear: once the current experiment has been measured, how much validation accuracy does the fix win back " +
			"from the mistake? (For tiny batches: LayerNorm against BN at the smallest batch, " + strconv.Itoa(sizes[0]) + ".)",
		Options: []lessons.Option{
			{Value: "worse", Label: "nothing: the fix is worse, by more than 1 point"},
			{Value: "none", Label: "about nothing (within 1 point)"},
			{Value: "some", Label: "a little (1 to 5 points)"},
			{Value: "lots", Label: "a lot (more than 5 points)"},
		}},
	{ID: checkBatchOne, Kind: lessons.ChoiceCheck, Label: "With a batch of one in train mode, the network",
		Question: "Now you predict one image at a time (a batch of one) and forget <code>model.eval()</code>. " +
			"What does the current experiment's network with the mistake do? (For tiny batches: the BN network.)",
		Options: []lessons.Option{
			{Value: "same", Label: "gives the same answer as in eval mode"},
			{Value: "noisy", Label: "runs, but the same image can get different answers"},
			{Value: "error", Label: "stops with an error"},
		}},
}

// Checks returns the lesson's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer for the current experiment
// (lessons.Checker). It reads the view and works on a copy of the network,
// so the experiment goes on as if it had not been asked.
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	if l.values == nil {
		return lessons.Answer{}, fmt.Errorf("lessons: mistakes: not configured")
	}
	switch id {
	case checkCost:
		return costAnswer(l.View()), nil
	case checkBatchOne:
		return l.batchOneAnswer()
	}
	return lessons.Answer{}, fmt.Errorf("lessons: mistakes: no check %q", id)
}

// costBin is the option of checkCost for an accuracy won back.
func costBin(gain float64) string {
	switch {
	case gain < -0.01:
		return "worse"
	case gain <= 0.01:
		return "none"
	case gain <= 0.05:
		return "some"
	}
	return "lots"
}

// costAnswer: the fix's accuracy minus the mistake's, from the finished
// experiment's measurements.
func costAnswer(v *View) lessons.Answer {
	wait := func(why string) lessons.Answer {
		return lessons.Answer{Shown: "not measured yet", Why: why, NotYet: true}
	}
	switch {
	case v.Waiting:
		return wait("The MNIST images have not loaded, so nothing has trained yet. Press Play, and check your prediction when the measurements appear.")
	case !v.Done:
		return wait(fmt.Sprintf("The experiment is %s trained; its measurements come at the end. Press Play, and check your prediction then.", numfmt.Pct(v.Progress)))
	}
	var mistake, fix string
	var ma, fa float64
	var reason string
	switch {
	case v.Eval != nil || v.DropoutOn != nil:
		e := v.Eval
		if e == nil {
			e = v.DropoutOn
		}
		if e.Diverged != "" {
			return lessons.Answer{Shown: "none: the network diverged", Why: "The network diverged in training, so nothing was measured: " + html.EscapeString(e.Diverged)}
		}
		mistake, fix, ma, fa = e.Mistake.Label, e.Fix.Label, e.Mistake.MeanAcc, e.Fix.MeanAcc
		if v.Eval != nil {
			reason = fmt.Sprintf("In train mode BN normalises with the statistics of each batch of %d instead of its running ones, and dropout drops units at random; "+
				"together they cost the accuracy above, on average. Worse, the answer depends on chance and on the batch: %s of the images changed class between passes.",
				inferBatch, numfmt.Pct(e.Mistake.Disagree))
		} else {
			reason = fmt.Sprintf("Each pass keeps only a share 1 − p = %s of the units: one random sub-network is weaker than the whole network in eval mode, "+
				"and %s of the images changed class between passes.", numfmt.Plain(1-dropP), numfmt.Pct(e.Mistake.Disagree))
		}
	case v.DropoutBN != nil:
		d := v.DropoutBN
		if d.Mistake.Diverged || d.Fix.Diverged {
			return lessons.Answer{Shown: "none: a network diverged", Why: "A network of the experiment diverged in training, so the accuracies cannot be compared."}
		}
		mistake, fix, ma, fa = d.Mistake.Label, d.Fix.Label, d.Mistake.ValAcc, d.Fix.ValAcc
		reason = fmt.Sprintf("The variance shift is plain in the ratios (mean eval/train ratio %s with dropout before BN, %s after the last BN, %s without dropout), "+
			"but what it costs in accuracy depends on the network: here only one BN layer follows the dropout, and the network is shallow.",
			numfmt.Plain(pages.RoundTo(d.Mistake.MeanRatio, 3)), numfmt.Plain(pages.RoundTo(d.Fix.MeanRatio, 3)), numfmt.Plain(pages.RoundTo(d.Baseline.MeanRatio, 3)))
	case v.TinyBatch != nil:
		t := v.TinyBatch
		if len(t.Fix.ValAcc) == 0 || len(t.Mistake.ValAcc) == 0 || t.Fix.Diverged[0] {
			return lessons.Answer{Shown: "none: LayerNorm diverged", Why: "The LayerNorm network at the smallest batch diverged, so there is nothing to compare."}
		}
		mistake, fix = fmt.Sprintf("BN at batch %d", t.Sizes[0]), fmt.Sprintf("LayerNorm at batch %d", t.Sizes[0])
		ma, fa = t.Mistake.ValAcc[0], t.Fix.ValAcc[0]
		reason = "LayerNorm does not look at the batch; BN normalises every training step with the statistics of just " + strconv.Itoa(t.Sizes[0]) + " images"
		if len(t.MeanSpread) > 0 {
			reason += fmt.Sprintf(", whose mean strays by %s of a unit's standard deviation", numfmt.Plain(pages.RoundTo(t.MeanSpread[0], 2)))
		}
		reason += ", while at inference it uses its running statistics."
		if t.Mistake.Diverged[0] {
			reason = "BN at the smallest batch diverged (counted as 0%). " + reason
		}
	default:
		return lessons.Answer{Shown: "nothing measured", Why: "This experiment has no measurements."}
	}
	gain := fa - ma
	return lessons.Answer{Choice: costBin(gain), Why: fmt.Sprintf("%s: %s; %s: %s. The fix wins back %s. %s",
		html.EscapeString(mistake), numfmt.Pct(ma), html.EscapeString(fix), numfmt.Pct(fa), pages.Pts(gain), reason)}
}

// batchOneAnswer runs a copy of the current experiment's first network
// (the one with the mistake), trained as far as the experiment has got
// (untrained before the data arrives), on one image in train mode.
func (l *Lesson) batchOneAnswer() (lessons.Answer, error) {
	specs, err := netSpecs(l.mistake, l.steps)
	if err != nil {
		return lessons.Answer{}, fmt.Errorf("lessons: mistakes: %w", err)
	}
	sp := specs[0]
	in, k := 784, 10
	if l.ds != nil {
		in, k = l.ds.InputSize(), l.ds.Classes
	}
	m, err := sp.build(in, k, l.seed)
	if err != nil {
		return lessons.Answer{}, fmt.Errorf("lessons: mistakes: %w", err)
	}
	x := engine.New(1, in)
	what := "an untrained copy of the network “" + sp.label + "” (the images have not loaded yet), on a random image"
	if e := l.exp; e != nil && len(e.jobs) > 0 {
		b, err := engine.SaveBytes(e.jobs[0].model)
		if err == nil {
			err = engine.Load(bytes.NewReader(b), m)
		}
		if err != nil {
			return lessons.Answer{}, fmt.Errorf("lessons: mistakes: copying the network: %w", err)
		}
		copy(x.Data, e.valX.Data[:in])
		what = fmt.Sprintf("a copy of the network “%s”, trained for %d of its %d steps, on the first validation image", sp.label, e.jobs[0].trainer.Steps, e.jobs[0].steps)
	} else {
		r := train.NewRand(l.seed, 500)
		for i := range x.Data {
			x.Data[i] = float32(r.NormFloat64())
		}
	}
	m.Eval()
	ev, err := m.Forward(x)
	if err != nil {
		return lessons.Answer{}, fmt.Errorf("lessons: mistakes: eval mode: %w", err)
	}
	ev = ev.Clone() // the next forward pass may reuse its memory
	evalClass := engine.Argmax(ev.Data)
	m.Train()
	a := lessons.Answer{Wrong: map[string]string{}}
	var classes []string
	differs := false
	lo, hi := 1.0, 0.0 // the range of the eval-mode class's probability over the passes
	for range passes {
		out, err := m.Forward(x)
		if err != nil {
			a.Choice = "error"
			msg := err.Error()
			if i := strings.Index(msg, "Expected"); i >= 0 {
				msg = msg[i:]
			}
			a.Why = fmt.Sprintf("The engine ran %s in train mode and got the error <q>%s</q>. In train mode BN normalises each feature with the batch's mean and variance; "+
				"one image gives each feature a single value, with nothing to average and a variance of 0, so PyTorch refuses it with the same words. "+
				"<code>model.eval()</code> makes BN use its running statistics, which need no batch.",
				what, html.EscapeString(msg))
			a.Wrong["same"] = "Only eval mode (or a network without BN and dropout) gives the eval-mode answer."
			a.Wrong["noisy"] = "That is what dropout alone does; BN in train mode cannot even start on one image."
			return a, nil
		}
		c := engine.Argmax(out.Data)
		classes = append(classes, strconv.Itoa(c))
		pr := softmaxAt(out.Data, evalClass)
		lo, hi = min(lo, pr), max(hi, pr)
		for i, v := range out.Data {
			if v != ev.Data[i] {
				differs = true
			}
		}
	}
	if !differs {
		a.Choice = "same"
		a.Why = fmt.Sprintf("The engine ran %s: %d passes in train mode gave exactly the eval-mode output, class %d. Nothing in it depends on the mode.", what, passes, evalClass)
		return a, nil
	}
	a.Choice = "noisy"
	a.Why = fmt.Sprintf("The engine ran %s: %d passes in train mode predicted the classes %s, and gave class %d a probability from %s to %s; "+
		"eval mode predicts %d every time, with probability %s. "+
		"This network has no BN, so one image is no problem; but in train mode its dropout draws a new mask at every pass, "+
		"so each pass is a different sub-network, and its output differs from eval mode's even when the class does not.",
		what, passes, strings.Join(classes, ", "), evalClass, numfmt.Plain(pages.RoundTo(lo, 3)), numfmt.Plain(pages.RoundTo(hi, 3)),
		evalClass, numfmt.Plain(pages.RoundTo(softmaxAt(ev.Data, evalClass), 3)))
	a.Wrong["error"] = "Only BN needs more than one value per feature in train mode; this network has no BN."
	a.Wrong["same"] = "Dropout still drops units in train mode, whatever the batch size."
	return a, nil
}
