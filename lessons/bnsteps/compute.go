package bnsteps

import (
	"fmt"
	"math"

	"bnlab/engine"
	"bnlab/lessons/charts"
)

// kerasMomentum is Keras's default BatchNormalization momentum, the weight
// of the OLD moving value.
const kerasMomentum = 0.99

// compute runs the lesson: batches 1..p.batches (from the cache)
// pass through one engine.BatchNorm1d(d) in train mode (updating its
// running statistics); the last batch is the one displayed, read back from
// the layer's forward pass (output y, x̂, batch mean and biased variance).
func compute(p params, seed uint64, cache *batchCache) (*View, error) {
	bn, err := engine.NewBatchNorm1d(p.d, engine.WithEps(p.eps), engine.WithMomentum(p.momentum))
	if err != nil {
		return nil, fmt.Errorf("lessons: bn-steps: %w", err)
	}
	for _, prm := range bn.Params() {
		v := p.gamma
		if prm.Name == "bias" {
			v = p.beta
		}
		for i := range prm.Value.Data {
			prm.Value.Data[i] = float32(v)
		}
	}
	rm, rv := buffer(bn, "running_mean"), buffer(bn, "running_var")
	run := charts.BNRunning{Momentum: p.momentum, KerasMomentum: kerasMomentum,
		Points: []charts.BNRunningPoint{{TorchMean: float64(rm[0]), TorchVar: float64(rv[0]), KerasMean: 0, KerasVar: 1}}}
	km, kv := 0.0, 1.0
	unbias := float64(p.m) / float64(p.m-1)
	var x, y *engine.Tensor
	for i, data := range cache.get(p, seed) {
		b := i + 1
		// The layer may keep its input: hand it a copy of the cached batch.
		x, err = engine.FromData(append([]float32(nil), data...), p.m, p.d)
		if err != nil {
			return nil, fmt.Errorf("lessons: bn-steps: %w", err)
		}
		y, err = bn.Forward(x)
		if err != nil {
			return nil, fmt.Errorf("lessons: bn-steps: batch %d: %w", b, err)
		}
		mu, v := bn.BatchMean()[0], bn.BatchVar()[0]
		// Keras rule, momentum weighting the old value (Keras BatchNormalization).
		km = kerasMomentum*km + (1-kerasMomentum)*mu
		kv = kerasMomentum*kv + (1-kerasMomentum)*v
		run.Points = append(run.Points, charts.BNRunningPoint{Batch: b, BatchMean: mu, BatchVar: v,
			BatchVarUnbiased: v * unbias, TorchMean: float64(rm[0]), TorchVar: float64(rv[0]),
			KerasMean: km, KerasVar: kv})
	}
	run.FinalMean, run.FinalVar = toFloat64(rm), toFloat64(rv)
	view := &View{M: p.m, D: p.d, Step: p.step, Typed: len(p.typed) > 0,
		Eps: p.eps, Gamma: p.gamma, Beta: p.beta, Seed: seed, Running: run}
	fillStats(view, bn, x, y)
	view.Formulas = formulas(view)
	view.Lines = lines(view)
	view.Table = table(view)
	view.Notes = notes(view)
	return view, nil
}

// fillStats copies feature 0's statistics and samples and the heat map
// from the layer's last forward pass.
func fillStats(v *View, bn *engine.BatchNorm, x, y *engine.Tensor) {
	m, d := v.M, v.D
	mean, variance, xhat := bn.BatchMean(), bn.BatchVar(), bn.XHat()
	v.Mean, v.Var = mean[0], variance[0]
	v.VarUnbiased = v.Var * float64(m) / float64(m-1)
	v.Std = math.Sqrt(v.Var + v.Eps)
	v.XHatVar = v.Var / (v.Var + v.Eps)
	v.Constant = v.Var == 0
	v.Samples = make([]Sample, m)
	for i := range m {
		xi := float64(x.Data[i*d])
		v.Samples[i] = Sample{I: i + 1, X: xi, Centered: xi - v.Mean,
			XHat: float64(xhat.Data[i*d]), Y: float64(y.Data[i*d])}
	}
	h := Heatmap{MeanBefore: mean, VarBefore: variance}
	h.Before, h.LoBefore, h.HiBefore = matrix(x, m, d)
	h.After, h.LoAfter, h.HiAfter = matrix(y, m, d)
	h.MeanAfter, h.VarAfter = columnStats(h.After)
	v.Heat = h
}

// buffer returns the data of the layer's buffer with the given name.
func buffer(bn *engine.BatchNorm, name string) []float32 {
	for _, b := range bn.Buffers() {
		if b.Name == name {
			return b.Value.Data
		}
	}
	return nil
}

func toFloat64(xs []float32) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

// matrix copies an (m, d) tensor into rows and returns its range.
func matrix(t *engine.Tensor, m, d int) ([][]float64, float64, float64) {
	rows := make([][]float64, m)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range m {
		rows[i] = toFloat64(t.Data[i*d : (i+1)*d])
		for _, f := range rows[i] {
			lo, hi = math.Min(lo, f), math.Max(hi, f)
		}
	}
	return rows, lo, hi
}

// columnStats returns each column's mean and biased variance; it
// describes the layer's output, which the engine does not summarise.
func columnStats(rows [][]float64) (mean, variance []float64) {
	d := len(rows[0])
	mean, variance = make([]float64, d), make([]float64, d)
	for j := range d {
		for _, r := range rows {
			mean[j] += r[j]
		}
		mean[j] /= float64(len(rows))
		for _, r := range rows {
			variance[j] += (r[j] - mean[j]) * (r[j] - mean[j])
		}
		variance[j] /= float64(len(rows))
	}
	return mean, variance
}
