package overfitting

import (
	"fmt"

	"bnlab/engine"
	"bnlab/engine/data"
	"bnlab/lessons/train"
)

// record is one network's eval-mode measurements on the training subset,
// taken at the same steps as the harness's validation curves.
type record struct {
	loss, acc train.Series
}

// afterBuild prepares the training-subset evaluation and records step 0
// once the harness exists.
func (l *Lesson) afterBuild() {
	l.rec, l.evalX, l.evalY = nil, nil, nil
	if l.Harness == nil {
		return
	}
	n := min(l.Data.Train.Len(), trainEval)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	x, y, err := data.Gather(l.Data.Train, idx, true)
	if err != nil {
		l.Err, l.Harness = fmt.Errorf("lessons: overfitting: %w", err), nil
		return
	}
	l.evalX, l.evalY = x, y
	l.rec = make([]record, len(l.Harness.Nets))
	if err := l.recordTrain(); err != nil {
		l.Err, l.Harness = err, nil
	}
}

// recordTrain evaluates every network that has not diverged on the
// training subset in eval mode (dropout off, BN running statistics), as the
// validation set is evaluated, so that the gap compares like with like.
func (l *Lesson) recordTrain() error {
	step := l.Harness.Steps()
	for i, n := range l.Harness.Nets {
		if n.Diverged != nil {
			continue
		}
		if c := &l.rec[i].acc; len(c.Steps) > 0 && c.Steps[len(c.Steps)-1] == step {
			continue
		}
		loss, acc, err := engine.Evaluate(n.Model, l.evalX, l.evalY, 250)
		if err != nil {
			l.Err, l.Harness = fmt.Errorf("lessons: overfitting: net %q on the training images: %w", n.Spec.Name, err), nil
			return l.Err
		}
		if train.Finite(loss) {
			l.rec[i].loss.Add(step, loss)
			l.rec[i].acc.Add(step, acc)
		}
		if vs := n.Rec.ValAcc.Steps; len(vs) == 0 || vs[len(vs)-1] != step {
			if err := n.Validate(l.Harness); err != nil {
				l.Err, l.Harness = err, nil
				return err
			}
		}
	}
	return nil
}

// gapCurve returns train − validation accuracy at the steps where both
// were measured.
func gapCurve(tr, val *train.Series) train.Series {
	var g train.Series
	j := 0
	for i, s := range tr.Steps {
		for j < len(val.Steps) && val.Steps[j] < s {
			j++
		}
		if j < len(val.Steps) && val.Steps[j] == s {
			g.Add(s, tr.Vals[i]-val.Vals[j])
		}
	}
	return g
}
