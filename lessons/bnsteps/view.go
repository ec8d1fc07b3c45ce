package bnsteps

import "bnlab/lessons/charts"

// View is bn-steps' view model: plain JSON-friendly data for the
// stage and the page. Feature 0 of the displayed batch is the one shown on
// the number line, in the table and in the formulas; the heat map shows all
// d features. Every number comes from engine.BatchNorm1d's train-mode
// forward pass on the (m, d) batch (no value is NaN or Inf).
type View struct {
	M        int     `json:"m"`        // batch size
	D        int     `json:"d"`        // features
	Step     int     `json:"step"`     // the step shown, 0..4
	Typed    bool    `json:"typed"`    // feature 0 is the student's typed batch
	Constant bool    `json:"constant"` // feature 0's batch variance is 0
	Eps      float64 `json:"eps"`
	Gamma    float64 `json:"gamma"`
	Beta     float64 `json:"beta"`
	Seed     uint64  `json:"seed"`

	Samples     []Sample `json:"samples"`     // one row per sample of feature 0
	Mean        float64  `json:"mean"`        // μ, the batch mean
	Var         float64  `json:"var"`         // σ², biased (divided by m): used to normalise
	VarUnbiased float64  `json:"varUnbiased"` // σ² · m/(m − 1): what running_var receives
	Std         float64  `json:"std"`         // √(σ² + ε), the divisor of step 3
	XHatVar     float64  `json:"xhatVar"`     // variance of x̂ = σ²/(σ² + ε), just under 1

	Formulas []Formula        `json:"formulas"` // steps 1..4, in order
	Lines    []Line           `json:"stages"`   // number-line positions for steps 0..4
	Heat     Heatmap          `json:"heat"`     // the (m, d) batch before and after
	Running  charts.BNRunning `json:"running"`  // running statistics history
	Notes    []string         `json:"notes"`    // short remarks for the current state
	Table    [][]string       `json:"table"`    // Samples as text: header row, then one row per sample
}

// Sample is one sample of feature 0 through the four steps.
type Sample struct {
	I        int     `json:"i"`        // 1-based index
	X        float64 `json:"x"`        // input
	Centered float64 `json:"centered"` // x − μ
	XHat     float64 `json:"xhat"`     // x̂ = (x − μ)/√(σ² + ε)
	Y        float64 `json:"y"`        // y = γ x̂ + β
}

// Formula is one step's formula: the symbolic form, the same with the live
// numbers substituted (plain text, Unicode), and the named quantities so
// the page can build MathML itself.
type Formula struct {
	Step       int        `json:"step"`       // 1..4
	Title      string     `json:"title"`      // "Batch mean"
	Symbolic   string     `json:"symbolic"`   // "μ = (1/m) Σᵢ xᵢ"
	Live       string     `json:"live"`       // "μ = (3 + 5 + 7 + 9) / 4 = 6"
	Quantities []Quantity `json:"quantities"` // the values Live uses
}

// Quantity is a named number of a formula.
type Quantity struct {
	Symbol string  `json:"symbol"` // "μ", "σ²", "x₁"
	Value  float64 `json:"value"`
	Text   string  `json:"text"` // Value as shown, 4 significant digits
}

// Line is the number line at one step: each sample's position, the
// markers to draw, and an axis range that fits them. The stage tweens
// Points, Lo and Hi from one stage to the next.
type Line struct {
	Step    int       `json:"step"`  // 0..4
	Label   string    `json:"label"` // what the positions are: "x", "x − μ", "x̂", "y"
	Points  []float64 `json:"points"`
	Markers []Marker  `json:"markers"`
	Lo      float64   `json:"lo"`
	Hi      float64   `json:"hi"`
}

// Marker is a labelled position on the number line (μ, μ ± σ, β, …).
type Marker struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// Heatmap is the (m, d) batch before (x) and after (y) normalisation,
// rows are samples and columns features, with each column's mean and
// biased variance; Lo and Hi bound each matrix for a colour scale.
type Heatmap struct {
	Before     [][]float64 `json:"before"`
	After      [][]float64 `json:"after"`
	MeanBefore []float64   `json:"meanBefore"`
	VarBefore  []float64   `json:"varBefore"`
	MeanAfter  []float64   `json:"meanAfter"`
	VarAfter   []float64   `json:"varAfter"`
	LoBefore   float64     `json:"loBefore"`
	HiBefore   float64     `json:"hiBefore"`
	LoAfter    float64     `json:"loAfter"`
	HiAfter    float64     `json:"hiAfter"`
}
