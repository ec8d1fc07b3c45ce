package train

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"bnlab/engine"
)

// smallConfig is a fast two-net configuration on the synthetic set.
func smallConfig(seed uint64) HarnessConfig {
	sizes := []int{784, 32, 32, 32, 10}
	return HarnessConfig{Seed: seed, Batch: 20, LR: 0.1, HistEvery: 3, ValEvery: 4, ValSize: 50, Nets: []NetSpec{
		{Name: "plain", MLP: engine.MLPSpec{Sizes: sizes, Activation: "sigmoid", WeightStd: 0.1}},
		{Name: "bn", MLP: engine.MLPSpec{Sizes: sizes, Activation: "sigmoid", WeightStd: 0.1, Placement: engine.NormBefore}},
	}}
}

func runHarness(t *testing.T, cfg HarnessConfig, ds *Dataset, steps int) *Harness {
	t.Helper()
	h, err := NewHarness(cfg, ds)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < steps; i++ {
		if err := h.Step(); err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}
	return h
}

func snapshotJSON(t *testing.T, h *Harness) string {
	t.Helper()
	b, err := json.Marshal(h.Snapshot())
	if err != nil {
		t.Fatalf("snapshot does not encode: %v", err)
	}
	return string(b)
}

// TestHarnessDeterministic: the same seed gives byte-identical snapshots;
// another seed gives different ones; nets with the same sizes start from the
// same weights.
func TestHarnessDeterministic(t *testing.T) {
	ds := testSynthetic(t)
	a := snapshotJSON(t, runHarness(t, smallConfig(5), ds, 9))
	b := snapshotJSON(t, runHarness(t, smallConfig(5), ds, 9))
	c := snapshotJSON(t, runHarness(t, smallConfig(6), ds, 9))
	if a != b {
		t.Error("two runs with seed 5 differ")
	}
	if a == c {
		t.Error("seeds 5 and 6 give the same run")
	}
	h, err := NewHarness(smallConfig(5), ds)
	if err != nil {
		t.Fatal(err)
	}
	if w0, w1 := h.Nets[0].linears[0].Weight.Value.Data, h.Nets[1].linears[0].Weight.Value.Data; !slices.Equal(w0, w1) {
		t.Error("plain and bn nets do not start from the same first-layer weights")
	}
}

// TestHarnessStatsIndependent checks the recorded histograms, mean/std and
// percentiles against a separate float64 computation from the probes.
func TestHarnessStatsIndependent(t *testing.T) {
	cfg := smallConfig(2)
	cfg.ValEvery = -1 // keep the probes on the training batch
	cfg.Layer, cfg.Unit = 2, 5
	h := runHarness(t, cfg, testSynthetic(t), 6) // step 6 is a histogram step
	for _, n := range h.Nets {
		probes := engine.Probes(n.Model)
		for i, b := range n.blocks {
			got := n.Rec.layers[i]
			checkHist(t, n.Spec.Name+" pre", got.Pre, probes[b.linear].Output.Data)
			if b.norm >= 0 {
				checkHist(t, n.Spec.Name+" norm", *got.Norm, probes[b.norm].Output.Data)
			}
			checkHist(t, n.Spec.Name+" act", got.Act, probes[b.act].Output.Data)
		}
		in := actInput(probes, n.blocks[1])
		var col []float64
		for r := 0; r < in.Shape[0]; r++ {
			col = append(col, float64(in.Data[r*in.Shape[1]+5]))
		}
		want := refPercentiles(col, 15, 50, 85)
		bd := n.Rec.unitBands[1]
		k := len(bd.p15.Vals) - 1
		if bd.p15.Steps[k] != 6 {
			t.Fatalf("last band step %d, want 6", bd.p15.Steps[k])
		}
		got := []float64{bd.p15.Vals[k], bd.p50.Vals[k], bd.p85.Vals[k]}
		for k := range want {
			if math.Abs(got[k]-want[k]) > 1e-6 {
				t.Errorf("%s unit percentiles %v, want %v", n.Spec.Name, got, want)
				break
			}
		}
	}
}

// checkHist recounts data with a separate formula.
func checkHist(t *testing.T, what string, h Hist, data []float32) {
	t.Helper()
	counts := make([]int, len(h.Counts))
	under, over := 0, 0
	var sum, sq float64
	for _, x := range data {
		v := float64(x)
		sum += v
		f := (v - h.Lo) / (h.Hi - h.Lo) * float64(len(counts))
		switch {
		case v < h.Lo:
			under++
		case v > h.Hi:
			over++
		case f >= float64(len(counts)):
			counts[len(counts)-1]++
		default:
			counts[int(math.Floor(f))]++
		}
	}
	mean := sum / float64(len(data))
	for _, x := range data {
		sq += (float64(x) - mean) * (float64(x) - mean)
	}
	std := math.Sqrt(sq / float64(len(data)))
	if !slices.Equal(counts, h.Counts) || under != h.Under || over != h.Over || h.N != len(data) {
		t.Errorf("%s: counts %v under %d over %d n %d, want %v %d %d %d", what, h.Counts, h.Under, h.Over, h.N, counts, under, over, len(data))
	}
	if math.Abs(h.Mean-mean) > 1e-9*math.Max(1, math.Abs(mean)) || math.Abs(h.Std-std) > 1e-9*math.Max(1, std) {
		t.Errorf("%s: mean %v std %v, want %v %v", what, h.Mean, h.Std, mean, std)
	}
}

