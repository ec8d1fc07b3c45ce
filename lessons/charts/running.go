package charts

import (
	"fmt"
)

// BNRunningStats renders bn-steps' running statistics against the batch
// number, two panels stacked: the running mean and the running variance
// under PyTorch's rule (momentum weighting the new batch, unbiased
// variance stored) and Keras's (momentum 0.99 weighting the old value), with
// each batch's own statistic for reference.
func BNRunningStats(r BNRunning, size Size) ([]byte, error) {
	if len(r.Points) == 0 {
		return nil, fmt.Errorf("charts: running statistics: no points")
	}
	if size.W <= 0 || size.H <= 0 {
		size = Size{W: DefaultSize.W, H: 2 * DefaultSize.H}
	}
	n := len(r.Points)
	x := make([]float64, n)
	var tm, tv, km, kv, bm, bv, bb []float64
	for i, p := range r.Points {
		x[i] = float64(p.Batch)
		tm, tv = append(tm, p.TorchMean), append(tv, p.TorchVar)
		km, kv = append(km, p.KerasMean), append(kv, p.KerasVar)
		bm, bv, bb = append(bm, p.BatchMean), append(bv, p.BatchVarUnbiased), append(bb, p.BatchVar)
	}
	torch := fmt.Sprintf("PyTorch (momentum %g)", r.Momentum)
	keras := fmt.Sprintf("Keras (momentum %g)", r.KerasMomentum)
	series := func(t, b, k []float64, batchName string) []Series {
		s := []Series{{Name: torch, X: x, Y: t}, {Name: keras, X: x, Y: k}}
		if n > 1 {
			s = append(s, Series{Name: batchName, X: x[1:], Y: b[1:]})
		}
		return s
	}
	const title = "Running statistics of feature 1"
	top, err := linePlot(LineSpec{Title: title, XLabel: "", YLabel: "running mean",
		Series: series(tm, bm, km, "this batch's mean")})
	if err != nil {
		return nil, err
	}
	// Each framework's variance follows its own target: PyTorch's the
	// unbiased batch variance, Keras's the biased one (1/m).
	vs := series(tv, bv, kv, "batch var × m/(m−1), PyTorch's target")
	if n > 1 {
		vs = append(vs, Series{Name: "batch var (1/m), Keras's target", X: x[1:], Y: bb[1:]})
	}
	bottom, err := linePlot(LineSpec{XLabel: "batches seen", YLabel: "running variance", Series: vs})
	if err != nil {
		return nil, err
	}
	headroom(top, 3, size.H/2)
	headroom(bottom, 3, size.H/2)
	data := table{head: []string{"batch", "batch mean", "batch var (1/m)", "batch var × m/(m−1)", "PyTorch running_mean", "PyTorch running_var", "Keras moving_mean", "Keras moving_variance"}}
	for _, p := range r.Points {
		data.add(num(float64(p.Batch)), num(p.BatchMean), num(p.BatchVar), num(p.BatchVarUnbiased), num(p.TorchMean), num(p.TorchVar), num(p.KerasMean), num(p.KerasVar))
	}
	return render(title, data, size, top, bottom)
}

// BNRunning is the history of the running statistics of feature 0 over the
// batches seen, under both frameworks' rules:
//
//	PyTorch: running = (1 − momentum) · running + momentum · batch, var stored unbiased (× m/(m−1))
//	Keras:   moving  = 0.99 · moving + (1 − 0.99) · batch,          var stored as the batch variance (1/m)
//
// Both start at mean 0 and variance 1. PyTorch's numbers are the engine
// layer's running_mean and running_var buffers.
type BNRunning struct {
	Momentum      float64          `json:"momentum"`      // PyTorch's, weights the new value
	KerasMomentum float64          `json:"kerasMomentum"` // 0.99, weights the old value
	Points        []BNRunningPoint `json:"points"`        // batch 0 (initial) .. batches
	// FinalMean and FinalVar are PyTorch's running statistics of every
	// feature after the last batch (length d).
	FinalMean []float64 `json:"finalMean"`
	FinalVar  []float64 `json:"finalVar"`
}

// BNRunningPoint is the state after one batch (Batch 0: before any, with
// the batch fields 0).
type BNRunningPoint struct {
	Batch            int     `json:"batch"`
	BatchMean        float64 `json:"batchMean"`
	BatchVar         float64 `json:"batchVar"`         // biased
	BatchVarUnbiased float64 `json:"batchVarUnbiased"` // × m/(m − 1)
	TorchMean        float64 `json:"torchMean"`
	TorchVar         float64 `json:"torchVar"`
	KerasMean        float64 `json:"kerasMean"`
	KerasVar         float64 `json:"kerasVar"`
}
