package bnsteps

// Stage is what the bn-steps stage draws: feature 0 of the batch on a
// number line, moved to where the shown step puts it, with the step's
// guides (μ, the ±σ band, ±1, β ± |γ|) and its formula with the live
// numbers.
type Stage struct {
	Step  int       `json:"step"` // 0 the raw batch, 1..4 after step k
	X     []float64 `json:"x"`
	XHat  []float64 `json:"xhat"`
	Y     []float64 `json:"y"`
	Mean  float64   `json:"mean"`
	Var   float64   `json:"var"` // biased
	Gamma float64   `json:"gamma"`
	Beta  float64   `json:"beta"`
	// Live is the shown step's formula with its numbers, plain text ("" at
	// step 0).
	Live string `json:"live,omitempty"`
}

// stageOf returns v's stage payload.
func stageOf(v *View) Stage {
	st := Stage{Step: v.Step, Mean: v.Mean, Var: v.Var, Gamma: v.Gamma, Beta: v.Beta}
	for _, s := range v.Samples {
		st.X = append(st.X, s.X)
		st.XHat = append(st.XHat, s.XHat)
		st.Y = append(st.Y, s.Y)
	}
	for _, f := range v.Formulas {
		if f.Step == v.Step {
			st.Live = f.Live
		}
	}
	return st
}
