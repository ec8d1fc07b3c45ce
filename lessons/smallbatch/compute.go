package smallbatch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"bnlab/engine"
	"bnlab/lessons/train"
)

// compute builds the view for p and seed.
func compute(p params, seed uint64) (*View, error) {
	s := perSample(p.shape)
	mu, sigma := pop(0)
	v := &View{Seed: seed, Norm: p.norm, Batch: p.batch, Channels: p.channels, Groups: p.groups,
		Shape: p.shape, InputShape: engine.ShapeString(inputShape(p.shape, p.batch, p.channels)), PerSample: s,
		PopMean: mu, PopVar: sigma * sigma}
	sizes := append([]int(nil), sizes...)
	if !slices.Contains(sizes, p.batch) {
		sizes = append(sizes, p.batch)
		slices.Sort(sizes)
	}
	for _, m := range sizes {
		pt, means, vars, err := spread(p.shape, m, seed)
		if err != nil {
			return nil, err
		}
		pt.Current = m == p.batch
		if pt.Current {
			v.Sampled = Sampled{M: m, Means: means, Vars: vars, PopMean: v.PopMean, PopVar: v.PopVar, Error: pt.Error}
		}
		v.Spread = append(v.Spread, pt)
	}
	var err error
	if v.Norms, err = norms(p, seed); err != nil {
		return nil, err
	}
	if v.Compare, err = compare(p, seed); err != nil {
		return nil, err
	}
	if v.BatchOfOne, err = batchOfOne(p.channels); err != nil {
		return nil, err
	}
	v.Notes = notes(v)
	v.Facts = facts
	return v, nil
}

// spread passes batches batches of m samples (channel 0 only: BN's
// statistics of one channel do not depend on the others) through a
// one-channel BN in train mode and measures the spread of its batch
// statistics, and the error of a fixed sample's output when it shares a
// batch with m − 1 random companions. BN refusing the batch is a result
// (Failed), not an error.
func spread(shape string, m int, seed uint64) (SpreadPoint, []float64, []float64, error) {
	s := perSample(shape)
	pt := SpreadPoint{M: m, TheoryMeanStd: theoryStd(shape, m), TheoryVarFrac: theoryVarFrac(shape, m)}
	var bn *engine.BatchNorm
	var err error
	if shape == "dense" {
		bn, err = engine.NewBatchNorm1d(1, engine.WithEps(eps))
	} else {
		bn, err = engine.NewBatchNorm2d(1, engine.WithEps(eps))
	}
	if err != nil {
		return pt, nil, nil, fmt.Errorf("lessons: small-batches: %w", err)
	}
	a := make([]float32, s)
	fill(rand.New(rand.NewPCG(seed, streamSampleA)), shape, 0, 1, a)
	mu, sigma := pop(0)
	r := rand.New(rand.NewPCG(seed, streamSpread+uint64(m)))
	buf := make([]float32, m*s)
	means, vars := make([]float64, 0, batches), make([]float64, 0, batches)
	sq := 0.0
	for range batches {
		for i := range m {
			fill(r, shape, 0, 1, buf[i*s:(i+1)*s])
		}
		x, err := engine.FromData(buf, inputShape(shape, m, 1)...)
		if err != nil {
			return pt, nil, nil, fmt.Errorf("lessons: small-batches: %w", err)
		}
		if _, err := bn.Forward(x); err != nil {
			pt.Failed, pt.Error = true, err.Error()
			return pt, nil, nil, nil
		}
		means, vars = append(means, bn.BatchMean()[0]), append(vars, bn.BatchVar()[0])
		// The same batch with sample A in place of its first sample.
		copy(buf[:s], a)
		y, err := bn.Forward(x)
		if err != nil {
			return pt, nil, nil, fmt.Errorf("lessons: small-batches: %w", err)
		}
		for k := range s {
			want := (float64(a[k]) - mu) / math.Sqrt(sigma*sigma+eps)
			d := float64(y.Data[k]) - want
			sq += d * d
		}
	}
	pt.Batches = len(means)
	_, pt.MeanStd = std(means)
	pt.VarMean, pt.VarStd = std(vars)
	pt.VarFrac = pt.VarMean / (sigma * sigma)
	pt.OutputRMS = math.Sqrt(sq / float64(batches*s))
	return pt, means, vars, nil
}

// layers returns fresh BN, LN and GN layers for p, in that order.
func layers(p params) ([]engine.Layer, error) {
	var bn *engine.BatchNorm
	var err error
	lnShape := []int{p.channels}
	if p.shape == "dense" {
		bn, err = engine.NewBatchNorm1d(p.channels, engine.WithEps(eps))
	} else {
		bn, err = engine.NewBatchNorm2d(p.channels, engine.WithEps(eps))
		lnShape = []int{p.channels, side, side}
	}
	if err != nil {
		return nil, fmt.Errorf("lessons: small-batches: %w", err)
	}
	ln, err := engine.NewLayerNorm(lnShape, eps, true)
	if err != nil {
		return nil, fmt.Errorf("lessons: small-batches: %w", err)
	}
	gn, err := engine.NewGroupNorm(p.groups, p.channels, eps, true)
	if err != nil {
		return nil, fmt.Errorf("lessons: small-batches: %w", err)
	}
	return []engine.Layer{bn, ln, gn}, nil
}

var keys = []string{"bn", "ln", "gn"}

// batch draws n samples of p.channels channels, sample 0 replaced by
// first when it is not nil.
func batch(r *rand.Rand, p params, n int, first []float32) *engine.Tensor {
	x := engine.New(inputShape(p.shape, n, p.channels)...)
	per := p.channels * perSample(p.shape)
	for i := range n {
		fill(r, p.shape, 0, p.channels, x.Data[i*per:(i+1)*per])
	}
	if first != nil {
		copy(x.Data[:per], first)
	}
	return x
}

