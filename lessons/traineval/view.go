package traineval

// View is the train-eval lesson's view model: plain JSON-friendly
// data. The network is Linear → BN → ReLU → Dropout, twice, then a Linear
// (engine.NewMLP with BN before the activation); it always TRAINS in train
// mode, and Mode chooses the mode the view inspects it in.
type View struct {
	Waiting  bool // "mnist" chosen and not loaded yet: only the controls' echo is filled
	Step     int
	Seed     uint64
	Dataset  string
	Classes  int
	Mode     string  // "train" or "eval": the mode Layers shows
	Loss     float64 // last training step's loss (0 before any)
	Accuracy float64 // eval-mode accuracy on the whole dataset, measured every 20 steps
	Print    string  // the model's PyTorch-style print
	Notes    []string

	// Layers: every layer of the network for one forward pass of an
	// inspection batch (the chosen sample first, then random others) in Mode.
	Layers []Layer
	// DemoStep is the training step Forgot, Sizes, MaxEvalDiff and
	// BatchOfOne were computed at: refreshed when training passes a multiple
	// of 10 steps (about 700 one-sample forward passes each time).
	DemoStep int
	// Forgot: the chosen sample predicted Passes times in TRAIN mode, each
	// time inside a fresh batch of random others.
	Forgot Forgot
	// Sizes: the chosen sample predicted inside batches of 1, 8 and 64 in
	// eval mode (one answer) and in train mode (a batch of one fails).
	Sizes []BatchSize
	// MaxEvalDiff is the largest difference of the eval-mode probabilities
	// across the batch sizes (0: the same answer whatever the batch).
	MaxEvalDiff float64
	// BatchOfOne is what a batch of one does in train mode.
	BatchOfOne BatchOne
	// Running is running_mean and running_var of one unit of the first BN.
	Running Running
	// Unit follows the chosen unit of the first BN for the chosen sample in
	// both modes and two batches (HasUnit false if a pass failed).
	Unit    UnitProbe
	HasUnit bool
}

// Layer is one layer in the inspected mode: what it uses and the numbers.
// For a BatchNorm layer Mean and Var are the statistics it normalised with
// (the batch's, biased, in train mode; running_mean and running_var in eval
// mode), one per channel; RunningMean and RunningVar are the buffers either
// way. For a Dropout layer Kept is the mask of the chosen sample (row 0) in
// train mode and all true in eval mode.
type Layer struct {
	Name     string // "1", PyTorch-style index
	Kind     string // "Linear", "BatchNorm1d", "ReLU", "Dropout"
	Training bool   // the layer's mode in this pass
	Uses     string // "batch statistics (m = 32)", "running statistics", "mask, p = 0.3", "identity"

	Mean        []float64
	Var         []float64
	RunningMean []float64
	RunningVar  []float64
	Momentum    float64

	P       float64
	Scale   float64 // 1/(1 − p) on survivors in train mode, 1 in eval
	Kept    []bool
	Dropped int
}

// Forgot is "forgot model.eval()": the same input, Passes train-mode
// predictions, each in a batch of BatchSize with random other samples.
type Forgot struct {
	Sample     int         // dataset index
	Label      int         // its true class
	Passes     int         //
	BatchSize  int         //
	Probs      [][]float64 // per pass, class probabilities
	Answers    []int       // per pass, argmax
	Counts     []int       // per class, how many passes answered it
	Distinct   int         // distinct answers
	MeanProbs  []float64   // per class over passes
	StdProbs   []float64   // per class over passes
	EvalProbs  []float64   // the eval-mode answer, for comparison
	EvalAnswer int         //
	Note       string
}

// BatchSize is the chosen sample predicted inside a batch of Size.
type BatchSize struct {
	Size        int
	EvalProbs   []float64
	EvalAnswer  int
	TrainProbs  []float64 // nil when train mode failed
	TrainAnswer int       // −1 when train mode failed
	TrainError  string    // the engine's error in train mode
}

// BatchOne is a batch of one in train mode: the engine's error, as
// PyTorch's "Expected more than 1 value per channel when training", and why.
type BatchOne struct {
	Failed      bool
	Error       string // the full error text
	Explanation string //
}

// Running is the history of running_mean and running_var of one unit of
// the first BatchNorm layer, with that unit's batch statistics at each step
// and the true population statistics of its input (the first Linear's
// output over the whole dataset with the current weights), which running
// statistics estimate:
//
//	running = (1 − momentum) · running + momentum · batch   (PyTorch; var unbiased)
type Running struct {
	Layer       string // "1"
	Unit        int
	Momentum    float64
	Steps       []int
	BatchMean   []float64
	BatchVar    []float64 // unbiased, what running_var receives
	RunningMean []float64
	RunningVar  []float64
	PopMean     []float64
	PopVar      []float64 // biased, over the whole dataset
}