// refPercentiles is numpy.percentile's linear interpolation.
func refPercentiles(v []float64, ps ...float64) []float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	var out []float64
	for _, p := range ps {
		r := p / 100 * float64(len(s)-1)
		lo := int(r)
		hi := min(lo+1, len(s)-1)
		out = append(out, s[lo]+(r-float64(lo))*(s[hi]-s[lo]))
	}
	return out
}

// TestHarnessBNOutputIsGammaBeta: in the BN net, the output of each BN layer
// on the training batch has per-unit mean β and (biased) variance
// γ²·σ²/(σ² + ε) ≈ γ², with γ and β as they were before the step's update.
func TestHarnessBNOutputIsGammaBeta(t *testing.T) {
	cfg := smallConfig(3)
	cfg.ValEvery = -1
	h := runHarness(t, cfg, testSynthetic(t), 4) // γ, β have moved from 1, 0
	bn := h.Nets[1]
	var gammas, betas [][]float32
	for _, b := range bn.blocks {
		l := engine.Probes(bn.Model)[b.norm].Layer.(*engine.BatchNorm)
		ps := l.Params()
		gammas = append(gammas, slices.Clone(ps[0].Value.Data))
		betas = append(betas, slices.Clone(ps[1].Value.Data))
	}
	if err := h.Step(); err != nil {
		t.Fatal(err)
	}
	probes := engine.Probes(bn.Model)
	for i, b := range bn.blocks {
		y, x := probes[b.norm].Output, probes[b.linear].Output
		n, c := y.Shape[0], y.Shape[1]
		for j := 0; j < c; j++ {
			_, xv := colMeanVar(x.Data, n, c, j)
			m, v := colMeanVar(y.Data, n, c, j)
			g, be := float64(gammas[i][j]), float64(betas[i][j])
			wantVar := g * g * xv / (xv + 1e-5)
			if math.Abs(m-be) > 1e-4 || math.Abs(v-wantVar) > 1e-4*math.Max(1, wantVar) {
				t.Fatalf("layer %d unit %d: mean %v var %v, want β=%v γ²σ²/(σ²+ε)=%v (γ²=%v)", i+1, j, m, v, be, wantVar, g*g)
			}
		}
	}
}

// colMeanVar is the mean and biased variance of column j of an (n, c) matrix.
func colMeanVar(d []float32, n, c, j int) (m, v float64) {
	for r := 0; r < n; r++ {
		m += float64(d[r*c+j])
	}
	m /= float64(n)
	for r := 0; r < n; r++ {
		x := float64(d[r*c+j]) - m
		v += x * x
	}
	return m, v / float64(n)
}

// TestHarnessDivergence: a learning rate far too high makes a net diverge;
// the harness records it, keeps stepping, and the snapshot encodes.
func TestHarnessDivergence(t *testing.T) {
	cfg := smallConfig(1)
	cfg.LR = 1e6
	for i := range cfg.Nets {
		cfg.Nets[i].MLP.Activation = "relu"
	}
	h := runHarness(t, cfg, testSynthetic(t), 10)
	s := h.Snapshot()
	if !s.Nets[0].Diverged || s.Nets[0].DivergedAt < 1 || !strings.Contains(s.Nets[0].Error, "diverged") {
		t.Fatalf("plain net: diverged=%v at %d (%q), want a divergence", s.Nets[0].Diverged, s.Nets[0].DivergedAt, s.Nets[0].Error)
	}
	if s.Nets[0].Steps != s.Nets[0].DivergedAt-1 {
		t.Errorf("diverged net completed %d steps, diverged at %d", s.Nets[0].Steps, s.Nets[0].DivergedAt)
	}
	snapshotJSON(t, h)
}

// TestHarnessBadConfig: bad settings are refused with errors naming them.
func TestHarnessBadConfig(t *testing.T) {
	ds := testSynthetic(t)
	mod := func(f func(*HarnessConfig)) HarnessConfig { c := smallConfig(1); f(&c); return c }
	cases := []struct {
		name string
		cfg  HarnessConfig
		want string
	}{
		{"no nets", mod(func(c *HarnessConfig) { c.Nets = nil }), "at least one network"},
		{"batch 1", mod(func(c *HarnessConfig) { c.Batch = 1 }), "batch 1"},
		{"batch too big", mod(func(c *HarnessConfig) { c.Batch = 10000 }), "larger than the 600"},
		{"lr 0", mod(func(c *HarnessConfig) { c.LR = -1 }), "learning rate"},
		{"wrong input", mod(func(c *HarnessConfig) { c.Nets[0].MLP.Sizes = []int{10, 10} }), "input 784"},
		{"layer too deep", mod(func(c *HarnessConfig) { c.Layer = 9 }), "layer 9"},
		{"unit too far", mod(func(c *HarnessConfig) { c.Unit = 32 }), "unit 32"},
		{"bad activation", mod(func(c *HarnessConfig) { c.Nets[1].MLP.Activation = "softmax" }), "softmax"},
	}
	for _, c := range cases {
		_, err := NewHarness(c.cfg, ds)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}
