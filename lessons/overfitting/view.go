package overfitting

import (
	"strconv"

	"bnlab/lessons/train"
)

// View is the overfitting lesson's view model. Nets are, in
// order, "plain", "bn", "dropout" and "bn-dropout". All accuracies are
// shares in [0, 1]; every curve is measured in eval mode every ValEvery
// steps (and at the last step) on TrainImages training images (at most
// 500 of the N) and on the validation images.
type View struct {
	train.TrainStatus
	// N is the number of training images, P the dropout rate, LR the
	// learning rate, Width the hidden units, Batch the mini-batch size.
	N     int
	P     float64
	LR    float64
	Width int
	Batch int
	Seed  uint64
	// Step is the steps taken so far, Steps the budget; Done is true once
	// the budget is spent (the results table is then final).
	Step  int
	Steps int
	Done  bool
	// Epochs is the number of passes over the N training images so far.
	Epochs float64
	// ValEvery, TrainImages and ValImages describe the measurements.
	ValEvery    int
	TrainImages int
	ValImages   int
	// Data names the data set ("MNIST", "synthetic").
	Data string
	// Nets holds the curves, Results the results table, one row per net.
	Nets    []Net
	Results []Result
}

// Net is one network's curves.
type Net struct {
	Name  string
	Label string
	// TrainLoss/TrainAcc: eval mode on the training images; ValLoss/ValAcc:
	// eval mode on the validation images; Gap = TrainAcc − ValAcc at the
	// same steps (positive: the net does better on the images it learnt).
	TrainLoss train.Curve
	TrainAcc  train.Curve
	ValLoss   train.Curve
	ValAcc    train.Curve
	Gap       train.Curve
	// Diverged is true once a step produced NaN or Inf (at DivergedAt,
	// with the engine's message in Error); the curves stop there.
	Diverged   bool
	DivergedAt int
	Error      string
}

// Result is one row of the results table: numbers, no verdict.
type Result struct {
	Name  string
	Label string
	// BestValAcc is the best validation accuracy measured, at BestValStep.
	BestValAcc  float64
	BestValStep int
	// FinalTrainAcc, FinalValAcc and FinalGap are the last measurement (at
	// FinalStep): FinalGap = FinalTrainAcc − FinalValAcc.
	FinalTrainAcc float64
	FinalValAcc   float64
	FinalGap      float64
	FinalStep     int
	// FinalTrainLoss and FinalValLoss are the eval-mode losses of the same
	// measurement; Measured is false while there is none (the table then
	// shows "—", not zeros).
	FinalTrainLoss float64
	FinalValLoss   float64
	Measured       bool
	// Diverged: the net stopped at DivergedAt with NaN or Inf. Stalled: it
	// did not diverge but its best validation accuracy is below 50% after
	// at least 100 steps (chance is 10%).
	Diverged   bool
	DivergedAt int
	Stalled    bool
}

// View returns the current *View.
func (l *Lesson) View() *View {
	st, _, _ := l.Status()
	v := &View{TrainStatus: st, N: l.n, Steps: l.steps, Seed: l.Seed, Batch: batchSize,
		ValEvery: valEvery}
	v.P, _ = strconv.ParseFloat(l.Values[keyP], 64)
	v.LR, _ = strconv.ParseFloat(l.Values[keyLR], 64)
	v.Width, _ = strconv.Atoi(l.Values[keyWidth])
	if l.Harness == nil {
		return v
	}
	v.Step, v.Done = l.Harness.Steps(), l.Done()
	v.Data, v.ValImages, v.TrainImages = l.Data.Name, len(l.Harness.ValY), len(l.evalY)
	v.N = l.Data.Train.Len()
	v.Epochs = float64(v.Step*batchSize) / float64(v.N)
	mp := l.Harness.Config.MaxPoints
	for i, n := range l.Harness.Nets {
		r := &l.rec[i]
		gap := gapCurve(&r.acc, &n.Rec.ValAcc)
		on := Net{Name: n.Spec.Name, Label: n.Spec.Label,
			TrainLoss: r.loss.View(mp), TrainAcc: r.acc.View(mp),
			ValLoss: n.Rec.ValLoss.View(mp), ValAcc: n.Rec.ValAcc.View(mp), Gap: gap.View(mp)}
		res := Result{Name: n.Spec.Name, Label: n.Spec.Label}
		for j, a := range n.Rec.ValAcc.Vals {
			if a > res.BestValAcc {
				res.BestValAcc, res.BestValStep = a, n.Rec.ValAcc.Steps[j]
			}
		}
		if k := len(gap.Vals); k > 0 {
			res.FinalStep, res.FinalGap = gap.Steps[k-1], gap.Vals[k-1]
			res.FinalTrainAcc, _ = r.acc.Last()
			res.FinalValAcc, _ = n.Rec.ValAcc.Last()
			res.FinalTrainLoss, _ = r.loss.Last()
			res.FinalValLoss, _ = n.Rec.ValLoss.Last()
			res.Measured = true
		}
		if n.Diverged != nil {
			on.Diverged, on.DivergedAt, on.Error = true, n.Diverged.Step, n.Diverged.Error()
			res.Diverged, res.DivergedAt = true, n.Diverged.Step
		}
		res.Stalled = !res.Diverged && n.Trainer.Steps >= 100 && res.FinalStep >= 100 && res.BestValAcc < 0.5
		v.Nets = append(v.Nets, on)
		v.Results = append(v.Results, res)
	}
	return v
}

// Done reports whether the networks have taken their budget of steps
// (lessons.Finite).
func (l *Lesson) Done() bool { return l.Harness != nil && l.Harness.Steps() >= l.steps }
