package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestBatchNormString(t *testing.T) {
	cases := []struct {
		dims, c int
		opts    []BatchNormOption
		want    string
	}{
		{2, 32, nil, "BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)"},
		{1, 512, nil, "BatchNorm1d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)"},
		{1, 4, []BatchNormOption{WithEps(1e-3), WithMomentum(0.01), WithAffine(false)},
			"BatchNorm1d(4, eps=0.001, momentum=0.01, affine=False, track_running_stats=True)"},
		{2, 8, []BatchNormOption{WithCumulativeAverage(), WithTrackRunningStats(false), WithEps(1)},
			"BatchNorm2d(8, eps=1.0, momentum=None, affine=True, track_running_stats=False)"},
	}
	for _, tc := range cases {
		if got := mustBN(t, tc.dims, tc.c, tc.opts...).String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestPyFloatRepr(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{{1e-5, "1e-05"}, {0.1, "0.1"}, {1, "1.0"}, {0.5, "0.5"}, {1e-8, "1e-08"}, {0.0001, "0.0001"},
		{1e16, "1e+16"}, {123.25, "123.25"}, {0, "0.0"}, {0.3, "0.3"}} {
		if got := pyFloatRepr(tc.v); got != tc.want {
			t.Errorf("pyFloatRepr(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestBatchNormRefusesBadOptions(t *testing.T) {
	cases := []struct {
		name string
		c    int
		opts []BatchNormOption
		want string
	}{
		{"eps_zero", 3, []BatchNormOption{WithEps(0)}, "eps must be positive"},
		{"eps_negative", 3, []BatchNormOption{WithEps(-1e-5)}, "got -1e-05"},
		{"eps_nan", 3, []BatchNormOption{WithEps(math.NaN())}, "eps must be positive"},
		{"momentum_above_one", 3, []BatchNormOption{WithMomentum(1.5)}, "momentum must be in [0, 1]"},
		{"no_features", 0, nil, "num_features must be positive, got 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewBatchNorm1d(tc.c, tc.opts...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	b := mustBN(t, 1, 3)
	if err := b.SetEps(0); err == nil || b.Eps() != 1e-5 {
		t.Errorf("SetEps(0): err %v, eps now %v", err, b.Eps())
	}
	if err := b.SetMomentum(ptr(-0.1)); err == nil || *b.Momentum() != 0.1 {
		t.Errorf("SetMomentum(-0.1): err %v, momentum now %v", err, *b.Momentum())
	}
	if err := b.SetMomentum(nil); err != nil || b.Momentum() != nil {
		t.Errorf("SetMomentum(nil): err %v, momentum %v", err, b.Momentum())
	}
}

func TestBatchNormParamsAndBuffers(t *testing.T) {
	b := mustBN(t, 2, 3)
	var names []string
	for _, p := range b.Params() {
		names = append(names, fmt.Sprintf("%s%v=%v", p.Name, p.Value.Shape, p.Value.Data))
	}
	for _, x := range b.Buffers() {
		names = append(names, fmt.Sprintf("%s%v=%v", x.Name, x.Value.Shape, x.Value.Data))
	}
	want := "weight[3]=[1 1 1] bias[3]=[0 0 0] running_mean[3]=[0 0 0] running_var[3]=[1 1 1] num_batches_tracked[]=[0]"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	nb := mustBN(t, 1, 3, WithAffine(false), WithTrackRunningStats(false))
	if nb.Params() != nil || nb.Buffers() != nil {
		t.Errorf("affine=False, track_running_stats=False: params %v buffers %v, want none", nb.Params(), nb.Buffers())
	}
}

// TestBatchNormFoldedAffine checks that eval mode is the affine map
// scale·x + shift that FoldedAffine reports (what folding into a conv uses).
func TestBatchNormFoldedAffine(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	b := mustBN(t, 2, 3)
	randomiseAffine(r, b.Params())
	for range 2 {
		if _, err := b.Forward(randTensor(r, 4, 3, 2, 2)); err != nil {
			t.Fatal(err)
		}
	}
	b.SetTraining(false)
	x := randTensor(r, 2, 3, 2, 2)
	y, err := b.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	scale, shift, ok := b.FoldedAffine()
	if !ok {
		t.Fatal("FoldedAffine not available")
	}
	for i := range x.Data {
		c := (i / 4) % 3
		want := scale[c]*float64(x.Data[i]) + shift[c]
		if math.Abs(float64(y.Data[i])-want) > 1e-6 {
			t.Fatalf("y[%d] = %v, folded affine gives %v", i, y.Data[i], want)
		}
	}
	// XHat in eval mode uses the running statistics.
	h := b.XHat()
	rm, rv := b.runningMean.Value.Data, b.runningVar.Value.Data
	for i := range x.Data {
		c := (i / 4) % 3
		want := (float64(x.Data[i]) - float64(rm[c])) / math.Sqrt(float64(rv[c])+1e-5)
		if math.Abs(float64(h.Data[i])-want) > 1e-6 {
			t.Fatalf("x̂[%d] = %v, want %v", i, h.Data[i], want)
		}
	}
}

// ExampleNewBatchNorm1d normalises the bn-steps batch 3, 5, 7, 9 with γ = 2
// and β = 1: μ = 6, σ² = 5 (biased), and running_var receives the unbiased
// 20/3 weighted by momentum 0.1.
func ExampleNewBatchNorm1d() {
	bn, _ := NewBatchNorm1d(1)
	bn.Params()[0].Value.Data[0] = 2 // γ
	bn.Params()[1].Value.Data[0] = 1 // β
	x, _ := FromData([]float32{3, 5, 7, 9}, 4, 1)
	y, _ := bn.Forward(x)
	fmt.Println(bn)
	fmt.Printf("mean %.4g, biased var %.4g\n", bn.BatchMean()[0], bn.BatchVar()[0])
	fmt.Printf("y %.4f\n", y.Data)
	fmt.Printf("running_mean %.4f, running_var %.4f\n", bn.Buffers()[0].Value.Data[0], bn.Buffers()[1].Value.Data[0])
	// Output:
	// BatchNorm1d(1, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
	// mean 6, biased var 5
	// y [-1.6833 0.1056 1.8944 3.6833]
	// running_mean 0.6000, running_var 1.5667
}
