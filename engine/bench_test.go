package engine

import (
	"math/rand/v2"
	"testing"
)

// benchTrainStep times one SGD training step of model on a fixed batch:
// zero_grad, forward, cross-entropy, backward, optimiser step. The batch is
// random (the step's cost does not depend on the pixel values), labels
// spread over the ten classes.
func benchTrainStep(b *testing.B, model Model, x *Tensor, cfg SGDConfig) {
	b.Helper()
	var params []*Param
	for _, p := range model.NamedParams() {
		params = append(params, p.Param)
	}
	opt, err := NewSGD(params, cfg)
	if err != nil {
		b.Fatal(err)
	}
	labels := make([]int, x.Shape[0])
	for i := range labels {
		labels[i] = i % 10
	}
	grad := New()
	step := func() {
		model.ZeroGrad()
		logits, err := model.Forward(x)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := crossEntropyInto(logits, labels, grad); err != nil {
			b.Fatal(err)
		}
		if _, err := model.Backward(grad); err != nil {
			b.Fatal(err)
		}
		if err := opt.Step(); err != nil {
			b.Fatal(err)
		}
	}
	step() // allocate the layers' buffers outside the timing
	b.ReportAllocs()
	cpu0 := processCPUSeconds()
	b.ResetTimer()
	for b.Loop() {
		step()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1e3/float64(b.N), "ms/step")
	// On a shared machine wall time includes waiting for a core; the
	// process's CPU time per step (Linux only) is the steadier figure.
	if cpu1 := processCPUSeconds(); cpu0 >= 0 && cpu1 >= 0 {
		b.ReportMetric((cpu1-cpu0)*1e3/float64(b.N), "cpu-ms/step")
	}
}

// BenchmarkTrainStepBNPaperMLP is one training step of Ioffe & Szegedy's
// MNIST network (784-100-100-100-10, sigmoid, BatchNorm1d after each hidden
// Linear) on a batch of 60, SGD with learning rate 0.5. PyTorch 1.13 on one
// CPU thread: 10.0 ms per step on the reference machine.
func BenchmarkTrainStepBNPaperMLP(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	model, err := NewMLP(PaperMLPSpec(true, 0.1), r)
	if err != nil {
		b.Fatal(err)
	}
	benchTrainStep(b, model, randTensor(r, 60, 784), SGDConfig{LR: 0.5})
}

// BenchmarkTrainStepSyllabusCNN is one training step of the syllabus's
// ConvNetWithBNDropout on a batch of 32 MNIST-sized images, SGD with
// momentum 0.9. PyTorch 1.13 on one CPU thread: 159 ms per step.
func BenchmarkTrainStepSyllabusCNN(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	model, err := NewSyllabusConvNet(r)
	if err != nil {
		b.Fatal(err)
	}
	benchTrainStep(b, model, randTensor(r, 32, 1, 28, 28), SGDConfig{LR: 0.01, Momentum: 0.9})
}
