package charts

import (
	"fmt"

	"bnlab/lessons"
)

// BNRunningStats renders bn-steps' running statistics against the batch
// number, two panels stacked: the running mean and the running variance
// under PyTorch's rule (momentum weighting the new batch, unbiased
// variance stored) and Keras's (momentum 0.99 weighting the old value), with
// each batch's own statistic for reference.
func BNRunningStats(r lessons.BNRunning, size Size) ([]byte, error) {
	if len(r.Points) == 0 {
		return nil, fmt.Errorf("charts: running statistics: no points")
	}
	if size.W <= 0 || size.H <= 0 {
		size = Size{W: DefaultSize.W, H: 2 * DefaultSize.H}
	}
	n := len(r.Points)
	x := make([]float64, n)
	var tm, tv, km, kv, bm, bv []float64
	for i, p := range r.Points {
		x[i] = float64(p.Batch)
		tm, tv = append(tm, p.TorchMean), append(tv, p.TorchVar)
		km, kv = append(km, p.KerasMean), append(kv, p.KerasVar)
		bm, bv = append(bm, p.BatchMean), append(bv, p.BatchVarUnbiased)
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
	bottom, err := linePlot(LineSpec{XLabel: "batches seen", YLabel: "running variance",
		Series: series(tv, bv, kv, "this batch's unbiased variance")})
	if err != nil {
		return nil, err
	}
	headroom(top, 3, size.H/2)
	headroom(bottom, 3, size.H/2)
	return render(title, size, top, bottom)
}
