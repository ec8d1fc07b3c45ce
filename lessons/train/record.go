package train

import (
	"math"

	"bnlab/engine"
)

// netRecord is everything recorded for one network.
type netRecord struct {
	Loss, Acc, ValLoss, ValAcc Series
	unitBands, layerBands      []BandSeries // per hidden layer
	gradNorms                  []Series     // per Linear layer, at histogram steps
	layers                     []LayerStats
	histStep                   int
}

// recordStep records a successful training step from the model's probes
// (they still describe the step's forward pass and backward pass).
func (n *harnessNet) recordStep(h *Harness, loss float64, y []int, hist bool) {
	probes := engine.Probes(n.Model)
	n.recordForward(h, loss, probes[n.outIdx].Output, y, hist, true)
}

// recordForward records loss and batch accuracy of logits out, the chosen
// unit's percentiles, and at histogram steps the per-layer statistics
// (with gradient norms when grads is true).
func (n *harnessNet) recordForward(h *Harness, loss float64, out *engine.Tensor, y []int, hist, grads bool) {
	if Finite(loss) {
		n.Rec.Loss.Add(h.step, loss)
	}
	n.Rec.Acc.Add(h.step, batchAccuracy(out, y))
	if len(n.blocks) == 0 {
		return
	}
	probes := engine.Probes(n.Model)
	if n.Rec.unitBands == nil {
		n.Rec.unitBands = make([]BandSeries, len(n.blocks))
		n.Rec.layerBands = make([]BandSeries, len(n.blocks))
	}
	col := make([]float32, 0, len(y))
	for i, b := range n.blocks {
		in := actInput(probes, b)
		width := in.Shape[1]
		col = col[:0]
		for r := 0; r < in.Shape[0]; r++ {
			col = append(col, in.Data[r*width+h.Config.Unit])
		}
		n.Rec.unitBands[i].add(h.step, col)
		if hist {
			n.Rec.layerBands[i].add(h.step, in.Data)
		}
	}
	if !hist {
		return
	}
	n.Rec.histStep = h.step
	n.Rec.layers = nil // fresh: snapshots keep the old slice
	for i, b := range n.blocks {
		n.Rec.layers = append(n.Rec.layers, blockStats(probes, b, i+1, h.Config, n.Spec.MLP.Activation))
	}
	if !grads {
		return
	}
	if n.Rec.gradNorms == nil {
		n.Rec.gradNorms = make([]Series, len(n.linears))
	}
	for i, l := range n.linears {
		g := engine.L2Norm(l.Weight.Grad.Data)
		n.Rec.gradNorms[i].Add(h.step, g)
		if i < len(n.Rec.layers) {
			n.Rec.layers[i].GradNorm = g
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
	s := LayerStats{Layer: layer, Pre: NewHist(p[b.linear].Output.Data, cfg.Bins, -cfg.Range, cfg.Range), ActIn: "pre"}
	if b.norm >= 0 {
		nh := NewHist(normOutput(p, b).Data, cfg.Bins, -cfg.Range, cfg.Range)
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
		s.Act = NewHist(out, cfg.Bins, lo, hi)
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

func Finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
