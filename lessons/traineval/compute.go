package traineval

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// demoEvery: the repeated-prediction demonstrations (Forgot, Sizes) are
// recomputed when training passes a multiple of demoEvery steps; they cost
// about 700 one-sample forward passes.
const demoEvery = 10

// demo holds the repeated-prediction demonstrations of one step.
type demo struct {
	step   int
	forgot Forgot
	sizes  []BatchSize
	diff   float64
	one    BatchOne
}

// sizes are the batch sizes the eval-mode answer is compared across.
var sizes = []int{1, 8, 64}

// batchOneExplanation says why a batch of one fails in train mode.
const batchOneExplanation = "In train mode BatchNorm normalises each channel with the batch's own mean and variance. " +
	"A batch of one has a single value per channel: its variance is 0 and x − μ is 0, so every output would be β " +
	"whatever the input. PyTorch refuses it with this message (a ValueError); the engine does the same, and nothing " +
	"changes. Predict single samples after model.eval(), which uses running_mean and running_var. " +
	"(A BatchNorm2d channel passes when N·H·W > 1.)"

// scratch runs fn on the model and then undoes what it did: the BN
// buffers are restored (restore does it in between too; saved holds them)
// and the dropout layers get back the training stream after fn drew masks
// from streams of their own (use), so demonstrations never change training.
func (l *Lesson) scratch(fn func(use func(stream uint64) *rand.Rand, restore func(), saved [][]float32)) {
	bufs := l.Model.Buffers()
	saved := make([][]float32, len(bufs))
	for i, b := range bufs {
		saved[i] = append([]float32(nil), b.Value.Data...)
	}
	drops := l.dropouts()
	restore := func() {
		for i, b := range bufs {
			copy(b.Value.Data, saved[i])
		}
	}
	step := uint64(l.Trainer.Steps)
	use := func(stream uint64) *rand.Rand {
		r := train.NewRand(l.seed, stream<<32|step)
		for _, d := range drops {
			d.SetRand(r)
		}
		return r
	}
	fn(use, restore, saved)
	restore()
	for _, d := range drops {
		d.SetRand(l.rng)
	}
	l.Model.Train()
}

// computeDemo runs the repeated-prediction demonstrations for the current
// step; each starts from the model's own buffers and runs its eval-mode
// passes before its train-mode ones.
func (l *Lesson) computeDemo() {
	d := &demo{step: l.Trainer.Steps}
	l.scratch(func(use func(uint64) *rand.Rand, restore func(), _ [][]float32) {
		d.forgot = l.forgot(use(11))
		restore()
		d.sizes, d.diff, d.one = l.sizes(use(12))
	})
	l.demo = d
}

// view computes the view model from the current step's state.
func (l *Lesson) view() *View {
	v := &View{Step: l.Trainer.Steps, Seed: l.seed, Dataset: l.p.dataset, Classes: l.Toy.Classes,
		Mode: l.p.mode, Loss: l.Loss, Accuracy: l.Acc, Print: l.Model.String(), Running: l.running()}
	l.scratch(func(use func(uint64) *rand.Rand, _ func(), saved [][]float32) {
		v.Layers = l.inspect(use(10), saved)
	})
	l.scratch(func(use func(uint64) *rand.Rand, _ func(), _ [][]float32) {
		v.Unit, v.HasUnit = l.probeUnit(use(13))
	})
	if l.demo == nil {
		l.computeDemo()
	}
	d := l.demo
	v.DemoStep, v.Forgot, v.Sizes, v.MaxEvalDiff, v.BatchOfOne = d.step, d.forgot, d.sizes, d.diff, d.one
	v.Notes = append(v.Notes, "Training always runs in train mode; the toggle only changes how the layers are shown, and keeps the trained network and its step count.")
	if l.p.mode == "train" {
		v.Notes = append(v.Notes, "In PyTorch a train-mode forward pass also updates running_mean and running_var; "+
			"the lesson restores them after its demonstration passes.")
	}
	return v
}

// dropouts returns the network's Dropout layers in order.
func (l *Lesson) dropouts() []*engine.Dropout {
	var out []*engine.Dropout
	for _, c := range l.Model.Children() {
		if d, ok := c.Layer.(*engine.Dropout); ok {
			out = append(out, d)
		}
	}
	return out
}

// batchWith returns a batch of size samples: the chosen one first, then
// random others drawn from r.
func (l *Lesson) batchWith(size int, r *rand.Rand) *engine.Tensor {
	d, n := l.Toy.X.Shape[1], len(l.Toy.Y)
	x := engine.New(size, d)
	for i := range size {
		j := l.p.sample
		if i > 0 {
			j = r.IntN(n)
		}
		copy(x.Data[i*d:(i+1)*d], l.Toy.X.Data[j*d:(j+1)*d])
	}
	return x
}

// probs0 runs x in train or eval mode and returns row 0's probabilities.
func (l *Lesson) probs0(x *engine.Tensor, trainMode bool) ([]float64, error) {
	l.Model.SetTraining(trainMode)
	out, err := l.Model.Forward(x)
	if err != nil {
		return nil, err
	}
	return train.Softmax(out.Data[:out.Shape[1]]), nil
}

