package traineval

import (
	"fmt"
	"math"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
)

// The ids of train-eval's checks.
const (
	checkEvalOut   = "train-eval-check-eval-output"
	checkDependsOn = "train-eval-check-depends"
)

// checks are train-eval's predict-then-check questions, in the prose's
// order.
var checks = []lessons.Check{
	{ID: checkEvalOut, Kind: lessons.NumberCheck, Label: "The unit's output in eval mode",
		Question: "In <code>model.eval()</code>, what does this unit of the first BatchNorm1d output for the sample? Use the numbers in the table above."},
	{ID: checkDependsOn, Kind: lessons.ChoiceCheck, Label: "Does the output change with the batch?",
		Question: "Put the sample in batch B instead of batch A (the same sample, different other samples). In the mode shown now (the <em>Mode</em> control), does this unit's output for the sample change?",
		Options: []lessons.Option{
			{Value: "yes", Label: "yes: it depends on the other samples"},
			{Value: "no", Label: "no: it depends on the sample alone"},
		}},
}

// Checks returns train-eval's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer for the current state from the view
// (lessons.Checker); it changes nothing the lesson shows or trains.
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	if l.Model == nil || l.waiting {
		return lessons.Answer{}, fmt.Errorf("lessons: train-eval: not configured")
	}
	v := l.View()
	if !v.HasUnit {
		return lessons.Answer{}, fmt.Errorf("lessons: train-eval: the unit's passes failed")
	}
	switch id {
	case checkEvalOut:
		return evalOutAnswer(v.Unit), nil
	case checkDependsOn:
		return dependsAnswer(v.Mode, v.Unit), nil
	}
	return lessons.Answer{}, fmt.Errorf("lessons: train-eval: no check %q", id)
}

// evalOutAnswer: eval-mode BN is y = γ·(x − running_mean)/√(running_var + ε) + β;
// the value is the engine's own pass.
func evalOutAnswer(u UnitProbe) lessons.Answer {
	sd := math.Sqrt(u.RunVar + u.Eps)
	return lessons.Answer{Value: u.Eval, Tol: math.Max(0.01, 0.01*math.Abs(u.Eval)), Shown: numfmt.Num(u.Eval),
		Why: fmt.Sprintf("In eval mode BN uses its running statistics, whatever else is in the batch: "+
			"y = γ · (x − running_mean) / √(running_var + ε) + β = %s · (%s − %s) / √(%s + %s) + %s = %s · %s / %s + %s = %s. "+
			"The batch statistics (batch A: μ<sub>B</sub> = %s, σ²<sub>B</sub> = %s) play no part.",
			numfmt.Paren(u.Gamma), numfmt.Num(u.X), numfmt.Paren(u.RunMean), numfmt.Num(u.RunVar), numfmt.Num(u.Eps), numfmt.Paren(u.Beta),
			numfmt.Paren(u.Gamma), numfmt.Paren(u.X-u.RunMean), numfmt.Num(sd), numfmt.Paren(u.Beta), numfmt.Num(u.Eval),
			numfmt.Num(u.Batches[0].Mean), numfmt.Num(u.Batches[0].Var))}
}

// dependsAnswer: in train mode BN normalises with the batch's statistics,
// so the output moves with the other samples; in eval mode it does not.
func dependsAnswer(mode string, u UnitProbe) lessons.Answer {
	a, b := u.Batches[0], u.Batches[1]
	if mode == "eval" {
		return lessons.Answer{Choice: "no",
			Why: fmt.Sprintf("In eval mode BN normalises with running_mean = %s and running_var = %s, fixed numbers, so the output is %s in batch A and %s in batch B, as for the sample alone (%s).",
				numfmt.Num(u.RunMean), numfmt.Num(u.RunVar), numfmt.Num(a.Eval), numfmt.Num(b.Eval), numfmt.Num(u.Eval)),
			Wrong: map[string]string{"yes": "That is train mode; switch Mode back and ask again."}}
	}
	choice := "yes"
	if a.Train == b.Train {
		choice = "no" // two batches with the same statistics for this unit
	}
	return lessons.Answer{Choice: choice,
		Why: fmt.Sprintf("In train mode BN normalises with the batch's own statistics: batch A has μ<sub>B</sub> = %s and σ²<sub>B</sub> = %s, so y = %s; "+
			"batch B has μ<sub>B</sub> = %s and σ²<sub>B</sub> = %s, so y = %s. The same input, %s apart, only because its neighbours changed.",
			numfmt.Num(a.Mean), numfmt.Num(a.Var), numfmt.Num(a.Train), numfmt.Num(b.Mean), numfmt.Num(b.Var), numfmt.Num(b.Train), numfmt.Num(math.Abs(a.Train-b.Train))),
		Wrong: map[string]string{"no": "That is eval mode. In train mode μ<sub>B</sub> and σ²<sub>B</sub> are computed from every sample of the batch."}}
}
