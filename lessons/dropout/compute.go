package dropout

import (
	"fmt"
	"math"
	"strconv"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/train"
)

// maxShownInputs bounds the input units drawn in the diagram.

// expectation summarises the accumulated counts for drop probability p and
// the mode's scales (see Expectation).
func (la *layerAccum) expectation(p, ts, es float64) Expectation {
	e := Expectation{Units: la.units, Kept: la.kept}
	n := float64(la.units)
	e.ExpectedKept = (1 - p) * n
	e.Sigma = math.Sqrt(n * p * (1 - p))
	if e.Sigma > 0 {
		e.Z = (float64(la.kept) - e.ExpectedKept) / e.Sigma
	}
	if la.units > 0 {
		e.DropShare = float64(la.units-la.kept) / n
		e.TrainMean = la.sumTrain / n
		e.EvalMean = la.sumEval / n
	}
	if e.TrainMean != 0 {
		e.Ratio = e.EvalMean / e.TrainMean
	}
	if p < 1 && ts > 0 {
		e.Factor = es / ((1 - p) * ts)
	}
	return e
}

// view builds the view model from the lesson's state.
func (l *Lesson) view() *View {
	p := l.p
	if l.waiting || l.Model == nil {
		return &View{Waiting: true, Seed: l.seed, Dataset: p.dataset, Mode: p.mode, Preset: p.preset,
			Notes: []string{"Waiting for the MNIST images to load."}}
	}
	v := &View{Step: l.acc.steps, Seed: l.seed, Dataset: p.dataset, Classes: l.Toy.Classes,
		Batch: p.batch, Loss: l.Loss, Accuracy: l.Acc, Rules: l.rules, Mode: p.mode, Correct: modeCorrect(p.mode), Preset: p.preset}
	v.ModeText, v.Verdict = modeTexts(p.mode, p.p)
	if r, ok := presets[p.preset]; ok {
		v.Range = lessons.FormatFloat(r[0])
		if r[1] != r[0] {
			v.Range += "–" + lessons.FormatFloat(r[1])
		}
	} else {
		v.Range = "0–0.9"
	}
	v.PNote = fmt.Sprintf("p is the DROP probability, as in PyTorch's nn.Dropout(p) and Keras's Dropout(rate): "+
		"each unit is kept with probability 1 − p. Srivastava et al. (2014) write p for the RETAIN probability, "+
		"so their p is 1 − p here: %s for hidden 1 and %s for hidden 2.", lessons.FormatFloat(round6(1-p.p[0])), lessons.FormatFloat(round6(1-p.p[1])))
	if p.clamped {
		v.Notes = append(v.Notes, "The p sliders were moved into the "+p.preset+" range "+v.Range+".")
	}
	if why, ok := presetWhy[p.preset]; ok {
		v.Notes = append(v.Notes, why)
	}
	v.Notes = append(v.Notes, lrNote(p.p[1]))
	sizes := []int{l.Toy.X.Shape[1], p.width, p.width, l.Toy.Classes}
	names := []string{"input", "hidden 1", "hidden 2", "output"}
	for c, n := range sizes {
		lv := LayerView{Name: names[c], Units: n, Shown: min(n, train.MaxShownInputs), X: float64(c) / float64(len(sizes)-1)}
		lv.Y = make([]float64, lv.Shown)
		for j := range lv.Y {
			lv.Y[j] = (float64(j) + 0.5) / float64(lv.Shown)
		}
		if c == 1 || c == 2 {
			l.fillDropLayer(&lv, c-1)
		}
		v.Layers = append(v.Layers, lv)
	}
	v.Ensemble = l.ensemble()
	v.MC = *l.monteCarlo()
	a := &l.acc
	v.History = History{Steps: append([]int(nil), a.hSteps...), Loss: append([]float64(nil), a.hLoss...)}
	for i := range a.layers {
		la := &a.layers[i]
		v.History.DropShare = append(v.History.DropShare, append([]float64(nil), la.dropShare...))
		v.History.TrainMean = append(v.History.TrainMean, append([]float64(nil), la.trainM...))
		v.History.EvalMean = append(v.History.EvalMean, append([]float64(nil), la.evalM...))
	}
	return v
}

// fillDropLayer fills the dropout fields of hidden layer i's column.
func (l *Lesson) fillDropLayer(lv *LayerView, i int) {
	q := l.drops[i].P()
	ts, es := scales(l.p.mode, q)
	lv.Droppable, lv.P, lv.Keep, lv.TrainScale, lv.TestScale = true, q, round6(1-q), ts, es
	s := l.last[i]
	lv.Kept = append([]bool(nil), s.kept...)
	lv.Before = append([]float64(nil), s.before...)
	lv.After = append([]float64(nil), s.after...)
	for _, k := range s.kept {
		if !k {
			lv.Dropped++
		}
	}
	lv.Expect = l.acc.layers[i].expectation(q, ts, es)
}

