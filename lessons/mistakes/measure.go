package mistakes

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/lessons/train"
)

// inferBatch is the batch size predictions are made in.
const inferBatch = 50

// infer predicts the validation images passes times with the layer modes
// set by mode ("train": model.train(); "eval": model.eval(); "dropout-on":
// eval with the Dropout layers left in train mode), each pass in a fresh
// random order of mini-batches of 50 (so a train-mode BN sees different
// batch-mates). BN running statistics are restored afterwards (a
// forgotten eval() in PyTorch would also update them) and the model is
// left in train mode.
func infer(m *engine.Sequential, x *engine.Tensor, y []int, mode, label string, passes int, rng *rand.Rand) (InferenceRun, error) {
	run := InferenceRun{Mode: mode, Label: label, Passes: passes}
	bufs := m.Buffers()
	saved := make([][]float32, len(bufs))
	for i, b := range bufs {
		saved[i] = append([]float32(nil), b.Value.Data...)
	}
	defer func() {
		for i, b := range bufs {
			copy(b.Value.Data, saved[i])
		}
		m.Train()
	}()
	switch mode {
	case "train":
		m.Train()
	case "eval":
		m.Eval()
	case "dropout-on":
		m.Eval()
		for _, l := range engine.Leaves(m) {
			if _, ok := l.(*engine.Dropout); ok {
				l.SetTraining(true)
			}
		}
	default:
		return run, fmt.Errorf("unknown inference mode %q", mode)
	}
	n, per := x.Shape[0], x.Len()/x.Shape[0]
	var k int
	outs := make([][]float32, passes) // pass → logits (n × k) in the original order
	for p := range passes {
		perm := rng.Perm(n)
		for lo := 0; lo < n; lo += inferBatch {
			hi := min(lo+inferBatch, n)
			xb := engine.New(hi-lo, per)
			for i, j := range perm[lo:hi] {
				copy(xb.Data[i*per:(i+1)*per], x.Data[j*per:(j+1)*per])
			}
			out, err := m.Forward(xb)
			if err != nil {
				return run, err
			}
			if outs[p] == nil {
				k = out.Shape[1]
				outs[p] = make([]float32, n*k)
			}
			for i, j := range perm[lo:hi] {
				copy(outs[p][j*k:(j+1)*k], out.Data[i*k:(i+1)*k])
			}
		}
	}
	summarizeRuns(&run, outs, y, k)
	return run, nil
}

// summarizeRuns fills the run's accuracies and spreads from the logits of
// every pass.
func summarizeRuns(run *InferenceRun, outs [][]float32, y []int, k int) {
	n := len(y)
	run.Identical = true
	run.MinAcc = 1
	disagree := 0
	probs := make([]float64, len(outs))
	for _, o := range outs {
		right := 0
		for i, l := range y {
			if engine.Argmax(o[i*k:(i+1)*k]) == l {
				right++
			}
		}
		a := float64(right) / float64(n)
		run.Acc = append(run.Acc, a)
		run.MeanAcc += a / float64(len(outs))
		run.MinAcc, run.MaxAcc = math.Min(run.MinAcc, a), math.Max(run.MaxAcc, a)
		for i := range o {
			if o[i] != outs[0][i] {
				run.Identical = false
				break
			}
		}
	}
	for i, l := range y {
		first := engine.Argmax(outs[0][i*k : (i+1)*k])
		differs := false
		for p, o := range outs {
			row := o[i*k : (i+1)*k]
			if engine.Argmax(row) != first {
				differs = true
			}
			probs[p] = softmaxAt(row, l)
		}
		if differs {
			disagree++
		}
		run.ProbStd += stdDev(probs) / float64(n)
	}
	run.Disagree = float64(disagree) / float64(n)
}

// softmaxAt returns softmax(row)[c].
func softmaxAt(row []float32, c int) float64 {
	mx := math.Inf(-1)
	for _, v := range row {
		mx = math.Max(mx, float64(v))
	}
	s := 0.0
	for _, v := range row {
		s += math.Exp(float64(v) - mx)
	}
	return math.Exp(float64(row[c])-mx) / s
}

// stdDev is the population standard deviation of v.
func stdDev(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	m := 0.0
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	s := 0.0
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return math.Sqrt(s / float64(len(v)))
}

// colVar returns each column's mean and biased variance of an (n, c)
// tensor.
func colVar(t *engine.Tensor) (mean, variance []float64) {
	n, c := t.Shape[0], t.Shape[1]
	mean, variance = make([]float64, c), make([]float64, c)
	for r := 0; r < n; r++ {
		for j := 0; j < c; j++ {
			mean[j] += float64(t.Data[r*c+j]) / float64(n)
		}
	}
	for r := 0; r < n; r++ {
		for j := 0; j < c; j++ {
			d := float64(t.Data[r*c+j]) - mean[j]
			variance[j] += d * d / float64(n)
		}
	}
	return mean, variance
}

// measureEval: the BN + dropout net predicts the validation images in
// train mode (eval() forgotten) and in eval mode.
func (e *experiment) measureEval() (*EvalMistake, error) {
	return e.measureModes("train", "model.train() left on (eval() forgotten)")
}

// measureDropoutOn: the dropout net predicts with its Dropout layers left
// in train mode, and in eval mode.
func (e *experiment) measureDropoutOn() (*EvalMistake, error) {
	return e.measureModes("dropout-on", "dropout left on")
}

// measureModes compares mode with eval mode on the experiment's one net.
func (e *experiment) measureModes(mode, label string) (*EvalMistake, error) {
	j := e.jobs[0]
	r := &EvalMistake{Net: j.label}
	if j.diverged != nil {
		r.Diverged = j.diverged.Error()
		return r, nil
	}
	var err error
	if r.Mistake, err = infer(j.model, e.valX, e.valY, mode, label, passes, train.NewRand(e.seed, 300)); err != nil {
		return nil, err
	}
	if r.Fix, err = infer(j.model, e.valX, e.valY, "eval", "model.eval()", passes, train.NewRand(e.seed, 300)); err != nil {
		return nil, err
	}
	r.AccLost = r.Fix.MeanAcc - r.Mistake.MeanAcc
	return r, nil
}
