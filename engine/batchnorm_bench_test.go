package engine

import (
	"math/rand/v2"
	"testing"
)

// benchmarkNorm runs Forward and Backward of l on a fixed random input.
func benchmarkNorm(b *testing.B, l Layer, shape ...int) {
	r := rand.New(rand.NewPCG(1, 2))
	x, g := randTensor(r, shape...), randTensor(r, shape...)
	b.SetBytes(int64(4 * x.Len()))
	b.ReportAllocs()
	cpu0 := processCPUSeconds()
	for b.Loop() {
		if _, err := l.Forward(x); err != nil {
			b.Fatal(err)
		}
		if _, err := l.Backward(g); err != nil {
			b.Fatal(err)
		}
	}
	reportCPUPerOp(b, cpu0)
}

// BenchmarkBatchNorm2dTrain is the first BatchNorm2d of the syllabus CNN at
// batch 32: (32, 32, 28, 28).
func BenchmarkBatchNorm2dTrain(b *testing.B) {
	bn, _ := NewBatchNorm2d(32)
	benchmarkNorm(b, bn, 32, 32, 28, 28)
}

// BenchmarkBatchNorm1dTrainPaperMLP is one BN layer of the Ioffe & Szegedy
// MLP: (60, 100).
func BenchmarkBatchNorm1dTrainPaperMLP(b *testing.B) {
	bn, _ := NewBatchNorm1d(100)
	benchmarkNorm(b, bn, 60, 100)
}

// BenchmarkLayerNorm is LayerNorm((512,)) at batch 32.
func BenchmarkLayerNorm(b *testing.B) {
	l, _ := NewLayerNorm([]int{512}, 1e-5, true)
	benchmarkNorm(b, l, 32, 512)
}

// BenchmarkDropoutTrain is the syllabus CNN's Dropout(0.5) on (32, 512).
func BenchmarkDropoutTrain(b *testing.B) {
	d, _ := NewDropout(0.5, rand.New(rand.NewPCG(3, 4)))
	benchmarkNorm(b, d, 32, 512)
}
