package traineval

import (
	"bnlab/engine"
	"bnlab/lessons/train"
)

// runAccum records the followed unit's statistics after every step,
// thinned like the dropout lesson's history (at most historyCap points).
type runAccum struct {
	steps, stride int
	r             Running
}

func (a *runAccum) reset() { *a = runAccum{stride: 1} }

// recordRunning appends the followed unit's batch, running and population
// statistics after a training step (nothing before the first step).
func (l *Lesson) recordRunning() {
	bm, bv := l.bn1.BatchMean(), l.bn1.BatchVar()
	if bm == nil {
		return
	}
	a := &l.run
	a.steps++
	if a.steps%a.stride != 0 {
		return
	}
	r := &a.r
	if len(r.Steps) >= train.HistoryCap {
		r.Steps = train.ThinInts(r.Steps)
		r.BatchMean, r.BatchVar = train.Thin(r.BatchMean), train.Thin(r.BatchVar)
		r.RunningMean, r.RunningVar = train.Thin(r.RunningMean), train.Thin(r.RunningVar)
		r.PopMean, r.PopVar = train.Thin(r.PopMean), train.Thin(r.PopVar)
		a.stride *= 2
		if a.steps%a.stride != 0 {
			return
		}
	}
	u, m := l.p.unit, float64(l.p.batch)
	bufs := l.bn1.Buffers()
	pm, pv := l.population(u)
	r.Steps = append(r.Steps, a.steps)
	r.BatchMean = append(r.BatchMean, bm[u])
	r.BatchVar = append(r.BatchVar, bv[u]*m/(m-1))
	r.RunningMean = append(r.RunningMean, float64(bufs[0].Value.Data[u]))
	r.RunningVar = append(r.RunningVar, float64(bufs[1].Value.Data[u]))
	r.PopMean = append(r.PopMean, pm)
	r.PopVar = append(r.PopVar, pv)
}

// population returns the mean and biased variance of unit u of the first
// Linear layer's output over the whole dataset, with the current weights:
// the statistics running_mean and running_var estimate.
func (l *Lesson) population(u int) (mean, variance float64) {
	lin, ok := l.Model.Children()[0].Layer.(*engine.Linear)
	if !ok {
		return 0, 0
	}
	in := lin.In
	w := lin.Weight.Value.Data[u*in : (u+1)*in]
	var b float64
	if lin.Bias != nil {
		b = float64(lin.Bias.Value.Data[u])
	}
	n := len(l.Toy.Y)
	z := make([]float64, n)
	for i := range n {
		s := b
		for j, wj := range w {
			s += float64(wj) * float64(l.Toy.X.Data[i*in+j])
		}
		z[i] = s
		mean += s
	}
	mean /= float64(n)
	for _, s := range z {
		variance += (s - mean) * (s - mean)
	}
	return mean, variance / float64(n)
}

// running returns a copy of the running-statistics history.
func (l *Lesson) running() Running {
	r := l.run.r
	c := func(s []float64) []float64 { return append([]float64{}, s...) }
	return Running{Layer: "1", Unit: l.p.unit, Momentum: l.p.momentum, Steps: append([]int{}, r.Steps...),
		BatchMean: c(r.BatchMean), BatchVar: c(r.BatchVar), RunningMean: c(r.RunningMean),
		RunningVar: c(r.RunningVar), PopMean: c(r.PopMean), PopVar: c(r.PopVar)}
}