// inspect runs the inspection batch in the chosen mode and describes every
// layer; saved holds the buffers as they were before the pass.
func (l *Lesson) inspect(r *rand.Rand, saved [][]float32) []Layer {
	trainMode := l.p.mode == "train"
	if _, err := l.probs0(l.batchWith(l.p.batch, r), trainMode); err != nil {
		return nil
	}
	var out []Layer
	bi := 0
	for _, c := range l.Model.Children() {
		t := Layer{Name: c.Name, Kind: c.Layer.Kind(), Training: trainMode}
		switch x := c.Layer.(type) {
		case *engine.BatchNorm:
			t.RunningMean, t.RunningVar = train.Float64s(saved[bi]), train.Float64s(saved[bi+1])
			bi += 3
			if mo := x.Momentum(); mo != nil {
				t.Momentum = *mo
			}
			if trainMode {
				t.Uses = fmt.Sprintf("batch statistics (mean and biased variance of these %d samples); running statistics updated", l.p.batch)
				t.Mean, t.Var = x.BatchMean(), x.BatchVar()
			} else {
				t.Uses = "running statistics (running_mean, running_var); nothing updated"
				t.Mean, t.Var = t.RunningMean, t.RunningVar
			}
		case *engine.Dropout:
			t.P = x.P()
			w := l.p.width
			t.Kept = make([]bool, w)
			if trainMode && x.P() < 1 {
				t.Scale = 1 / (1 - x.P())
				t.Uses = fmt.Sprintf("a random mask: each unit dropped with p = %s, survivors × 1/(1 − p) = %.4g", lessons.FormatFloat(x.P()), t.Scale)
				for j, m := range x.Mask().Data[:w] {
					t.Kept[j] = m != 0
				}
			} else {
				t.Scale = 1
				t.Uses = "identity: no mask, no scaling"
				for j := range t.Kept {
					t.Kept[j] = true
				}
			}
			for _, k := range t.Kept {
				if !k {
					t.Dropped++
				}
			}
		default:
			t.Uses = "the same in both modes"
		}
		out = append(out, t)
	}
	return out
}

// forgot predicts the chosen sample Passes times in train mode.
func (l *Lesson) forgot(r *rand.Rand) Forgot {
	c := l.Toy.Classes
	f := Forgot{Sample: l.p.sample, Label: l.Toy.Y[l.p.sample], Passes: l.p.passes, BatchSize: l.p.batch,
		Counts: make([]int, c), MeanProbs: make([]float64, c), StdProbs: make([]float64, c)}
	if pr, err := l.probs0(l.Toy.Row(l.p.sample), false); err == nil {
		f.EvalProbs, f.EvalAnswer = pr, argmax64(pr)
	}
	for range l.p.passes {
		pr, err := l.probs0(l.batchWith(l.p.batch, r), true)
		if err != nil {
			f.Note = err.Error()
			return f
		}
		a := argmax64(pr)
		f.Probs, f.Answers = append(f.Probs, pr), append(f.Answers, a)
		f.Counts[a]++
	}
	for _, n := range f.Counts {
		if n > 0 {
			f.Distinct++
		}
	}
	for j := range c {
		var s, s2 float64
		for _, pr := range f.Probs {
			s, s2 = s+pr[j], s2+pr[j]*pr[j]
		}
		k := float64(len(f.Probs))
		f.MeanProbs[j] = s / k
		f.StdProbs[j] = math.Sqrt(max(0, s2/k-f.MeanProbs[j]*f.MeanProbs[j]))
	}
	why := "the batch's other samples change the BN statistics and dropout changes the mask each time"
	if l.p.p == 0 {
		why = "the batch's other samples change the BN statistics each time (dropout is off: p = 0)"
	}
	f.Note = fmt.Sprintf("Forgot model.eval(): %d predictions of one input gave %d different answers; %s. "+
		"After model.eval() the answer is always class %d.", l.p.passes, f.Distinct, why, f.EvalAnswer)
	return f
}

// sizes predicts the chosen sample inside batches of 1, 8 and 64, in eval
// and in train mode.
func (l *Lesson) sizes(r *rand.Rand) ([]BatchSize, float64, BatchOne) {
	var out []BatchSize
	var one BatchOne
	var diff float64
	xs := make([]*engine.Tensor, len(sizes))
	// Eval passes first: a train-mode pass would move the running statistics.
	for i, n := range sizes {
		xs[i] = l.batchWith(n, r)
		s := BatchSize{Size: n, TrainAnswer: -1}
		if pr, err := l.probs0(xs[i], false); err == nil {
			s.EvalProbs, s.EvalAnswer = pr, argmax64(pr)
			for j, p := range pr {
				diff = max(diff, math.Abs(p-out0(out, j, pr)))
			}
		}
		out = append(out, s)
	}
	for i := range out {
		s := &out[i]
		if pr, err := l.probs0(xs[i], true); err != nil {
			s.TrainError = err.Error()
			if s.Size == 1 {
				one = BatchOne{Failed: true, Error: err.Error(), Explanation: batchOneExplanation}
			}
		} else {
			s.TrainProbs, s.TrainAnswer = pr, argmax64(pr)
		}
	}
	return out, diff, one
}

// out0 returns class j's eval probability in the first batch size (or
// fallback before there is one).
func out0(out []BatchSize, j int, fallback []float64) float64 {
	if len(out) == 0 || out[0].EvalProbs == nil {
		return fallback[j]
	}
	return out[0].EvalProbs[j]
}

// argmax64 returns the index of the largest value (the first on ties).
func argmax64(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}
