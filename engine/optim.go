package engine

import (
	"fmt"
	"math"
)

// Optimizer updates parameters from their accumulated gradients, as a
// torch.optim optimiser: Step applies one update, ZeroGrad clears the
// gradients (optimizer.zero_grad(set_to_none=False)).
type Optimizer interface {
	// Step applies one update to every parameter from its Grad. It fails
	// (changing nothing) when a gradient's shape does not match its value.
	Step() error
	// ZeroGrad sets every gradient to zero.
	ZeroGrad()
	// LR returns the learning rate.
	LR() float64
	// SetLR changes the learning rate; a negative or non-finite value is
	// refused and nothing changes.
	SetLR(lr float64) error
	// Params returns the parameters being optimised.
	Params() []*Param
}

// checkLR validates a learning rate.
func checkLR(kind string, lr float64) error {
	if !(lr >= 0) || math.IsInf(lr, 0) {
		return fmt.Errorf("engine: %s: invalid learning rate %v (must be finite and >= 0)", kind, lr)
	}
	return nil
}

// checkParams validates that every parameter has a value and a gradient of
// the same length.
func checkParams(kind string, ps []*Param) error {
	for i, p := range ps {
		if p == nil || p.Value == nil {
			return fmt.Errorf("engine: %s: parameter %d is nil", kind, i)
		}
		if p.Grad != nil && p.Grad.Len() != p.Value.Len() {
			return fmt.Errorf("engine: %s: parameter %d (%s) has value %s but gradient %s", kind, i, p.Name, p.Value.ShapeString(), p.Grad.ShapeString())
		}
	}
	return nil
}

// zeroGrads zeroes (allocating if needed) the gradients of ps.
func zeroGrads(ps []*Param) {
	for _, p := range ps {
		g := gradData(p)
		for i := range g {
			g[i] = 0
		}
	}
}

// GradsFinite reports whether every gradient of ps is finite, and if not
// the index of the first parameter with a NaN or Inf.
func GradsFinite(ps []*Param) (bool, int) {
	for i, p := range ps {
		if p.Grad != nil && !allFinite(p.Grad.Data) {
			return false, i
		}
	}
	return true, -1
}

// allFinite reports whether v holds no NaN or Inf.
func allFinite(v []float32) bool {
	for _, x := range v {
		if x-x != 0 { // NaN - NaN and Inf - Inf are NaN
			return false
		}
	}
	return true
}