// norms runs the three layers on one batch of the current size and
// reads their statistics from the engine.
func norms(p params, seed uint64) ([]Norm, error) {
	layers, err := layers(p)
	if err != nil {
		return nil, err
	}
	x := batch(rand.New(rand.NewPCG(seed, streamNorms)), p, p.batch, nil)
	s, m, c, g := perSample(p.shape), p.batch, p.channels, p.groups
	spatial := " × H × W"
	if s == 1 {
		spatial = ""
	}
	out := make([]Norm, 3)
	for i, l := range layers {
		n := Norm{Key: keys[i], Kind: l.Kind(), Repr: l.String(), Selected: keys[i] == p.norm}
		_, ferr := l.Forward(x)
		if ferr != nil {
			n.Error = ferr.Error()
		}
		switch t := l.(type) {
		case *engine.BatchNorm:
			n.Over, n.Count, n.NumStats, n.DependsOnBatch = "each channel over N"+spatial, m*s, c, true
			n.Means, n.Vars = t.BatchMean(), t.BatchVar()
			for ch := range c {
				n.Labels = append(n.Labels, fmt.Sprintf("channel %d", ch))
			}
		case *engine.LayerNorm:
			n.Over, n.Count, n.NumStats = "each sample over C"+spatial, c*s, m
			n.Means, n.Vars = t.Stats()
			for k := range m {
				n.Labels = append(n.Labels, fmt.Sprintf("sample %d", k))
			}
		case *engine.GroupNorm:
			n.Over, n.Count, n.NumStats = groupOver(c/g, s, spatial != ""), c/g*s, m*g
			n.Means, n.Vars = t.Stats()
			for k := range m {
				for q := range g {
					n.Labels = append(n.Labels, fmt.Sprintf("sample %d, group %d", k, q))
				}
			}
		}
		if ferr != nil {
			n.Means, n.Vars = nil, nil
		}
		out[i] = n
	}
	return out, nil
}

// compare puts sample A in two batches of max(m, 2) samples with
// different companions and compares each layer's output for A.
func compare(p params, seed uint64) (Compare, error) {
	q := max(p.batch, 2)
	per, s := p.channels*perSample(p.shape), perSample(p.shape)
	a := make([]float32, per)
	fill(rand.New(rand.NewPCG(seed, streamSampleA)), p.shape, 0, p.channels, a)
	x1 := batch(rand.New(rand.NewPCG(seed, streamCompanions1)), p, q, a)
	x2 := batch(rand.New(rand.NewPCG(seed, streamCompanions2)), p, q, a)
	layers, err := layers(p)
	if err != nil {
		return Compare{}, err
	}
	cmp := Compare{Size: q}
	for i, l := range layers {
		y1, err := l.Forward(x1)
		if err != nil {
			return cmp, fmt.Errorf("lessons: small-batches: %s: %w", l.Kind(), err)
		}
		out1 := append([]float32(nil), y1.Data[:per]...)
		y2, err := l.Forward(x2)
		if err != nil {
			return cmp, fmt.Errorf("lessons: small-batches: %s: %w", l.Kind(), err)
		}
		row := CompareRow{Key: keys[i], Kind: l.Kind(), Out1: train.Float64s(out1[:s]), Out2: train.Float64s(y2.Data[:s]),
			MaxDiff: train.MaxAbsDiff(out1, y2.Data[:per]), Same: slices.Equal(out1, y2.Data[:per])}
		cmp.Rows = append(cmp.Rows, row)
	}
	cmp.Text = fmt.Sprintf("Sample A is the first of two batches of %d with different companions. BN's output for A changes "+
		"(by up to %.3g) because its statistics come from the batch; LayerNorm's and GroupNorm's do not change at all: "+
		"their statistics come from A alone.", q, cmp.Rows[0].MaxDiff)
	return cmp, nil
}

// batchOfOne runs BN in train mode on one sample, dense and conv.
func batchOfOne(c int) (BatchOfOne, error) {
	b := BatchOfOne{DenseShape: engine.ShapeString([]int{1, c}), ConvShape: engine.ShapeString([]int{1, c, side, side})}
	bn1, err := engine.NewBatchNorm1d(c)
	if err != nil {
		return b, fmt.Errorf("lessons: small-batches: %w", err)
	}
	if _, err := bn1.Forward(engine.New(1, c)); err != nil {
		b.DenseError = err.Error()
	}
	bn2, err := engine.NewBatchNorm2d(c)
	if err != nil {
		return b, fmt.Errorf("lessons: small-batches: %w", err)
	}
	x := engine.New(1, c, side, side)
	fill(rand.New(rand.NewPCG(1, 1)), "conv", 0, c, x.Data)
	_, err = bn2.Forward(x)
	b.ConvOK = err == nil
	b.Text = fmt.Sprintf("In train mode BN needs more than one value per channel: a batch %s has one, and the engine refuses it "+
		"as PyTorch does. A conv map %s passes (N·H·W = %d), but its statistics then come from one image.",
		b.DenseShape, b.ConvShape, side*side)
	return b, nil
}

// groupOver says what one GroupNorm statistic is taken over: a group's
// cpg features, or its cpg channels of s positions each.
func groupOver(cpg, s int, conv bool) string {
	if !conv {
		return fmt.Sprintf("each sample and group over its C/G = %d features", cpg)
	}
	return fmt.Sprintf("each sample and group over its C/G = %d channels × H × W = %d values", cpg, cpg*s)
}
