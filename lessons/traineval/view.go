package traineval

// View is the train-eval lesson's view model: plain JSON-friendly
// data. The network is Linear → BN → ReLU → Dropout, twice, then a Linear
// (engine.NewMLP with BN before the activation); it always TRAINS in train
// mode, and Mode chooses the mode the view inspects it in.
type View struct {
	Waiting  bool     `json:"waiting"` // "mnist" chosen and not loaded yet: only the controls' echo is filled
	Step     int      `json:"step"`
	Seed     uint64   `json:"seed"`
	Dataset  string   `json:"dataset"`
	Classes  int      `json:"classes"`
	Mode     string   `json:"mode"`     // "train" or "eval": the mode Layers shows
	Loss     float64  `json:"loss"`     // last training step's loss (0 before any)
	Accuracy float64  `json:"accuracy"` // eval-mode accuracy on the whole dataset, measured every 20 steps
	Print    string   `json:"print"`    // the model's PyTorch-style print
	Notes    []string `json:"notes"`

	// Layers: every layer of the network for one forward pass of an
	// inspection batch (the chosen sample first, then random others) in Mode.
	Layers []Layer `json:"layers"`
	// DemoStep is the training step Forgot, Sizes, MaxEvalDiff and
	// BatchOfOne were computed at: refreshed when training passes a multiple
	// of 10 steps (about 700 one-sample forward passes each time).
	DemoStep int `json:"demoStep"`
	// Forgot: the chosen sample predicted Passes times in TRAIN mode, each
	// time inside a fresh batch of random others.
	Forgot Forgot `json:"forgot"`
	// Sizes: the chosen sample predicted inside batches of 1, 8 and 64 in
	// eval mode (one answer) and in train mode (a batch of one fails).
	Sizes []BatchSize `json:"sizes"`
	// MaxEvalDiff is the largest difference of the eval-mode probabilities
	// across the batch sizes (0: the same answer whatever the batch).
	MaxEvalDiff float64 `json:"maxEvalDiff"`
	// BatchOfOne is what a batch of one does in train mode.
	BatchOfOne BatchOne `json:"batchOfOne"`
	// Running is running_mean and running_var of one unit of the first BN.
	Running Running `json:"running"`
}

// Layer is one layer in the inspected mode: what it uses and the numbers.
// For a BatchNorm layer Mean and Var are the statistics it normalised with
// (the batch's, biased, in train mode; running_mean and running_var in eval
// mode), one per channel; RunningMean and RunningVar are the buffers either
// way. For a Dropout layer Kept is the mask of the chosen sample (row 0) in
// train mode and all true in eval mode.
type Layer struct {
	Name     string `json:"name"`     // "1", PyTorch-style index
	Kind     string `json:"kind"`     // "Linear", "BatchNorm1d", "ReLU", "Dropout"
	Training bool   `json:"training"` // the layer's mode in this pass
	Uses     string `json:"uses"`     // "batch statistics (m = 32)", "running statistics", "mask, p = 0.3", "identity"

	Mean        []float64 `json:"mean,omitempty"`
	Var         []float64 `json:"var,omitempty"`
	RunningMean []float64 `json:"runningMean,omitempty"`
	RunningVar  []float64 `json:"runningVar,omitempty"`
	Momentum    float64   `json:"momentum,omitempty"`

	P       float64 `json:"p,omitempty"`
	Scale   float64 `json:"scale,omitempty"` // 1/(1 − p) on survivors in train mode, 1 in eval
	Kept    []bool  `json:"kept,omitempty"`
	Dropped int     `json:"dropped"`
}

// Forgot is "forgot model.eval()": the same input, Passes train-mode
// predictions, each in a batch of BatchSize with random other samples.
type Forgot struct {
	Sample     int         `json:"sample"`     // dataset index
	Label      int         `json:"label"`      // its true class
	Passes     int         `json:"passes"`     //
	BatchSize  int         `json:"batchSize"`  //
	Probs      [][]float64 `json:"probs"`      // per pass, class probabilities
	Answers    []int       `json:"answers"`    // per pass, argmax
	Counts     []int       `json:"counts"`     // per class, how many passes answered it
	Distinct   int         `json:"distinct"`   // distinct answers
	MeanProbs  []float64   `json:"meanProbs"`  // per class over passes
	StdProbs   []float64   `json:"stdProbs"`   // per class over passes
	EvalProbs  []float64   `json:"evalProbs"`  // the eval-mode answer, for comparison
	EvalAnswer int         `json:"evalAnswer"` //
	Note       string      `json:"note"`
}

// BatchSize is the chosen sample predicted inside a batch of Size.
type BatchSize struct {
	Size        int       `json:"size"`
	EvalProbs   []float64 `json:"evalProbs"`
	EvalAnswer  int       `json:"evalAnswer"`
	TrainProbs  []float64 `json:"trainProbs,omitempty"` // nil when train mode failed
	TrainAnswer int       `json:"trainAnswer"`          // −1 when train mode failed
	TrainError  string    `json:"trainError,omitempty"` // the engine's error in train mode
}

// BatchOne is a batch of one in train mode: the engine's error, as
// PyTorch's "Expected more than 1 value per channel when training", and why.
type BatchOne struct {
	Failed      bool   `json:"failed"`
	Error       string `json:"error"`       // the full error text
	Explanation string `json:"explanation"` //
}

// Running is the history of running_mean and running_var of one unit of
// the first BatchNorm layer, with that unit's batch statistics at each step
// and the true population statistics of its input (the first Linear's
// output over the whole dataset with the current weights), which running
// statistics estimate:
//
//	running = (1 − momentum) · running + momentum · batch   (PyTorch; var unbiased)
type Running struct {
	Layer       string    `json:"layer"` // "1"
	Unit        int       `json:"unit"`
	Momentum    float64   `json:"momentum"`
	Steps       []int     `json:"steps"`
	BatchMean   []float64 `json:"batchMean"`
	BatchVar    []float64 `json:"batchVar"` // unbiased, what running_var receives
	RunningMean []float64 `json:"runningMean"`
	RunningVar  []float64 `json:"runningVar"`
	PopMean     []float64 `json:"popMean"`
	PopVar      []float64 `json:"popVar"` // biased, over the whole dataset
}
