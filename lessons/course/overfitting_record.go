package course

import (
	"fmt"

	"bnlab/engine"
	"bnlab/engine/data"
)

func (h headSource) Sample(i int, dst []float32) int { return h.src.Sample(i, dst) }

// ofRecord is one network's eval-mode measurements on the training subset,
// taken at the same steps as the harness's validation curves.
type ofRecord struct {
	loss, acc curve
}

// afterBuild prepares the training-subset evaluation and records step 0
// once the harness exists.
func (l *Overfitting) afterBuild() {
	l.rec, l.evalX, l.evalY = nil, nil, nil
	if l.h == nil {
		return
	}
	n := min(l.ds.Train.Len(), ofTrainEval)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	x, y, err := data.Gather(l.ds.Train, idx, true)
	if err != nil {
		l.err, l.h = fmt.Errorf("lessons: overfitting: %w", err), nil
		return
	}
	l.evalX, l.evalY = x, y
	l.rec = make([]ofRecord, len(l.h.nets))
	if err := l.recordTrain(); err != nil {
		l.err, l.h = err, nil
	}
}

// recordTrain evaluates every network that has not diverged on the
// training subset in eval mode (dropout off, BN running statistics), as the
// validation set is evaluated, so that the gap compares like with like.
func (l *Overfitting) recordTrain() error {
	step := l.h.Steps()
	for i, n := range l.h.nets {
		if n.diverged != nil {
			continue
		}
		if c := &l.rec[i].acc; len(c.steps) > 0 && c.steps[len(c.steps)-1] == step {
			continue
		}
		loss, acc, err := engine.Evaluate(n.model, l.evalX, l.evalY, 250)
		if err != nil {
			l.err, l.h = fmt.Errorf("lessons: overfitting: net %q on the training images: %w", n.spec.Name, err), nil
			return l.err
		}
		if finite(loss) {
			l.rec[i].loss.add(step, loss)
			l.rec[i].acc.add(step, acc)
		}
		if vs := n.rec.valAcc.steps; len(vs) == 0 || vs[len(vs)-1] != step {
			if err := n.validate(l.h); err != nil {
				l.err, l.h = err, nil
				return err
			}
		}
	}
	return nil
}

// gapCurve returns train − validation accuracy at the steps where both
// were measured.
func gapCurve(train, val *curve) curve {
	var g curve
	j := 0
	for i, s := range train.steps {
		for j < len(val.steps) && val.steps[j] < s {
			j++
		}
		if j < len(val.steps) && val.steps[j] == s {
			g.add(s, train.vals[i]-val.vals[j])
		}
	}
	return g
}
