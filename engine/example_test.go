package engine_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"bnlab/engine"
)

func ExampleSequential() {
	r := rand.New(rand.NewPCG(1, 2))
	lin, _ := engine.NewLinear(4, 3, true, r)
	bn, _ := engine.NewBatchNorm1d(3)
	m, err := engine.NewSequential(lin, bn, engine.NewReLU())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m)
	for _, e := range m.StateDict() {
		fmt.Println(e.Name, e.Tensor.ShapeString())
	}
	m.Eval() // model.eval(): BN uses its running statistics
	fmt.Println("training:", bn.Training())
	// Output:
	// Sequential(
	//   (0): Linear(in_features=4, out_features=3, bias=True)
	//   (1): BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
	//   (2): ReLU()
	// )
	// 0.weight (3, 4)
	// 0.bias (3,)
	// 1.weight (3,)
	// 1.bias (3,)
	// 1.running_mean (3,)
	// 1.running_var (3,)
	// 1.num_batches_tracked ()
	// training: false
}

func ExampleNewSyllabusConvNet() {
	m, err := engine.NewSyllabusConvNet(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(engine.TorchSummary(m))
	// Output:
	// ConvNetWithBNDropout(
	//   (features): Sequential(
	//     (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
	//     (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
	//     (2): ReLU()
	//     (3): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
	//     (4): Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
	//     (5): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
	//     (6): ReLU()
	//     (7): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
	//   )
	//   (classifier): Sequential(
	//     (0): Flatten(start_dim=1, end_dim=-1)
	//     (1): Linear(in_features=3136, out_features=512, bias=True)
	//     (2): BatchNorm1d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
	//     (3): ReLU()
	//     (4): Dropout(p=0.5, inplace=False)
	//     (5): Linear(in_features=512, out_features=128, bias=True)
	//     (6): ReLU()
	//     (7): Dropout(p=0.3, inplace=False)
	//     (8): Linear(in_features=128, out_features=10, bias=True)
	//   )
	// )
	// Total params: 1,693,130
}

func ExampleKerasSummary() {
	m, err := engine.NewKerasSyllabusModel(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, _ := engine.KerasRows(m, []int{1, 28, 28})
	for _, r := range rows[:3] {
		fmt.Printf("%s (%s) %s %d\n", r.Name, r.Class, r.OutputShape, r.Params)
	}
	s, _ := engine.KerasSummary(m, "sequential", []int{1, 28, 28})
	lines := strings.Split(strings.TrimSpace(s), "\n")
	fmt.Println(strings.Join(lines[len(lines)-4:], "\n"))
	// Output:
	// conv2d (Conv2D) (None, 28, 28, 32) 320
	// batch_normalization (BatchNormalization) (None, 28, 28, 32) 128
	// activation (Activation) (None, 28, 28, 32) 0
	// Total params: 825,866
	// Trainable params: 825,162
	// Non-trainable params: 704
	// _________________________________________________________________
}

// toyBatch returns a linearly separable 2-class batch.
func toyBatch(r *rand.Rand, n int) (*engine.Tensor, []int) {
	x := engine.New(n, 2)
	y := make([]int, n)
	for i := range n {
		y[i] = i % 2
		x.Data[2*i] = float32(2*y[i]-1) + float32(0.3*r.NormFloat64())
		x.Data[2*i+1] = float32(0.3 * r.NormFloat64())
	}
	return x, y
}

func ExampleTrainStep() {
	r := rand.New(rand.NewPCG(1, 2))
	m, _ := engine.NewMLP(engine.MLPSpec{Sizes: []int{2, 8, 2}, Activation: "relu", Placement: engine.NormBefore}, r)
	opt, _ := engine.NewSGD(m.Params(), engine.SGDConfig{LR: 0.1, Momentum: 0.9})
	x, y := toyBatch(r, 16)
	first, _ := engine.TrainStep(m, opt, x, y, 1)
	var last float64
	for step := 2; step <= 50; step++ {
		last, _ = engine.TrainStep(m, opt, x, y, step)
	}
	fmt.Println("loss went down:", last < first/4)

	// A NaN stops training with ErrDiverged, before the update.
	x.Data[0] = float32(math.NaN())
	_, err := engine.TrainStep(m, opt, x, y, 51)
	fmt.Println(err, errors.Is(err, engine.ErrDiverged))
	// Output:
	// loss went down: true
	// diverged at step 51: model output is not finite (NaN or Inf) true
}

func ExampleEvaluate() {
	r := rand.New(rand.NewPCG(1, 2))
	m, _ := engine.NewMLP(engine.MLPSpec{Sizes: []int{2, 8, 2}, Activation: "tanh", Placement: engine.NormBefore, Dropout: 0.2}, r)
	opt, _ := engine.NewSGD(m.Params(), engine.SGDConfig{LR: 0.2})
	tr := engine.NewTrainer(m, opt)
	for range 100 {
		x, y := toyBatch(r, 32)
		if _, err := tr.Step(x, y); err != nil {
			fmt.Println(err)
			return
		}
	}
	x, y := toyBatch(r, 200)
	_, acc, _ := engine.Evaluate(m, x, y, 50) // eval mode, then back to train mode
	fmt.Println(tr.Steps, "steps; accuracy above 95%:", acc > 0.95, "; still training:", m.Training())
	// Output:
	// 100 steps; accuracy above 95%: true ; still training: true
}

func ExampleSave() {
	a, _ := engine.NewMLP(engine.PaperMLPSpec(true, 0.1), rand.New(rand.NewPCG(1, 2)))
	b, _ := engine.NewMLP(engine.PaperMLPSpec(true, 0.1), rand.New(rand.NewPCG(3, 4)))
	var buf bytes.Buffer
	if err := engine.Save(&buf, a); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q version %d, %d bytes\n", buf.Bytes()[:5], buf.Bytes()[5], buf.Len())
	if err := engine.Load(bytes.NewReader(buf.Bytes()), b); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.NamedParams()[0].Param.Value.Data[0] == a.NamedParams()[0].Param.Value.Data[0])
	err := engine.Load(bytes.NewReader(buf.Bytes()[:100]), b)
	fmt.Println(err)
	// Output:
	// "BNLAB" version 1, 404097 bytes
	// true
	// engine: Load: file is truncated (while reading the values of 0.weight)
}

func ExampleProbes() {
	r := rand.New(rand.NewPCG(1, 2))
	m, _ := engine.NewMLP(engine.PaperMLPSpec(true, 0.1), r)
	x := engine.New(60, 784)
	for i := range x.Data {
		x.Data[i] = float32(r.NormFloat64())
	}
	if _, err := m.Forward(x); err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range engine.Probes(m)[:3] {
		fmt.Println(p.Name, p.Layer.Kind(), p.Output.ShapeString())
	}
	// The input of the first sigmoid after BN: mean 0, std 1 per feature.
	p, _ := engine.ProbeOf(m, "2")
	mean, std := engine.MeanStd(p.Input.Data)
	fmt.Printf("sigmoid input |mean| < 1e-6: %v, std %.2f\n", math.Abs(mean) < 1e-6, std)
	// Output:
	// 0 Linear (60, 100)
	// 1 BatchNorm1d (60, 100)
	// 2 Sigmoid (60, 100)
	// sigmoid input |mean| < 1e-6: true, std 1.00
}

func ExampleCrossEntropy() {
	logits, _ := engine.FromData([]float32{1, 2, 3}, 1, 3)
	loss, grad, _ := engine.CrossEntropy(logits, []int{2})
	fmt.Printf("loss %.4f grad %.4f\n", loss, grad.Data)
	_, _, err := engine.CrossEntropy(logits, []int{3})
	fmt.Println(err)
	// Output:
	// loss 0.4076 grad [0.0900 0.2447 -0.3348]
	// engine: CrossEntropy: label 3 at index 0 is out of range [0, 3) for logits (1, 3)
}
