package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// bnKernelCases are the layouts and modes the BatchNorm kernels branch on:
// (N, C) rows, (N, C, L) and (N, C, H, W) channels, batch or running
// statistics, with and without γ and β.
var bnKernelCases = []struct {
	name  string
	dims  int
	shape []int
	train bool
	opts  []BatchNormOption
}{
	{"1d_NC_train", 1, []int{7, 5}, true, nil},
	{"1d_NC_eval", 1, []int{7, 5}, false, nil},
	{"1d_NCL_train", 1, []int{3, 4, 9}, true, nil},
	{"2d_train", 2, []int{3, 2, 5, 7}, true, nil},
	{"2d_eval", 2, []int{3, 2, 5, 7}, false, nil},
	{"2d_untracked_eval", 2, []int{2, 3, 3, 3}, false, []BatchNormOption{WithTrackRunningStats(false)}},
	{"2d_no_affine_train", 2, []int{2, 3, 4, 4}, true, []BatchNormOption{WithAffine(false)}},
	{"1d_cumulative_train", 1, []int{6, 3}, true, []BatchNormOption{WithCumulativeAverage()}},
}

// TestBatchNormSteadyStateAllocs checks that once its buffers exist, a
// BatchNorm forward and backward step allocates nothing, in every layout
// and mode.
func TestBatchNormSteadyStateAllocs(t *testing.T) {
	for _, tc := range bnKernelCases {
		r := rand.New(rand.NewPCG(4, 4))
		b := mustBN(t, tc.dims, tc.shape[1], tc.opts...)
		b.SetTraining(tc.train)
		x, gy := randTensor(r, tc.shape...), randTensor(r, tc.shape...)
		allocs := testing.AllocsPerRun(10, func() {
			if _, err := b.Forward(x); err != nil {
				t.Fatal(err)
			}
			if _, err := b.Backward(gy); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > 0 {
			t.Errorf("%s: %v allocations per step, want 0", tc.name, allocs)
		}
	}
}

// TestBatchNormMatchesFormulaBitwise checks the layer's element-wise
// kernels against a direct, element-by-element transcription of the
// formulas in batchnorm.go and batchnorm_backward.go (float64 arithmetic,
// one rounding to float32): x̂, y and dL/dx must agree bit for bit, and the
// reused output buffers must hold the second call's values when the shape
// changes between calls.
func TestBatchNormMatchesFormulaBitwise(t *testing.T) {
	for _, tc := range bnKernelCases {
		r := rand.New(rand.NewPCG(5, 6))
		b := mustBN(t, tc.dims, tc.shape[1], tc.opts...)
		randomiseAffine(r, b.Params())
		for range 2 { // non-trivial running statistics for eval mode
			if _, err := b.Forward(randTensor(r, tc.shape...)); err != nil {
				t.Fatal(err)
			}
		}
		b.SetTraining(tc.train)
		for _, n := range []int{tc.shape[0], tc.shape[0] - 1} { // then a smaller batch
			shape := append([]int{n}, tc.shape[1:]...)
			x, gy := randTensor(r, shape...), randTensor(r, shape...)
			mean, variance := bnStatsForTest(t, b, x)
			y, err := b.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			wh, wy := bnForwardFormula(b, x, mean, variance)
			gx, err := b.Backward(gy)
			if err != nil {
				t.Fatal(err)
			}
			wgx := bnBackwardFormula(b, gy, wh, variance)
			for _, c := range []struct {
				what      string
				got, want []float32
			}{{"x̂", b.XHat().Data, wh}, {"y", y.Data, wy}, {"dL/dx", gx.Data, wgx}} {
				if len(c.got) != len(c.want) {
					t.Fatalf("%s batch %d: %s has %d values, want %d", tc.name, n, c.what, len(c.got), len(c.want))
				}
				for i := range c.want {
					if math.Float32bits(c.got[i]) != math.Float32bits(c.want[i]) {
						t.Errorf("%s batch %d: %s[%d] = %v, formula gives %v", tc.name, n, c.what, i, c.got[i], c.want[i])
						break
					}
				}
			}
		}
	}
}

// bnStatsForTest returns the statistics the next Forward of b normalises x
// with: the batch's (from channelStats) or the running ones.
func bnStatsForTest(t *testing.T, b *BatchNorm, x *Tensor) (mean, variance []float64) {
	t.Helper()
	n, c, s, err := b.checkInput(x)
	if err != nil {
		t.Fatal(err)
	}
	mean, variance = make([]float64, c), make([]float64, c)
	if b.usesBatchStats() {
		channelStats(x.Data, n, c, s, mean, variance)
		return mean, variance
	}
	for ch := range c {
		mean[ch] = float64(b.runningMean.Value.Data[ch])
		variance[ch] = float64(b.runningVar.Value.Data[ch])
	}
	return mean, variance
}

// bnGammaBeta returns γ and β of channel ch (1 and 0 without affine).
func bnGammaBeta(b *BatchNorm, ch int) (float64, float64) {
	if !b.affine {
		return 1, 0
	}
	return float64(b.weight.Value.Data[ch]), float64(b.bias.Value.Data[ch])
}

// bnForwardFormula returns x̂ = (x − μ)/√(σ²+eps) and y = a·x + d with
// a = γ/√(σ²+eps), d = β − μ·a, element by element.
func bnForwardFormula(b *BatchNorm, x *Tensor, mean, variance []float64) (h, y []float32) {
	c := x.Shape[1]
	s := x.Len() / (x.Shape[0] * c)
	h, y = make([]float32, x.Len()), make([]float32, x.Len())
	for i, v := range x.Data {
		ch := i / s % c
		is := 1 / math.Sqrt(variance[ch]+b.eps)
		g, bt := bnGammaBeta(b, ch)
		a := g * is
		d := bt - mean[ch]*a
		h[i] = float32((float64(v) - mean[ch]) * is)
		y[i] = float32(a*float64(v) + d)
	}
	return h, y
}

// bnBackwardFormula returns dL/dx = γ/√(σ²+eps)·(g − mean(g) − x̂·mean(g·x̂)),
// the means taken per channel in train mode and zero in eval mode. The sums
// are reduced in the layer's order (gradSums64 per contiguous run), since
// the order changes the last bit of a float64 sum.
func bnBackwardFormula(b *BatchNorm, gy *Tensor, h []float32, variance []float64) []float32 {
	c := gy.Shape[1]
	s := gy.Len() / (gy.Shape[0] * c)
	cnt := float64(gy.Len() / c)
	sumG, sumGH := make([]float64, c), make([]float64, c)
	for off := 0; off < gy.Len(); off += s { // the layer's summation order
		ch := off / s % c
		sg, sgh := gradSums64(gy.Data[off:off+s], h[off:off+s])
		sumG[ch] += sg
		sumGH[ch] += sgh
	}
	gx := make([]float32, gy.Len())
	for i, g := range gy.Data {
		ch := i / s % c
		gamma, _ := bnGammaBeta(b, ch)
		sc := gamma * (1 / math.Sqrt(variance[ch]+b.eps))
		mg, mgh := 0.0, 0.0
		if b.fwdBatch {
			mg, mgh = sumG[ch]/cnt, sumGH[ch]/cnt
		}
		gx[i] = float32(sc * (float64(g) - mg - float64(h[i])*mgh))
	}
	return gx
}
