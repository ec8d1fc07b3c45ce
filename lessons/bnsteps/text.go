package bnsteps

import (
	"fmt"
	"slices"
)

// text says in words what the stage shows, for screen readers.
func text(v *View) string {
	st := stageOf(v)
	m := len(st.X)
	lo, hi := func(xs []float64) string { return num(slices.Min(xs)) }, func(xs []float64) string { return num(slices.Max(xs)) }
	switch st.Step {
	case 1:
		return fmt.Sprintf("%d points on a number line, with the batch mean μ = %s marked.", m, num(v.Mean))
	case 2:
		return fmt.Sprintf("The %d points with a band of one standard deviation around μ = %s; the biased variance is σ² = %s.", m, num(v.Mean), num(v.Var))
	case 3:
		return fmt.Sprintf("The points moved to their normalised values x̂, centred on 0 with spread about 1 (range %s to %s).", lo(st.XHat), hi(st.XHat))
	case 4:
		return fmt.Sprintf("The points scaled by γ = %s and shifted by β = %s: y ranges from %s to %s.", num(v.Gamma), num(v.Beta), lo(st.Y), hi(st.Y))
	}
	return fmt.Sprintf("A mini-batch of %d values on a number line, from %s to %s. Step to compute its mean.", m, lo(st.X), hi(st.X))
}
