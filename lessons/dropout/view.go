package dropout

// View is the dropout lesson's view model: plain JSON-friendly data.
// p is PyTorch's DROP probability throughout (nn.Dropout(p), Keras's rate);
// Srivastava et al. (2014) write p for the RETAIN probability 1 − p, which
// PNote says in words. Training always runs the engine's inverted
// engine.Dropout; classic dropout is the same function with the next
// layer's weights multiplied by 1/(1 − p), the scaling in another place
// (a separate classic run with the same SGD learning rate would take steps
// (1 − p)² times as large on those weights, which Notes says).
type View struct {
	Waiting  bool    // "mnist" chosen and not loaded yet: only the controls' echo is filled
	Step     int     // training steps done
	Seed     uint64  //
	Dataset  string  // "spirals", …
	Classes  int     //
	Batch    int     // training batch size
	Loss     float64 // loss of the last training step (0 before any)
	Accuracy float64 // eval-mode accuracy on the whole dataset, measured every evalEvery (20) steps
	// Rules scores the validation set under the mode's test rule and under
	// the right one, measured with Accuracy.
	Rules RuleScores

	Mode     string   // the mode control's value
	ModeText string   // what the mode does in training and at test
	Correct  bool     // false for the two wrong mixes
	Verdict  string   // why the mode is right or wrong, with the factor
	Preset   string   // layer-type preset ("custom", "dense", …)
	Range    string   // the preset's usual rates, e.g. "0.3–0.5"
	PNote    string   // the meaning of p (PyTorch drop vs Srivastava retain)
	Notes    []string // remarks for the current state

	// Layers are the network diagram's columns: input, hidden 1, hidden 2,
	// output. Hidden layers carry the dropout of the last step.
	Layers []LayerView
	// Ensemble counts sub-networks and masks seen.
	Ensemble Ensemble
	// MC is Monte Carlo dropout on a fixed input.
	MC MC
	// History holds per-step series (thinned to at most historyCap points).
	History History
}

// LayerView is one column of the network diagram. Positions are in
// [0, 1] × [0, 1] (X left to right, Y top to bottom). For the input layer
// of a wide input only Shown units are drawn (Units says how many exist).
// Dropout fields are zero for the input and output columns (Droppable false).
type LayerView struct {
	Name      string    // "input", "hidden 1", "hidden 2", "output"
	Units     int       //
	Shown     int       // units drawn (≤ Units)
	X         float64   // column position
	Y         []float64 // one per shown unit
	Droppable bool      // a Dropout layer follows this layer's activation

	P          float64   // drop probability (PyTorch's p)
	Keep       float64   // 1 − p (Srivastava's p)
	TrainScale float64   // survivors' factor in training: 1/(1 − p) inverted, 1 classic
	TestScale  float64   // factor at test: 1 inverted, 1 − p classic
	Kept       []bool    // the last step's mask for sample 0 of the batch
	Before     []float64 // sample 0's activations before dropout (after ReLU)
	After      []float64 // the same after dropout with TrainScale
	Dropped    int       // units of Kept that are false

	Expect Expectation
}

// Expectation accumulates one dropout layer over every unit of every
// sample of every training step so far (binomial counting, and the layer's
// mean activation in training against the eval-mode value):
//
//	kept ~ Binomial(n, 1 − p)    E[kept] = (1 − p) n    σ = √(n p (1 − p))
//	inverted: E[m a / (1 − p)] = a      classic: E[m a] = (1 − p) a
type Expectation struct {
	Units        int64   // n: unit-samples seen
	Kept         int64   //
	ExpectedKept float64 // (1 − p) n
	Sigma        float64 // √(n p (1 − p))
	Z            float64 // (kept − (1 − p) n) / σ; 0 when σ = 0
	DropShare    float64 // dropped / n, → p
	TrainMean    float64 // mean output in training (mask, TrainScale)
	EvalMean     float64 // mean output at test for the same inputs (TestScale)
	Ratio        float64 // EvalMean / TrainMean: → 1 right, → the factor wrong
	Factor       float64 // the exact ratio the mode implies: TestScale / ((1 − p) TrainScale)
}

// Ensemble is the ensemble view: each mask over the Droppable units
// picks one of 2^Droppable sub-networks (weights shared).
type Ensemble struct {
	Droppable   int     // units that can be dropped (0 < p < 1)
	Power       int     // = Droppable: 2^Power sub-networks
	SubNetworks string  // exact when it fits ("65536"), else "2^128 ≈ 3.40e+38"
	Log10       float64 // log10 of the count
	MasksDrawn  int64   // masks drawn so far (steps × batch)
	Distinct    int     // distinct masks among them
	Capped      bool    // Distinct stopped counting at its cap (a lower bound)
	Share       float64 // Distinct / 2^Droppable
	// Coverage is what theory expects of Distinct and Share after
	// MasksDrawn draws, and how many steps reach 63% and 99%.
	Coverage Coverage
}

// MC is Monte Carlo dropout on one fixed input (sample Sample of the
// dataset): K[i] = i+1 masked train-mode passes averaged, against the
// eval-mode output under the lesson's mode. The MC mean converges to the
// ensemble mean; with one dropout layer feeding the output layer directly
// that equals the eval output exactly (the logits are linear in the mask);
// through a ReLU it is close but not equal (the weight-scaling rule is an
// approximation, Srivastava et al. §7.5). StdErr is the largest standard
// error of the logits' mean, s/√k, the scale of the expected gap.
type MC struct {
	Sample    int
	Input     []float64   // the input's features (2, or 784 for an MNIST image)
	Step      int         // training step it was computed at
	EvalProbs []float64   // eval output under the mode's test rule
	EvalLogit []float64   //
	K         []int       // 1..mcPasses
	Probs     [][]float64 // MC mean probabilities after k passes
	LogitGap  []float64   // max over classes |MC mean logit − eval logit|
	ProbGap   []float64   // max over classes |MC mean prob − eval prob|
	StdErr    []float64   // max over classes s/√k of the logits
	// Exact is true when only the last dropout layer drops (p1 = 0): the MC
	// mean then converges to the eval output itself; otherwise to a value
	// near it. Note says which, in words.
	Exact bool
	Note  string
}

// History holds per-step series, one entry per recorded step; the
// per-layer series are indexed [hidden layer][entry].
type History struct {
	Steps     []int
	Loss      []float64
	DropShare [][]float64 // cumulative dropped share, → p
	TrainMean [][]float64 // cumulative training mean
	EvalMean  [][]float64 // cumulative eval-mode mean
}
