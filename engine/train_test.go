package engine

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// blobs returns n points in 2-d around three centres, labelled by centre.
func blobs(r *rand.Rand, n int) (*Tensor, []int) {
	centres := [][2]float64{{-2, 0}, {2, 0}, {0, 2.5}}
	x := New(n, 2)
	y := make([]int, n)
	for i := range n {
		c := i % 3
		y[i] = c
		x.Data[2*i] = float32(centres[c][0] + 0.5*r.NormFloat64())
		x.Data[2*i+1] = float32(centres[c][1] + 0.5*r.NormFloat64())
	}
	return x, y
}

// TestTrainerLearns: a small BN + dropout MLP trained with TrainStep on
// Gaussian blobs reaches high accuracy in eval mode, and Evaluate leaves
// every layer's mode as it found it.
func TestTrainerLearns(t *testing.T) {
	for _, opt := range []string{"sgd", "adam"} {
		r := rand.New(rand.NewPCG(3, 4))
		m, err := NewMLP(MLPSpec{Sizes: []int{2, 16, 16, 3}, Activation: "relu", Placement: NormBefore, Dropout: 0.1}, r)
		if err != nil {
			t.Fatal(err)
		}
		var o Optimizer
		if opt == "sgd" {
			o, err = NewSGD(m.Params(), SGDConfig{LR: 0.1, Momentum: 0.9})
		} else {
			c := DefaultAdam()
			c.LR = 0.01
			o, err = NewAdam(m.Params(), c)
		}
		if err != nil {
			t.Fatal(err)
		}
		xTest, yTest := blobs(r, 300)
		loss0, _, err := Evaluate(m, xTest, yTest, 64)
		if err != nil {
			t.Fatal(err)
		}
		tr := NewTrainer(m, o)
		for range 200 {
			x, y := blobs(r, 32)
			if _, err := tr.Step(x, y); err != nil {
				t.Fatal(err)
			}
		}
		if tr.Steps != 200 {
			t.Errorf("Steps = %d", tr.Steps)
		}
		loss, acc, err := Evaluate(m, xTest, yTest, 64)
		if err != nil {
			t.Fatal(err)
		}
		if acc < 0.95 || loss > loss0/3 {
			t.Errorf("%s: after 200 steps loss %.3f (from %.3f), accuracy %.3f; want accuracy >= 0.95 and loss < a third", opt, loss, loss0, acc)
		}
		for _, l := range leafLayers(m) {
			if !l.Training() {
				t.Errorf("%s: Evaluate left %s in eval mode", opt, l)
			}
		}
	}
}

// TestTrainStepDiverged: NaN in the input, in the loss or in a gradient
// stops the step with ErrDiverged and leaves parameters and buffers as
// they were.
func TestTrainStepDiverged(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	m, err := NewMLP(MLPSpec{Sizes: []int{2, 8, 3}, Activation: "tanh", Placement: NormBefore}, r)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := NewSGD(m.Params(), SGDConfig{LR: 0.1, Momentum: 0.9})
	tr := NewTrainer(m, o)
	x, y := blobs(r, 12)
	for range 3 {
		if _, err := tr.Step(x, y); err != nil {
			t.Fatal(err)
		}
	}
	nanGrad := func(out *Tensor, labels []int) (float64, *Tensor, error) {
		l, g, err := CrossEntropy(out, labels)
		g.Data[0] = float32(math.NaN())
		return l, g, err
	}
	infLoss := func(out *Tensor, labels []int) (float64, *Tensor, error) {
		_, g, err := CrossEntropy(out, labels)
		return math.Inf(1), g, err
	}
	xNaN := x.Clone()
	xNaN.Data[3] = float32(math.NaN())
	for _, tc := range []struct {
		name string
		x    *Tensor
		loss LossFunc
		want string
	}{
		{"input", xNaN, CrossEntropy, "diverged at step 4: model output is not finite"},
		{"loss", x, infLoss, "diverged at step 4: loss is +Inf"},
		{"grad", x, nanGrad, "diverged at step 4: gradient of 0.weight is not finite"},
	} {
		before := stateValues(m)
		tr.Loss = tc.loss
		_, err := tr.Step(tc.x, y)
		var de *DivergedError
		if !errors.Is(err, ErrDiverged) || !errors.As(err, &de) || de.Step != 4 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q wrapping ErrDiverged", tc.name, err, tc.want)
		}
		if !sameState(before, stateValues(m)) {
			t.Errorf("%s: parameters or buffers changed by a diverged step", tc.name)
		}
		if tr.Steps != 3 {
			t.Errorf("%s: Steps = %d after a failed step, want 3", tc.name, tr.Steps)
		}
	}
	// A bad label is an ordinary error, and changes nothing either.
	tr.Loss = CrossEntropy
	before := stateValues(m)
	bad := append([]int(nil), y...)
	bad[0] = 7
	if _, err := tr.Step(x, bad); err == nil || errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "label 7") {
		t.Errorf("bad label: err = %v", err)
	}
	if !sameState(before, stateValues(m)) {
		t.Errorf("bad label changed the model")
	}
}

// TestTrainStepHugeLR: with an absurd learning rate the ReLU network
// blows up; the step that reports divergence leaves the parameters as
// they were after the previous step.
func TestTrainStepHugeLR(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	m, err := NewMLP(MLPSpec{Sizes: []int{2, 8, 3}, Activation: "relu"}, r)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := NewSGD(m.Params(), SGDConfig{LR: 1e30})
	x, y := blobs(r, 12)
	for step := 1; step <= 50; step++ {
		before := stateValues(m)
		_, err := TrainStep(m, o, x, y, step)
		if err == nil {
			continue
		}
		if !errors.Is(err, ErrDiverged) {
			t.Fatalf("step %d: %v", step, err)
		}
		if !sameState(before, stateValues(m)) {
			t.Errorf("diverged step %d changed the parameters", step)
		}
		return
	}
	t.Errorf("lr 1e30 did not diverge in 50 steps")
}

func TestEvaluateBadInput(t *testing.T) {
	m := smallNet(1)
	x := New(4, 4)
	for _, tc := range []struct {
		labels []int
		batch  int
		want   string
	}{
		{[]int{0, 1}, 2, "2 labels"},
		{[]int{0, 1, 2, 0}, 0, "batch 0"},
		{[]int{0, 1, 2, 5}, 2, "label 5"},
	} {
		if _, _, err := Evaluate(m, x, tc.labels, tc.batch); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v batch %d: err = %v, want %q", tc.labels, tc.batch, err, tc.want)
		}
	}
}
