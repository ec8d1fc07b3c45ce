package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkGemm measures the three product kernels on shapes the lab's
// networks use (m×n×k), reporting GFLOP/s (2mnk flops per product).
func BenchmarkGemm(b *testing.B) {
	shapes := []struct {
		name    string
		m, n, k int
	}{
		{"square256", 256, 256, 256},
		{"mlp60x100x784", 60, 100, 784},
		{"conv64x196x288", 64, 196, 288},
		{"fc32x512x3136", 32, 512, 3136},
	}
	kinds := []struct {
		name string
		f    func(m, n, k int, a, b, c []float32, acc bool)
	}{{"NN", gemmNN}, {"NT", gemmNT}, {"TN", gemmTN}}
	r := rand.New(rand.NewPCG(3, 4))
	for _, s := range shapes {
		a := randTensor(r, s.m*s.k).Data
		bb := randTensor(r, s.k*s.n).Data
		c := make([]float32, s.m*s.n)
		for _, kd := range kinds {
			b.Run(fmt.Sprintf("%s/%s", kd.name, s.name), func(b *testing.B) {
				for b.Loop() {
					kd.f(s.m, s.n, s.k, a, bb, c, false)
				}
				flops := 2 * float64(s.m) * float64(s.n) * float64(s.k) * float64(b.N)
				b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
