package traineval

import (
	"math/rand/v2"

	"bnlab/engine"
)

// UnitProbe follows one unit of the first BatchNorm layer for the chosen
// sample: its input x (the first Linear's output), the numbers eval mode
// uses (running_mean, running_var, γ, β, ε) and the output it gives, and
// the output train mode gives inside two different batches (the sample
// first, then m − 1 random others).
type UnitProbe struct {
	Sample, Unit, BatchSize int
	X                       float64 // the BN layer's input for the sample
	RunMean, RunVar         float64 // the buffers at this step
	Gamma, Beta, Eps        float64
	Eval                    float64 // eval-mode output for the sample alone
	Batches                 [2]UnitBatch
}

// UnitBatch is the sample's unit inside one batch: the batch's mean and
// biased variance of the unit, and the unit's output in each mode.
type UnitBatch struct {
	Mean, Var   float64
	Train, Eval float64
}

// probeUnit computes the UnitProbe; the caller runs it inside scratch (the
// train-mode passes move the running statistics, which scratch restores).
// Its eval-mode passes run before the train-mode ones.
func (l *Lesson) probeUnit(r *rand.Rand) (UnitProbe, bool) {
	ch := l.Model.Children()
	lin, bn := ch[0].Layer, l.bn1
	u, w := l.p.unit, l.p.width
	pr := UnitProbe{Sample: l.p.sample, Unit: u, BatchSize: l.p.batch, Eps: bn.Eps()}
	bufs, ps := bn.Buffers(), bn.Params()
	if len(bufs) < 2 || len(ps) < 2 {
		return pr, false
	}
	pr.RunMean, pr.RunVar = float64(bufs[0].Value.Data[u]), float64(bufs[1].Value.Data[u])
	pr.Gamma, pr.Beta = float64(ps[0].Value.Data[u]), float64(ps[1].Value.Data[u])
	// out runs x through Linear and BN in one mode and returns row 0's unit u.
	out := func(x *engine.Tensor, train bool) (float64, bool) {
		z, err := lin.Forward(x)
		if err != nil {
			return 0, false
		}
		bn.SetTraining(train)
		y, err := bn.Forward(z)
		if err != nil {
			return 0, false
		}
		return float64(y.Data[u]), true
	}
	z, err := lin.Forward(l.Toy.Row(l.p.sample))
	if err != nil {
		return pr, false
	}
	pr.X = float64(z.Data[u])
	ok := true
	var o bool
	pr.Eval, o = out(l.Toy.Row(l.p.sample), false)
	ok = ok && o
	xs := [2]*engine.Tensor{l.batchWith(l.p.batch, r), l.batchWith(l.p.batch, r)}
	for i, x := range xs {
		pr.Batches[i].Eval, o = out(x, false)
		ok = ok && o
	}
	for i, x := range xs {
		pr.Batches[i].Train, o = out(x, true)
		ok = ok && o
		if m, v := bn.BatchMean(), bn.BatchVar(); len(m) == w && len(v) == w {
			pr.Batches[i].Mean, pr.Batches[i].Var = m[u], v[u]
		}
	}
	return pr, ok
}
