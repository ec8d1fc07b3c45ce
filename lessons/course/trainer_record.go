package course

import (
	"math"

	"bnlab/engine"
)

// netRecord is everything recorded for one network.
type netRecord struct {
	loss, acc, valLoss, valAcc curve
	unitBands, layerBands      []band  // per hidden layer
	gradNorms                  []curve // per Linear layer, at histogram steps
	layers                     []LayerStats
	histStep                   int
}

// recordStep records a successful training step from the model's probes
// (they still describe the step's forward pass and backward pass).
func (n *harnessNet) recordStep(h *Harness, loss float64, y []int, hist bool) {
	probes := engine.Probes(n.model)
	n.recordForward(h, loss, probes[n.outIdx].Output, y, hist, true)
}

// recordForward records loss and batch accuracy of logits out, the chosen
// unit's percentiles, and at histogram steps the per-layer statistics
// (with gradient norms when grads is true).
func (n *harnessNet) recordForward(h *Harness, loss float64, out *engine.Tensor, y []int, hist, grads bool) {
	if finite(loss) {
		n.rec.loss.add(h.step, loss)
	}
	n.rec.acc.add(h.step, batchAccuracy(out, y))
	if len(n.blocks) == 0 {
		return
	}
	probes := engine.Probes(n.model)
	if n.rec.unitBands == nil {
		n.rec.unitBands = make([]band, len(n.blocks))
		n.rec.layerBands = make([]band, len(n.blocks))
	}
	col := make([]float32, 0, len(y))
	for i, b := range n.blocks {
		in := actInput(probes, b)
		width := in.Shape[1]
		col = col[:0]
		for r := 0; r < in.Shape[0]; r++ {
			col = append(col, in.Data[r*width+h.cfg.Unit])
		}
		n.rec.unitBands[i].add(h.step, col)
		if hist {
			n.rec.layerBands[i].add(h.step, in.Data)
		}
	}
	if !hist {
		return
	}
	n.rec.histStep = h.step
	n.rec.layers = nil // fresh: snapshots keep the old slice
	for i, b := range n.blocks {
		n.rec.layers = append(n.rec.layers, blockStats(probes, b, i+1, h.cfg, n.spec.MLP.Activation))
	}
	if !grads {
		return
	}
	if n.rec.gradNorms == nil {
		n.rec.gradNorms = make([]curve, len(n.linears))
	}
	for i, l := range n.linears {
		g := engine.L2Norm(l.Weight.Grad.Data)
		n.rec.gradNorms[i].add(h.step, g)
		if i < len(n.rec.layers) {
			n.rec.layers[i].GradNorm = g
		}
	}
}

// actInput returns the tensor that reaches a block's activation: the
// norm's output (after the noise, when there is one) when the norm comes
// first, otherwise the Linear's output.
func actInput(p []engine.Probe, b block) *engine.Tensor {
	if b.norm >= 0 && b.normFirst {
		return normOutput(p, b)
	}
	return p[b.linear].Output
}

// normOutput is the norm's output, or the output of the ShiftNoise that
// follows it.
func normOutput(p []engine.Probe, b block) *engine.Tensor {
	if b.noise >= 0 {
		return p[b.noise].Output
	}
	return p[b.norm].Output
}

// blockStats computes one hidden block's histograms.
func blockStats(p []engine.Probe, b block, layer int, cfg HarnessConfig, act string) LayerStats {
	s := LayerStats{Layer: layer, Pre: newHist(p[b.linear].Output.Data, cfg.Bins, -cfg.Range, cfg.Range), ActIn: "pre"}
	if b.norm >= 0 {
		nh := newHist(normOutput(p, b).Data, cfg.Bins, -cfg.Range, cfg.Range)
		s.Norm = &nh
		if b.normFirst {
			s.ActIn = "norm"
		} else {
			s.NormAfterAct = true
		}
	}
	if b.act >= 0 {
		lo, hi := actRange(act, cfg.Range)
		out := p[b.act].Output.Data
		s.Act = newHist(out, cfg.Bins, lo, hi)
		s.Saturated = saturatedShare(act, out)
	}
	return s
}

// actRange is the histogram range of an activation's output.
func actRange(act string, r float64) (lo, hi float64) {
	switch act {
	case "sigmoid":
		return 0, 1
	case "tanh":
		return -1, 1
	}
	return 0, r
}

// saturatedShare is the share of activation outputs where the derivative is
// (nearly) zero: sigmoid outputs below 0.02 or above 0.98 (σ′ < 0.02),
// tanh outputs with |y| > 0.98 (tanh′ < 0.04), ReLU outputs equal to 0
// (inactive units, derivative 0).
func saturatedShare(act string, y []float32) float64 {
	if len(y) == 0 {
		return 0
	}
	k := 0
	for _, v := range y {
		switch act {
		case "sigmoid":
			if v < 0.02 || v > 0.98 {
				k++
			}
		case "tanh":
			if v < -0.98 || v > 0.98 {
				k++
			}
		default:
			if v <= 0 {
				k++
			}
		}
	}
	return float64(k) / float64(len(y))
}

// batchAccuracy is the share of rows of out whose argmax is the label.
func batchAccuracy(out *engine.Tensor, y []int) float64 {
	if out == nil || len(y) == 0 {
		return 0
	}
	c := out.Shape[1]
	right := 0
	for i, l := range y {
		if engine.Argmax(out.Data[i*c:(i+1)*c]) == l {
			right++
		}
	}
	return float64(right) / float64(len(y))
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
