//go:build js && wasm

package main

// bnView is what the bn-steps bindings draw, read from the lesson's view
// model by bnViewOf (bnadapt.go). Every number comes from the engine.
type bnView struct {
	Phase     int // 0 = the raw batch, 1..4 = after step k
	Phases    int // number of steps (4)
	X         []float64
	Centered  []float64 // x − μ
	XHat      []float64
	Y         []float64
	Mean, Var float64 // batch mean and biased variance
	Eps       float64
	Gamma     float64
	Beta      float64
	Sum       float64 // Σ x
	SumSq     float64 // Σ (x − μ)²

	// Multi-feature view: rows are samples, columns features.
	Before, After       [][]float64
	ColMean, ColVar     []float64 // per column, before
	AfterMean, AfterVar []float64 // per column, after

	Live     string   // the current step's formula with the live numbers
	Notes    []string // remarks for the current state, from the lesson
	Constant bool     // the batch variance is 0: only ε keeps step 3 finite

	Running                      []bnRunRow
	TorchMomentum, KerasMomentum float64
	// RunningSVG is a chart of the running averages, when the lesson has one.
	RunningSVG string
}

// bnRunRow is one batch of the running-statistics comparison.
type bnRunRow struct {
	Batch               int
	Mean, Var           float64 // the batch's mean and biased variance
	TorchMean, TorchVar float64 // PyTorch running_mean, running_var (unbiased)
	KerasMean, KerasVar float64 // Keras moving_mean, moving_variance
}

// phaseNames name the state after each step.
var phaseNames = []string{"the raw mini-batch", "step 1: the batch mean", "step 2: the batch variance", "step 3: normalised", "step 4: scaled and shifted"}
