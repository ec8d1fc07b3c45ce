package train

import "fmt"

// TrainSnapshot is what a Harness has recorded so far: plain data that
// encodes to JSON (no NaN or Inf), copied so that later steps do not change
// it. The worker posts it to the page.
type TrainSnapshot struct {
	// Step is the number of training steps taken by the harness.
	Step int `json:"step"`
	// Batch, LR and Seed repeat the configuration.
	Batch int     `json:"batch"`
	LR    float64 `json:"lr"`
	Seed  uint64  `json:"seed"`
	// Layer and Unit are the hidden layer (1-based) and unit whose
	// activation input UnitBand and LayerBand follow.
	Layer int `json:"layer"`
	Unit  int `json:"unit"`
	// HistEvery and ValEvery are the recording intervals in steps.
	HistEvery int `json:"histEvery"`
	ValEvery  int `json:"valEvery"`
	// ValSize is the number of validation samples evaluated.
	ValSize int `json:"valSize"`
	// Data names the dataset ("MNIST", "synthetic").
	Data string        `json:"data"`
	Nets []NetSnapshot `json:"nets"`
}

// NetSnapshot is one network's record.
type NetSnapshot struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	// Diverged is true once a step produced NaN or Inf; DivergedAt is that
	// step and Error the engine's message. The net has stopped training and
	// its curves end at the last good step.
	Diverged   bool   `json:"diverged"`
	DivergedAt int    `json:"divergedAt,omitempty"`
	Error      string `json:"error,omitempty"`
	// Steps is the number of steps this net completed.
	Steps int `json:"steps"`
	// Loss and Acc are the training mini-batch's cross-entropy and accuracy
	// at each step (train mode, before that step's update); step 0 is the
	// untrained net.
	Loss Curve `json:"loss"`
	Acc  Curve `json:"acc"`
	// ValLoss and ValAcc are measured in eval mode on the validation set.
	ValLoss Curve `json:"valLoss"`
	ValAcc  Curve `json:"valAcc"`
	// UnitBand: percentiles over the mini-batch of the chosen unit's
	// activation input, every step. LayerBand: percentiles over all units
	// of the chosen layer, at histogram steps.
	UnitBand  Band `json:"unitBand"`
	LayerBand Band `json:"layerBand"`
	// HistStep is the step the Layers histograms were taken at.
	HistStep int          `json:"histStep"`
	Layers   []LayerStats `json:"layers"`
	// GradNorms[i] is ‖∂L/∂W‖₂ of Linear layer i+1 (the hidden layers, then
	// the output layer) over the histogram steps.
	GradNorms []Curve `json:"gradNorms"`
}

// layer is the chosen hidden layer, 1-based (Layer 0: the last one of the
// first net).
func (h *Harness) layer() int {
	if h.Config.Layer == 0 && len(h.Nets) > 0 {
		return len(h.Nets[0].blocks)
	}
	return h.Config.Layer
}

// SetLayer chooses the hidden layer (1-based; 0 for the last) whose
// percentile bands Snapshot returns. Bands are recorded for every layer, so
// this does not restart the training.
func (h *Harness) SetLayer(layer int) error {
	for _, n := range h.Nets {
		if layer < 0 || layer > len(n.blocks) {
			return fmt.Errorf("lessons: harness: layer %d chosen but net %q has %d hidden layers", layer, n.Spec.Name, len(n.blocks))
		}
	}
	h.Config.Layer = layer
	return nil
}

// Snapshot returns the current records.
func (h *Harness) Snapshot() TrainSnapshot {
	c := h.Config
	layer := h.layer()
	s := TrainSnapshot{Step: h.step, Batch: c.Batch, LR: c.LR, Seed: c.Seed, Layer: layer, Unit: c.Unit,
		HistEvery: c.HistEvery, ValEvery: max(c.ValEvery, 0), Data: h.ds.Name}
	if h.valX != nil {
		s.ValSize = len(h.ValY)
	}
	for _, n := range h.Nets {
		r := &n.Rec
		ns := NetSnapshot{Name: n.Spec.Name, Label: n.Spec.Label, Steps: n.Trainer.Steps,
			Loss: r.Loss.View(c.MaxPoints), Acc: r.Acc.View(c.MaxPoints),
			ValLoss: r.ValLoss.View(c.MaxPoints), ValAcc: r.ValAcc.View(c.MaxPoints),
			HistStep: r.histStep, Layers: append([]LayerStats{}, r.layers...)}
		if layer >= 1 && layer <= len(r.unitBands) {
			ns.UnitBand = r.unitBands[layer-1].view(c.MaxPoints)
			ns.LayerBand = r.layerBands[layer-1].view(c.MaxPoints)
		}
		for i := range r.gradNorms {
			ns.GradNorms = append(ns.GradNorms, r.gradNorms[i].View(c.MaxPoints))
		}
		if n.Diverged != nil {
			ns.Diverged, ns.DivergedAt, ns.Error = true, n.Diverged.Step, n.Diverged.Error()
		}
		s.Nets = append(s.Nets, ns)
	}
	return s
}
