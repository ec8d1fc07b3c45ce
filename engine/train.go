package engine

import (
	"errors"
	"fmt"
	"math"
)

// DivergedError reports a training step whose loss, model output or
// gradients became NaN or Inf. errors.Is(err, ErrDiverged) is true for it.
type DivergedError struct {
	Step int    // 1-based step number
	What string // e.g. "loss is NaN", "gradient of 0.weight is not finite"
}

// Error returns "diverged at step N: what".
func (e *DivergedError) Error() string { return fmt.Sprintf("diverged at step %d: %s", e.Step, e.What) }

// Is makes errors.Is(err, ErrDiverged) true.
func (e *DivergedError) Is(target error) bool { return target == ErrDiverged }

// LossFunc computes a loss and its gradient with respect to the model's
// output from the output and the labels; CrossEntropy is one.
type LossFunc func(out *Tensor, labels []int) (float64, *Tensor, error)

// TrainStep runs one step of mini-batch training, as PyTorch's loop
//
//	optimizer.zero_grad(); loss = loss_fn(model(x), y); loss.backward(); optimizer.step()
//
// with cross-entropy loss, in whatever mode m is in (call m.Train() first).
// step is the 1-based number of this step, used in error messages. It
// returns the loss. When the output, the loss or a gradient is NaN or Inf it
// returns a *DivergedError (wrapping ErrDiverged) BEFORE the update, with the
// parameters and buffers as they were before the step. Any other error
// (bad shapes or labels) also leaves parameters and buffers unchanged.
// A step that produces finite gradients but an overflowing update is caught
// at the next step.
func TrainStep(m Model, opt Optimizer, x *Tensor, labels []int, step int) (float64, error) {
	return trainStep(m, opt, CrossEntropy, x, labels, step, nil)
}

// trainStep is TrainStep with a loss function and a reusable buffer
// snapshot.
func trainStep(m Model, opt Optimizer, lossFn LossFunc, x *Tensor, labels []int, step int, snap *[][]float32) (float64, error) {
	if m == nil || opt == nil || lossFn == nil {
		return 0, errors.New("engine: TrainStep needs a model, an optimiser and a loss")
	}
	var local [][]float32
	if snap == nil {
		snap = &local
	}
	bufs := m.Buffers()
	saveBuffers(bufs, snap)
	fail := func(err error) (float64, error) {
		restoreBuffers(bufs, *snap)
		return 0, err
	}
	m.ZeroGrad()
	out, err := m.Forward(x)
	if err != nil {
		return fail(err)
	}
	if !allFinite(out.Data) {
		return fail(&DivergedError{Step: step, What: "model output is not finite (NaN or Inf)"})
	}
	loss, g, err := lossFn(out, labels)
	if err != nil {
		return fail(err)
	}
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return fail(&DivergedError{Step: step, What: fmt.Sprintf("loss is %v", loss)})
	}
	if _, err := m.Backward(g); err != nil {
		return fail(err)
	}
	if ok, i := GradsFinite(m.Params()); !ok {
		name := fmt.Sprintf("parameter %d", i)
		if nps := m.NamedParams(); i < len(nps) {
			name = nps[i].Name
		}
		return fail(&DivergedError{Step: step, What: "gradient of " + name + " is not finite (NaN or Inf)"})
	}
	if err := opt.Step(); err != nil {
		return fail(err)
	}
	return loss, nil
}

func saveBuffers(bufs []*Buffer, snap *[][]float32) {
	if len(*snap) != len(bufs) {
		*snap = make([][]float32, len(bufs))
	}
	for i, b := range bufs {
		(*snap)[i] = append((*snap)[i][:0], b.Value.Data...)
	}
}

func restoreBuffers(bufs []*Buffer, snap [][]float32) {
	for i, b := range bufs {
		copy(b.Value.Data, snap[i])
	}
}

// Trainer runs TrainStep repeatedly, counting steps and reusing its
// buffers. Loss defaults to CrossEntropy.
type Trainer struct {
	Model Model
	Opt   Optimizer
	Loss  LossFunc
	// Steps is the number of steps completed successfully.
	Steps int
	snap  [][]float32
}

// NewTrainer returns a Trainer for m and opt with cross-entropy loss.
func NewTrainer(m Model, opt Optimizer) *Trainer {
	return &Trainer{Model: m, Opt: opt, Loss: CrossEntropy}
}

// Step runs one training step (see TrainStep); the step number in a
// divergence error is Steps+1. Steps is incremented only on success.
func (t *Trainer) Step(x *Tensor, labels []int) (float64, error) {
	loss, err := trainStep(t.Model, t.Opt, t.Loss, x, labels, t.Steps+1, &t.snap)
	if err == nil {
		t.Steps++
	}
	return loss, err
}

// Evaluate returns the mean cross-entropy loss and the accuracy of m on x
// (N, ...) with labels, in eval mode, in mini-batches of batch samples (the
// last one may be smaller). Every layer's mode is restored afterwards. The
// probes then describe the last evaluation batch. No parameter or buffer
// changes (eval-mode BatchNorm does not update its running statistics).
func Evaluate(m Model, x *Tensor, labels []int, batch int) (loss, acc float64, err error) {
	if m == nil || x == nil || x.Dims() < 1 || x.Shape[0] == 0 {
		return 0, 0, fmt.Errorf("engine: Evaluate needs a model and a non-empty input, got %s", shapeOrNilString(x))
	}
	n := x.Shape[0]
	if len(labels) != n || batch <= 0 {
		return 0, 0, fmt.Errorf("engine: Evaluate: input %s with %d labels and batch %d (want %d labels, batch > 0)", x.ShapeString(), len(labels), batch, n)
	}
	leaves := leafLayers(m)
	modes := make([]bool, len(leaves))
	for i, l := range leaves {
		modes[i] = l.Training()
	}
	wasTraining := m.Training()
	m.Eval()
	defer func() {
		m.SetTraining(wasTraining)
		for i, l := range leaves {
			l.SetTraining(modes[i])
		}
	}()
	per := x.Len() / n
	var sumLoss float64
	right := 0
	for lo := 0; lo < n; lo += batch {
		hi := min(lo+batch, n)
		shape := append([]int{hi - lo}, x.Shape[1:]...)
		xb := &Tensor{Shape: shape, Data: x.Data[lo*per : hi*per]}
		out, err := m.Forward(xb)
		if err != nil {
			return 0, 0, err
		}
		l, _, err := CrossEntropy(out, labels[lo:hi])
		if err != nil {
			return 0, 0, err
		}
		sumLoss += l * float64(hi-lo)
		c := out.Shape[1]
		for i, y := range labels[lo:hi] {
			if Argmax(out.Data[i*c:(i+1)*c]) == y {
				right++
			}
		}
	}
	return sumLoss / float64(n), float64(right) / float64(n), nil
}
