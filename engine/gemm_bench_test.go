package engine

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkGemm measures the product kernels on a square product and on
// the products the lab's two reference networks make in a training step
// (m×n×k, per image for the convolutions), reporting GFLOP/s (2mnk flops
// per product), by wall time and, on Linux, by CPU time.
func BenchmarkGemm(b *testing.B) {
	nn, nt, tn := gemmNN, gemmNT, gemmTN
	cases := []struct {
		name    string
		f       func(m, n, k int, a, b, c []float32, acc bool)
		m, n, k int
	}{
		{"NN/square256", nn, 256, 256, 256},
		{"NT/square256", nt, 256, 256, 256},
		{"TN/square256", tn, 256, 256, 256},
		{"NT/mlp-fc1-forward-60x100x784", nt, 60, 100, 784},
		{"TN/mlp-fc1-weightgrad-100x784x60", tn, 100, 784, 60},
		{"NN/cnn-conv1-forward-32x784x9", nn, 32, 784, 9},
		{"NT/cnn-conv1-weightgrad-32x9x784", nt, 32, 9, 784},
		{"NN/cnn-conv2-forward-64x196x288", nn, 64, 196, 288},
		{"NT/cnn-conv2-weightgrad-64x288x196", nt, 64, 288, 196},
		{"TN/cnn-conv2-inputgrad-288x196x64", tn, 288, 196, 64},
		{"NT/cnn-fc1-forward-32x512x3136", nt, 32, 512, 3136},
		{"TN/cnn-fc1-weightgrad-512x3136x32", tn, 512, 3136, 32},
		{"NN/cnn-fc1-inputgrad-32x3136x512", nn, 32, 3136, 512},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, s := range cases {
		a := randTensor(r, s.m*s.k).Data
		bb := randTensor(r, s.k*s.n).Data
		c := make([]float32, s.m*s.n)
		b.Run(s.name, func(b *testing.B) {
			cpu0 := processCPUSeconds()
			for b.Loop() {
				s.f(s.m, s.n, s.k, a, bb, c, true)
			}
			flops := 2 * float64(s.m) * float64(s.n) * float64(s.k) * float64(b.N)
			b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			// By CPU time (Linux): steadier on a shared, overloaded machine.
			if cpu1 := processCPUSeconds(); cpu0 >= 0 && cpu1 > cpu0 {
				b.ReportMetric(flops/(cpu1-cpu0)/1e9, "cpu-GFLOP/s")
			}
		})
	}
}
