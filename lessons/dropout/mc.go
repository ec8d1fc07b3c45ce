package dropout

import (
	"math"

	"bnlab/engine"
	"bnlab/lessons/train"
)

// mcPasses is the largest number of masked passes Monte Carlo dropout
// averages.
const mcPasses = 256

// monteCarlo returns Monte Carlo dropout on the fixed input for the
// current weights, recomputed once per training step. Its masks come from a
// stream of their own (seed, step), so it never disturbs training.
func (l *Lesson) monteCarlo() *MC {
	if l.mc != nil && l.mc.Step == l.acc.steps {
		return l.mc
	}
	mc, err := l.computeMC(mcPasses)
	if err != nil {
		return &MC{Step: l.acc.steps}
	}
	l.mc = mc
	return mc
}

// computeMC runs k masked train-mode passes of the fixed input as one
// batch (each row gets its own mask) and compares the running averages with
// the eval-mode output under the mode's test rule.
func (l *Lesson) computeMC(k int) (*MC, error) {
	idx := len(l.Toy.Y) * 5 / 8
	in := l.Toy.Row(idx)
	w := in.Shape[1]
	x := engine.New(k, w)
	for r := range k {
		copy(x.Data[r*w:], in.Data)
	}
	mcRng := train.NewRand(l.seed, 1000+uint64(l.acc.steps))
	for _, d := range l.drops {
		d.SetRand(mcRng)
	}
	l.Model.Train()
	out, err := l.Model.Forward(x)
	for _, d := range l.drops {
		d.SetRand(l.rng)
	}
	if err != nil {
		return nil, err
	}
	c := out.Shape[1]
	logits := append([]float32(nil), out.Data...)
	evalLogit, err := l.evalForward(in)
	if err != nil {
		return nil, err
	}
	mc := &MC{Sample: idx, Step: l.acc.steps, Input: train.Float64s(in.Data),
		EvalLogit: train.Float64s(evalLogit), EvalProbs: train.Softmax(evalLogit)}
	// Standard deviation of each logit over all k passes, for s/√k.
	sd := make([]float64, c)
	for j := range c {
		var s, s2 float64
		for r := range k {
			v := float64(logits[r*c+j])
			s += v
			s2 += v * v
		}
		m := s / float64(k)
		sd[j] = math.Sqrt(max(0, s2/float64(k)-m*m) * float64(k) / float64(max(k-1, 1)))
	}
	sumL := make([]float64, c)
	sumP := make([]float64, c)
	for r := range k {
		row := logits[r*c : (r+1)*c]
		for j, pr := range train.Softmax(row) {
			sumL[j] += float64(row[j])
			sumP[j] += pr
		}
		n := float64(r + 1)
		probs := make([]float64, c)
		var lg, pg, se float64
		for j := range c {
			probs[j] = sumP[j] / n
			lg = max(lg, math.Abs(sumL[j]/n-mc.EvalLogit[j]))
			pg = max(pg, math.Abs(probs[j]-mc.EvalProbs[j]))
			se = max(se, sd[j]/math.Sqrt(n))
		}
		mc.K = append(mc.K, r+1)
		mc.Probs = append(mc.Probs, probs)
		mc.LogitGap = append(mc.LogitGap, lg)
		mc.ProbGap = append(mc.ProbGap, pg)
		mc.StdErr = append(mc.StdErr, se)
	}
	mc.Exact = l.drops[0].P() == 0
	switch {
	case !modeCorrect(l.p.mode):
		mc.Note = "The eval output uses this mode's wrong test scaling, so the MC average (what training sees) settles away from it."
	case mc.Exact:
		mc.Note = "Only the last dropout layer drops and the logits are linear in its mask: the MC average converges to the eval output, the gap shrinking like 1/√k."
	default:
		mc.Note = "Dropout before a ReLU: the MC average converges to the true ensemble mean, which the eval output (the weight-scaling rule) only approximates, so a small gap remains (Srivastava et al. 2014, §7.5)."
	}
	return mc, nil
}

// evalForward runs x through the network in eval mode under the mode's
// test rule (evalLogits) and returns the logits of the first row (a copy).
func (l *Lesson) evalForward(x *engine.Tensor) ([]float32, error) {
	out, err := l.evalLogits(x, true)
	if err != nil {
		return nil, err
	}
	c := out.Shape[1]
	return append([]float32(nil), out.Data[:c]...), nil
}

// evalLogits runs x through the network in eval mode, layer by layer, and
// returns the logits. With rule set, each dropout layer's output is
// multiplied by the factor the mode applies at test relative to the
// training expectation (1 for the right modes, (1 − p) or 1/(1 − p) for the
// wrong mixes). The model is left in train mode.
func (l *Lesson) evalLogits(x *engine.Tensor, rule bool) (*engine.Tensor, error) {
	l.Model.Eval()
	defer l.Model.Train()
	h := x
	for i, ch := range l.Model.Children() {
		y, err := ch.Layer.Forward(h)
		if err != nil {
			return nil, err
		}
		for j, at := range l.dropAt {
			if i != at || !rule {
				continue
			}
			if f := float32(l.testFactor(j)); f != 1 {
				y = y.Clone()
				for n := range y.Data {
					y.Data[n] *= f
				}
			}
		}
		h = y
	}
	return h, nil
}

// testFactor is the factor dropout layer j's test output is off its
// training expectation under the lesson's mode: es / ((1 − p)·ts), 1 for
// the right modes and for p = 1.
func (l *Lesson) testFactor(j int) float64 {
	q := l.drops[j].P()
	ts, es := scales(l.p.mode, q)
	if q >= 1 || ts == 0 {
		return 1
	}
	return es / ((1 - q) * ts)
}
