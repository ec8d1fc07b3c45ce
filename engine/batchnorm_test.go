package engine

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func mustBN(t *testing.T, dims, c int, opts ...BatchNormOption) *BatchNorm {
	t.Helper()
	var b *BatchNorm
	var err error
	if dims == 1 {
		b, err = NewBatchNorm1d(c, opts...)
	} else {
		b, err = NewBatchNorm2d(c, opts...)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// randomiseAffine gives γ and β non-trivial values so their gradients and
// their effect on dL/dx are exercised.
func randomiseAffine(r *rand.Rand, ps []*Param) {
	for _, p := range ps {
		for i := range p.Value.Data {
			p.Value.Data[i] = float32(0.5 + r.Float64())
		}
	}
}

func TestBatchNormGradient(t *testing.T) {
	cases := []struct {
		name  string
		dims  int
		shape []int
		train bool
		opts  []BatchNormOption
	}{
		{"1d_NC_train", 1, []int{6, 4}, true, nil},
		{"1d_NC_eval", 1, []int{6, 4}, false, nil},
		{"1d_NCL_train", 1, []int{3, 4, 5}, true, nil},
		{"1d_NCL_eval", 1, []int{3, 4, 5}, false, nil},
		{"2d_train", 2, []int{2, 3, 4, 5}, true, nil},
		{"2d_eval", 2, []int{2, 3, 4, 5}, false, nil},
		{"2d_no_affine_train", 2, []int{2, 3, 3, 3}, true, []BatchNormOption{WithAffine(false)}},
		{"1d_untracked_eval", 1, []int{5, 3}, false, []BatchNormOption{WithTrackRunningStats(false)}},
		{"1d_cumulative_train", 1, []int{5, 3}, true, []BatchNormOption{WithCumulativeAverage()}},
		{"1d_two_values_train", 1, []int{2, 3}, true, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			b := mustBN(t, tc.dims, tc.shape[1], tc.opts...)
			randomiseAffine(r, b.Params())
			// A few training batches give eval mode non-trivial running stats.
			for range 3 {
				x := randTensor(r, tc.shape...)
				for i := range x.Data {
					x.Data[i] = 2*x.Data[i] + 0.5
				}
				if _, err := b.Forward(x); err != nil {
					t.Fatal(err)
				}
			}
			b.SetTraining(tc.train)
			gradCheck(t, b, randTensor(r, tc.shape...), 1e-2, 5e-3)
		})
	}
}

func TestBatchNormRunningStats(t *testing.T) {
	for _, momentum := range []*float64{ptr(0.1), ptr(0.7), nil} {
		var opts []BatchNormOption
		name := "None"
		if momentum == nil {
			opts = append(opts, WithCumulativeAverage())
		} else {
			opts = append(opts, WithMomentum(*momentum))
			name = pyFloatRepr(*momentum)
		}
		t.Run("momentum="+name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 4))
			b := mustBN(t, 2, 2, opts...)
			rm, rv := []float64{0, 0}, []float64{1, 1}
			for step := 1; step <= 4; step++ {
				x := randTensor(r, 3, 2, 2, 2)
				for i := range x.Data {
					x.Data[i] = x.Data[i]*float32(step) + float32(step)
				}
				y, err := b.Forward(x)
				if err != nil {
					t.Fatal(err)
				}
				f := 1 / float64(step)
				if momentum != nil {
					f = *momentum
				}
				for c := range 2 {
					vals := channelValues(x, c)
					mu, v := meanVar(vals)
					n := float64(len(vals))
					rm[c] = (1-f)*rm[c] + f*mu
					rv[c] = (1-f)*rv[c] + f*v*n/(n-1)
					if got := b.BatchMean()[c]; math.Abs(got-mu) > 1e-6 {
						t.Errorf("step %d channel %d: BatchMean %v, want %v", step, c, got, mu)
					}
					if got := b.BatchVar()[c]; math.Abs(got-v) > 1e-6 {
						t.Errorf("step %d channel %d: BatchVar %v, want biased %v", step, c, got, v)
					}
					ym, yv := meanVar(channelValues(y, c))
					if math.Abs(ym) > 1e-5 || math.Abs(yv-v/(v+1e-5)) > 1e-4 {
						t.Errorf("step %d channel %d: output mean %v var %v, want 0 and ≈1", step, c, ym, yv)
					}
				}
				for c := range 2 {
					if got := float64(b.runningMean.Value.Data[c]); math.Abs(got-rm[c]) > 1e-5 {
						t.Errorf("step %d: running_mean[%d] = %v, want %v", step, c, got, rm[c])
					}
					if got := float64(b.runningVar.Value.Data[c]); math.Abs(got-rv[c]) > 1e-5 {
						t.Errorf("step %d: running_var[%d] = %v, want unbiased %v", step, c, got, rv[c])
					}
				}
				if got := b.numBatches.Value.Data[0]; got != float32(step) {
					t.Errorf("num_batches_tracked = %v, want %d", got, step)
				}
			}
		})
	}
}

