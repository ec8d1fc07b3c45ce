package train

// NetSummary is the measurements of one network at the current step, for a
// results table: numbers the student compares, never a verdict.
type NetSummary struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Steps    int    `json:"steps"`
	Diverged bool   `json:"diverged"`
	// RecentLoss is the mean training mini-batch loss over the last (up to)
	// 20 recorded steps.
	RecentLoss float64 `json:"recentLoss"`
	// ValAcc and ValLoss are the last validation measurement (at ValStep);
	// BestValAcc the best so far, at BestValStep.
	ValAcc      float64 `json:"valAcc"`
	ValLoss     float64 `json:"valLoss"`
	ValStep     int     `json:"valStep"`
	BestValAcc  float64 `json:"bestValAcc"`
	BestValStep int     `json:"bestValStep"`
	// Reached lists, for validation accuracies 50%, 80% and 90%, the first
	// validation step that reached it (0: not yet).
	Reached []Reach `json:"reached"`
	// GradFirst and GradLast are ‖∂L/∂W‖₂ of the first and the last hidden
	// layer at the last histogram step; GradRatio = GradFirst / GradLast
	// (0 when GradLast is 0): far below 1 means vanishing gradients.
	GradFirst float64 `json:"gradFirst"`
	GradLast  float64 `json:"gradLast"`
	GradRatio float64 `json:"gradRatio"`
	// Saturated is the mean share of saturated (or, for ReLU, inactive)
	// activation outputs over the hidden layers.
	Saturated float64 `json:"saturated"`
	// MedianMove is how far, on average, the median over the mini-batch of
	// the chosen unit's activation input moves from one training step to
	// the next, over every pair of consecutive recorded steps (not the
	// chart's thinned series); MedianMoves is the number of such pairs.
	MedianMove  float64 `json:"medianMove"`
	MedianMoves int     `json:"medianMoves"`
}

// medianMove is the mean |Δ| of p50 between consecutive steps.
func medianMove(p50 Series) (float64, int) {
	var sum float64
	n := 0
	for i := 1; i < len(p50.Vals); i++ {
		if p50.Steps[i] == p50.Steps[i-1]+1 {
			d := p50.Vals[i] - p50.Vals[i-1]
			if d < 0 {
				d = -d
			}
			sum += d
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}

// Reach is the first validation step at which accuracy reached Acc.
type Reach struct {
	Acc  float64 `json:"acc"`
	Step int     `json:"step"`
}

// reachLevels are the validation accuracies NetSummary.Reached reports.
var reachLevels = [...]float64{0.5, 0.8, 0.9}

// Summaries returns one NetSummary per network, in order.
func (h *Harness) Summaries() []NetSummary {
	var out []NetSummary
	for _, n := range h.Nets {
		r := &n.Rec
		s := NetSummary{Name: n.Spec.Name, Label: n.Spec.Label, Steps: n.Trainer.Steps, Diverged: n.Diverged != nil}
		if k := len(r.Loss.Vals); k > 0 {
			lo := max(0, k-20)
			for _, v := range r.Loss.Vals[lo:] {
				s.RecentLoss += v
			}
			s.RecentLoss /= float64(k - lo)
		}
		if v, ok := r.ValAcc.Last(); ok {
			s.ValAcc, s.ValStep = v, r.ValAcc.Steps[len(r.ValAcc.Steps)-1]
			s.ValLoss, _ = r.ValLoss.Last()
		}
		for _, lv := range reachLevels {
			s.Reached = append(s.Reached, Reach{Acc: lv})
		}
		for i, v := range r.ValAcc.Vals {
			if v > s.BestValAcc {
				s.BestValAcc, s.BestValStep = v, r.ValAcc.Steps[i]
			}
			for j := range s.Reached {
				if s.Reached[j].Step == 0 && v >= s.Reached[j].Acc && r.ValAcc.Steps[i] > 0 {
					s.Reached[j].Step = r.ValAcc.Steps[i]
				}
			}
		}
		if k := len(r.layers); k > 0 {
			s.GradFirst, s.GradLast = r.layers[0].GradNorm, r.layers[k-1].GradNorm
			if s.GradLast > 0 {
				s.GradRatio = s.GradFirst / s.GradLast
			}
			for _, l := range r.layers {
				s.Saturated += l.Saturated / float64(k)
			}
		}
		if l := h.layer(); l >= 1 && l <= len(r.unitBands) {
			s.MedianMove, s.MedianMoves = medianMove(r.unitBands[l-1].p50)
		}
		out = append(out, s)
	}
	return out
}
