package mistakes

import (
	"fmt"
	"math"

	"bnlab/engine"
	"bnlab/lessons/train"
)

// bnInput returns the input of the i-th (0-based) BatchNorm layer of m
// after a forward pass of x in the given mode (train: dropout on, batch
// statistics; eval), restoring the running statistics afterwards and
// leaving m in train mode.
func bnInput(m *engine.Sequential, x *engine.Tensor, i int, train bool) (*engine.Tensor, *engine.BatchNorm, error) {
	leaves := engine.Leaves(m)
	idx, k := -1, 0
	for j, l := range leaves {
		if _, ok := l.(*engine.BatchNorm); ok {
			if k == i {
				idx = j
				break
			}
			k++
		}
	}
	if idx < 0 {
		return nil, nil, fmt.Errorf("the network has no BatchNorm layer number %d", i+1)
	}
	bufs := m.Buffers()
	saved := make([][]float32, len(bufs))
	for j, b := range bufs {
		saved[j] = append([]float32(nil), b.Value.Data...)
	}
	m.SetTraining(train)
	_, err := m.Forward(x)
	for j, b := range bufs {
		copy(b.Value.Data, saved[j])
	}
	m.Train()
	if err != nil {
		return nil, nil, err
	}
	return engine.Probes(m)[idx].Input.Clone(), leaves[idx].(*engine.BatchNorm), nil
}

// bnVariance measures, per unit of the net's second BN layer, the variance
// of its input over the validation images in train mode and in eval mode,
// the running variance it normalises with in eval mode, and the net's
// eval-mode validation accuracy.
func (e *experiment) bnVariance(j *job) (BNVariance, error) {
	v := BNVariance{Label: j.label}
	if j.diverged != nil {
		v.Diverged, v.Error = true, j.diverged.Error()
		return v, nil
	}
	tr, bn, err := bnInput(j.model, e.valX, 1, true)
	if err != nil {
		return v, err
	}
	ev, _, err := bnInput(j.model, e.valX, 1, false)
	if err != nil {
		return v, err
	}
	_, tv := colVar(tr)
	_, evv := colVar(ev)
	running := bn.Buffers()[1].Value.Data
	v.MinRatio, v.MaxRatio = math.Inf(1), math.Inf(-1)
	for u := range tv {
		ratio := 0.0
		if tv[u] > 0 {
			ratio = evv[u] / tv[u]
		}
		v.Units = append(v.Units, UnitVariance{Unit: u, TrainVar: tv[u], EvalVar: evv[u], RunningVar: float64(running[u]), Ratio: ratio})
		v.MeanRatio += ratio / float64(len(tv))
		v.MinRatio, v.MaxRatio = math.Min(v.MinRatio, ratio), math.Max(v.MaxRatio, ratio)
	}
	_, v.ValAcc, err = engine.Evaluate(j.model, e.valX, e.valY, 250)
	j.model.Train()
	return v, err
}

// measureDropoutBN compares the variance shift of dropout before BN with
// dropout after the last BN (Li et al. 2019), each against the same
// network without dropout.
func (e *experiment) measureDropoutBN() (*DropoutBNMistake, error) {
	r := &DropoutBNMistake{P: dropP}
	var err error
	if r.Mistake, err = e.bnVariance(e.jobs[0]); err != nil {
		return nil, err
	}
	if r.Fix, err = e.bnVariance(e.jobs[1]); err != nil {
		return nil, err
	}
	if r.Baseline, err = e.bnVariance(e.jobs[2]); err != nil {
		return nil, err
	}
	r.AccLost = r.Fix.ValAcc - r.Mistake.ValAcc
	if b := r.Baseline.MeanRatio; b > 0 && !r.Baseline.Diverged {
		r.MistakeShift, r.FixShift = r.Mistake.MeanRatio/b, r.Fix.MeanRatio/b
	}
	return r, nil
}

// spreadDraws is the number of random batches drawn per batch size to
// measure the spread of the batch statistics.
const spreadDraws = 200

// measureTiny trains BN and LayerNorm nets at every batch size on the same
// number of images and measures their validation accuracy, and how much
// the batch mean and variance a BN layer sees scatter at each batch size.
func (e *experiment) measureTiny() (*TinyBatchMistake, error) {
	r := &TinyBatchMistake{Sizes: append([]int(nil), sizes...), Images: e.steps * tinyImages,
		Mistake: BatchSizeCurve{Label: "BatchNorm"}, Fix: BatchSizeCurve{Label: "LayerNorm"}}
	ref := -1 // the BN net trained at batch 32 gives the layer whose statistics are sampled
	for i, j := range e.jobs {
		c := &r.Mistake
		if i%2 == 1 {
			c = &r.Fix
		}
		acc := 0.0
		if j.diverged == nil {
			var err error
			if _, acc, err = engine.Evaluate(j.model, e.valX, e.valY, 250); err != nil {
				return nil, err
			}
			j.model.Train()
			if i%2 == 0 && j.batch == batchSize {
				ref = i
			}
		}
		c.ValAcc = append(c.ValAcc, acc)
		c.Diverged = append(c.Diverged, j.diverged != nil)
	}
	if ref < 0 {
		return r, nil
	}
	in, _, err := bnInput(e.jobs[ref].model, e.valX, 0, false)
	if err != nil {
		return nil, err
	}
	rng := train.NewRand(e.seed, 400)
	n, c := in.Shape[0], in.Shape[1]
	_, pv := colVar(in)
	for _, m := range sizes {
		means := make([][]float64, c)
		vars := make([][]float64, c)
		for range spreadDraws {
			idx := rng.Perm(n)[:m]
			for u := 0; u < c; u++ {
				s, sq := 0.0, 0.0
				for _, i := range idx {
					x := float64(in.Data[i*c+u])
					s += x
					sq += x * x
				}
				mu := s / float64(m)
				means[u] = append(means[u], mu)
				vars[u] = append(vars[u], math.Max(0, sq/float64(m)-mu*mu))
			}
		}
		ms, vs, k := 0.0, 0.0, 0
		for u := 0; u < c; u++ {
			if pv[u] <= 1e-12 {
				continue
			}
			ms += stdDev(means[u]) / math.Sqrt(pv[u])
			vs += stdDev(vars[u]) / pv[u]
			k++
		}
		if k > 0 {
			ms, vs = ms/float64(k), vs/float64(k)
		}
		r.MeanSpread = append(r.MeanSpread, ms)
		r.VarSpread = append(r.VarSpread, vs)
		r.ExpectedMeanSpread = append(r.ExpectedMeanSpread, math.Sqrt(float64(n-m)/float64(n-1)/float64(m)))
	}
	return r, nil
}