func ptr(v float64) *float64 { return &v }

// channelValues lists the values of channel c of an (N, C, *) tensor.
func channelValues(x *Tensor, c int) []float64 {
	n, ch := x.Shape[0], x.Shape[1]
	s := x.Len() / (n * ch)
	var out []float64
	for i := range n {
		for _, v := range x.Data[(i*ch+c)*s : (i*ch+c+1)*s] {
			out = append(out, float64(v))
		}
	}
	return out
}

// meanVar returns the mean and the biased variance.
func meanVar(v []float64) (float64, float64) {
	m := 0.0
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	s := 0.0
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return m, s / float64(len(v))
}

func TestBatchNormRefusesBadInput(t *testing.T) {
	cases := []struct {
		name  string
		dims  int
		train bool
		opts  []BatchNormOption
		shape []int
		want  string
	}{
		{"batch_of_one_NC", 1, true, nil, []int{1, 3}, "Expected more than 1 value per channel when training, got input size (1, 3)"},
		{"batch_of_one_NCL", 1, true, nil, []int{1, 3, 1}, "got input size (1, 3, 1)"},
		{"batch_of_one_2d", 2, true, nil, []int{1, 3, 1, 1}, "got input size (1, 3, 1, 1)"},
		{"untracked_eval_one", 1, false, []BatchNormOption{WithTrackRunningStats(false)}, []int{1, 3}, "Expected more than 1 value"},
		{"1d_given_4d", 1, true, nil, []int{2, 3, 2, 2}, "expected 2D or 3D input"},
		{"2d_given_2d", 2, true, nil, []int{4, 3}, "expected 4D input"},
		{"wrong_channels", 1, true, nil, []int{4, 5}, "has 5 channels, the layer has num_features=3"},
		{"empty", 1, true, nil, []int{0, 3}, "empty input"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := mustBN(t, tc.dims, 3, tc.opts...)
			b.SetTraining(tc.train)
			before := snapshotLayer(b)
			_, err := b.Forward(New(tc.shape...))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if d := before.diff(b); d != "" {
				t.Errorf("refused input changed state: %s", d)
			}
			if b.XHat() != nil || b.BatchMean() != nil {
				t.Errorf("refused input left cached statistics")
			}
			if _, err := b.Backward(New(tc.shape...)); err != ErrNoForward {
				t.Errorf("Backward after refused Forward: %v, want ErrNoForward", err)
			}
		})
	}
}

func TestBatchNormAcceptsOneSampleWithSeveralValues(t *testing.T) {
	for _, tc := range []struct {
		dims  int
		train bool
		shape []int
	}{{2, true, []int{1, 3, 2, 2}}, {1, true, []int{1, 3, 2}}, {1, false, []int{1, 3}}} {
		b := mustBN(t, tc.dims, 3)
		b.SetTraining(tc.train)
		if _, err := b.Forward(randTensor(rand.New(rand.NewPCG(5, 6)), tc.shape...)); err != nil {
			t.Errorf("%s train=%v: %v", ShapeString(tc.shape), tc.train, err)
		}
	}
}
