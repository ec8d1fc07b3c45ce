package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// naiveGemm is the float64 reference: C (+)= op(A)·op(B).
func naiveGemm(tA, tB bool, m, n, k int, a, b, c []float32, acc bool) []float64 {
	out := make([]float64, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			if acc {
				s = float64(c[i*n+j])
			}
			for p := 0; p < k; p++ {
				av := a[i*k+p]
				if tA {
					av = a[p*m+i]
				}
				bv := b[p*n+j]
				if tB {
					bv = b[j*k+p]
				}
				s += float64(av) * float64(bv)
			}
			out[i*n+j] = s
		}
	}
	return out
}

func TestGemm(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	sizes := [][3]int{{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {5, 9, 3}, {17, 13, 300}, {64, 70, 513}, {70, 600, 20}, {40, 1030, 520}, {7, 5, 1}, {1, 9, 4}, {2, 3, 0}}
	kinds := []struct {
		name   string
		tA, tB bool
		f      func(m, n, k int, a, b, c []float32, acc bool)
	}{
		{"NN", false, false, gemmNN},
		{"NT", false, true, gemmNT},
		{"TN", true, false, gemmTN},
	}
	for _, kd := range kinds {
		for _, s := range sizes {
			for _, acc := range []bool{false, true} {
				m, n, k := s[0], s[1], s[2]
				t.Run(fmt.Sprintf("%s/%dx%dx%d/acc=%v", kd.name, m, n, k, acc), func(t *testing.T) {
					a := randTensor(r, m*k).Data
					b := randTensor(r, k*n).Data
					c := randTensor(r, m*n).Data
					want := naiveGemm(kd.tA, kd.tB, m, n, k, a, b, c, acc)
					kd.f(m, n, k, a, b, c, acc)
					for i, w := range want {
						if math.Abs(float64(c[i])-w) > 1e-5*(1+math.Sqrt(float64(k))) {
							t.Fatalf("C[%d] = %g, want %g", i, c[i], w)
						}
					}
				})
			}
		}
	}
}