// presetWhy says why each layer type's usual rates are what they are.
var presetWhy = map[string]string{
	"dense": "Dense layers take the highest rates (0.3–0.5): wide fully connected layers hold most of the weights and overfit the most, " +
		"and the wider the layer the more units it can spare.",
	"conv": "Convolutional layers take low rates (0.1–0.25): they have few, shared weights, and neighbouring activations of a feature map are correlated, " +
		"so dropping single ones removes little; spatial dropout (Dropout2d) drops whole channels instead.",
	"recurrent": "Recurrent layers take 0.2–0.3 on their inputs and outputs; on the recurrent connection a fresh mask each time step disturbs the memory, " +
		"so variational dropout uses one mask for the whole sequence.",
	"transformer": "Transformers use 0.1: dropout is applied in many places (each sub-layer's output, the embeddings, usually the attention weights), so a small rate is enough.",
}

// ensemble counts sub-networks: 2^n for the n units with 0 < p < 1, and
// how many of them the masks drawn so far are expected to have met.
func (l *Lesson) ensemble() Ensemble {
	ls := l.maskLayers()
	n := units(ls)
	e := Ensemble{Droppable: n, Power: n, Log10: float64(n) * math.Log10(2),
		MasksDrawn: l.acc.masks, Distinct: len(l.acc.distinct), Capped: l.acc.capped}
	if n < 63 {
		e.SubNetworks = strconv.FormatUint(1<<uint(n), 10)
	} else {
		mant := math.Pow(10, e.Log10-math.Floor(e.Log10))
		e.SubNetworks = fmt.Sprintf("2^%d ≈ %.2f×10^%d", n, mant, int(math.Floor(e.Log10)))
	}
	e.Share = float64(e.Distinct) / math.Pow(2, float64(n))
	e.Coverage = l.cover
	c := coverage(ls, e.MasksDrawn, 0)
	e.Coverage.ExpectedDistinct, e.Coverage.ExpectedShare = c.ExpectedDistinct, c.ExpectedShare
	return e
}

// maskLayers are the droppable layers (0 < p < 1), whose masks pick the
// sub-network.
func (l *Lesson) maskLayers() []layerMask {
	var ls []layerMask
	for _, d := range l.drops {
		if q := d.P(); q > 0 && q < 1 {
			ls = append(ls, layerMask{w: l.p.width, p: q})
		}
	}
	return ls
}

// modeTexts describes a mode and judges it.
func modeTexts(mode string, p [2]float64) (text, verdict string) {
	q := p[1]
	ts, es := scales(mode, q)
	f := 0.0
	if q < 1 {
		f = es / ((1 - q) * ts)
	}
	switch mode {
	case ModeInverted:
		return "Inverted dropout: survivors × 1/(1 − p) in training; identity at test (PyTorch, Keras).",
			"Right: E[m·a/(1 − p)] = a, so each dropout layer's test output equals its training expectation; " +
				"for the whole network that is the weight-scaling approximation of the ensemble average."
	case ModeClassic:
		return "Classic dropout (Srivastava et al. 2014): no scaling in training; every unit × (1 − p) at test.",
			"Right: E[m·a] = (1 − p)·a, which is exactly what each layer's test scaling gives; " +
				"for the whole network that is the weight-scaling approximation of the ensemble average."
	case ModeInvertedScaled:
		return "Inverted scaling in training AND × (1 − p) at test.",
			fmt.Sprintf("Wrong: the scaling is applied twice; at test each layer's output is (1 − p) = %.3g times its training expectation (hidden 2). Never both.", f)
	}
	return "No scaling in training and none at test.",
		fmt.Sprintf("Wrong: at test all units are on, so each layer's output is 1/(1 − p) = %.3g times its training expectation (hidden 2).", f)
}

// round6 rounds to 6 decimals (for 1 − p shown as text).
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// lrNote says why classic dropout is the same function as the inverted
// dropout that trains here but not the same SGD run: the weights after a
// dropout layer are 1/(1 − p) times larger in classic dropout, their
// gradient (1 − p) times smaller, so the same learning rate moves the
// function (1 − p)² times as far; q is hidden 2's p.
func lrNote(q float64) string {
	s := "Training runs PyTorch-style inverted dropout; classic dropout is the same function with the next layer's weights × 1/(1 − p), " +
		"the scaling in another place. It is not the same SGD run: those weights are 1/(1 − p) times larger and their gradient (1 − p) times smaller, " +
		"so with one learning rate classic dropout moves them (1 − p)² times as far, relative to their size, as inverted dropout does"
	if q > 0 && q < 1 {
		s += fmt.Sprintf(" (for hidden 2's p = %s: %s; a classic run would need %s times the learning rate on them to match)",
			lessons.FormatFloat(q), numfmt.Num((1-q)*(1-q)), numfmt.Num(1/((1-q)*(1-q))))
	}
	return s + "."
}
