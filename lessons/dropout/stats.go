package dropout

import (
	"hash/fnv"

	"bnlab/engine"
	"bnlab/lessons/train"
)

const (
	distinctCap = 100_000 // most distinct masks the ensemble view remembers
)

// scales returns the factor applied to survivors in training and to
// every unit at test, for a mode and drop probability p:
//
//	inverted: 1/(1 − p) and 1       classic: 1 and (1 − p)   (Srivastava et al. 2014)
//	wrong mixes: 1/(1 − p) and (1 − p);  1 and 1
//
// p = 1 gives a training factor of 0 (everything dropped, never NaN).
func scales(mode string, p float64) (train, test float64) {
	inv := 0.0
	if p < 1 {
		inv = 1 / (1 - p)
	}
	switch mode {
	case ModeClassic:
		return 1, 1 - p
	case ModeInvertedScaled:
		return inv, 1 - p
	case ModeClassicNoScale:
		return 1, 1
	}
	return inv, 1
}

// modeCorrect reports whether a mode keeps the test output equal to the
// training expectation.
func modeCorrect(mode string) bool { return mode == ModeInverted || mode == ModeClassic }

// snap is one dropout layer's state for sample 0 of the last step.
type snap struct {
	kept          []bool
	before, after []float64
}

// layerAccum accumulates one dropout layer over every unit-sample seen.
type layerAccum struct {
	units, kept              int64
	sumTrain, sumEval        float64
	dropShare, trainM, evalM []float64 // history
}

// accum accumulates the whole lesson's counters and history.
type accum struct {
	steps    int
	layers   []layerAccum
	stride   int
	hSteps   []int
	hLoss    []float64
	masks    int64
	distinct map[uint64]struct{}
	capped   bool
}

func (a *accum) reset(layers int) {
	*a = accum{layers: make([]layerAccum, layers), stride: 1, distinct: map[uint64]struct{}{}}
}

// record reads the masks and activations of the step that just ran.
func (l *Lesson) record() {
	a := &l.acc
	a.steps++
	probes := engine.Probes(l.Model)
	n := 0
	var rows [][]float32 // per droppable layer, the (N, w) mask
	for i, d := range l.drops {
		mask, in := d.Mask(), probes[l.dropAt[i]].Input
		if mask == nil || in == nil {
			continue
		}
		n = mask.Shape[0]
		w := mask.Shape[1]
		ts, es := scales(l.p.mode, d.P())
		la := &a.layers[i]
		var kept int64
		var st, se float64
		for j, m := range mask.Data {
			x := float64(in.Data[j])
			if m != 0 {
				kept++
				st += x * ts
			}
			se += x * es
		}
		la.units += int64(len(mask.Data))
		la.kept += kept
		la.sumTrain += st
		la.sumEval += se
		s := snap{kept: make([]bool, w), before: make([]float64, w), after: make([]float64, w)}
		for j := range w {
			s.kept[j] = mask.Data[j] != 0
			s.before[j] = float64(in.Data[j])
			if s.kept[j] {
				s.after[j] = s.before[j] * ts
			}
		}
		l.last[i] = s
		if p := d.P(); p > 0 && p < 1 {
			rows = append(rows, mask.Data)
		}
	}
	a.countMasks(rows, n)
	if a.steps%a.stride == 0 {
		a.push(l.Loss)
	}
}

// countMasks adds the combined mask of each sample row to the distinct set.
func (a *accum) countMasks(rows [][]float32, n int) {
	if len(rows) == 0 {
		return
	}
	a.masks += int64(n)
	for r := range n {
		h := fnv.New64a()
		for _, m := range rows {
			w := len(m) / n
			buf := make([]byte, 0, (w+7)/8)
			var b byte
			for j, v := range m[r*w : (r+1)*w] {
				if v != 0 {
					b |= 1 << (j % 8)
				}
				if j%8 == 7 || j == w-1 {
					buf = append(buf, b)
					b = 0
				}
			}
			h.Write(buf)
		}
		k := h.Sum64()
		if _, ok := a.distinct[k]; !ok {
			if len(a.distinct) >= distinctCap {
				a.capped = true
				continue
			}
			a.distinct[k] = struct{}{}
		}
	}
}

// push appends the current cumulative values to the history, halving it
// (and doubling the stride) when it is full.
func (a *accum) push(loss float64) {
	if len(a.hSteps) >= train.HistoryCap {
		a.hSteps = train.ThinInts(a.hSteps)
		a.hLoss = train.Thin(a.hLoss)
		for i := range a.layers {
			la := &a.layers[i]
			la.dropShare, la.trainM, la.evalM = train.Thin(la.dropShare), train.Thin(la.trainM), train.Thin(la.evalM)
		}
		a.stride *= 2
		if a.steps%a.stride != 0 {
			return
		}
	}
	a.hSteps = append(a.hSteps, a.steps)
	a.hLoss = append(a.hLoss, loss)
	for i := range a.layers {
		la := &a.layers[i]
		e := la.expectation(0, 1, 1)
		la.dropShare = append(la.dropShare, e.DropShare)
		la.trainM = append(la.trainM, e.TrainMean)
		la.evalM = append(la.evalM, e.EvalMean)
	}
}
