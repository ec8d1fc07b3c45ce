package code

// View is the code lesson's view model: the syllabus's model in
// PyTorch and Keras as code text, the engine's PyTorch print and parameter
// count and Keras summary of the same models, and the defaults that
// differ, with the code lines each one concerns.
type View struct {
	Framework string // "both", "pytorch" or "keras"
	Topic     string // the highlighted difference (a Default.Key)

	PyTorch Block
	Keras   Block

	TorchPrint      string // print(model), from engine.NewSyllabusConvNet
	TorchParams     int    // 1,693,130
	TorchParamsText string // "1,693,130"
	TorchBuffers    int    // running statistics and num_batches_tracked values
	TorchBN         []BNCount
	EvalDemo        EvalDemo

	KerasSummary      string // model.summary(), from engine.KerasSummary
	KerasRows         []KerasRow
	KerasTotal        int // 825,866
	KerasTrainable    int // 825,162
	KerasNonTrainable int // 704

	Defaults []Default
	Momentum Momentum
	Notes    []string
}

// Block is one framework's code.
type Block struct {
	Language string // "python"
	Title    string // "PyTorch"
	Code     string
	Lines    []string // Code split into lines
	Marks    []Mark   // lines concerning the highlighted topic
}

// Mark marks one line (1-based) of a Block.
type Mark struct {
	Line  int
	Topic string
}

// Default is one difference between the frameworks.
type Default struct {
	Key      string
	Setting  string
	PyTorch  string
	Keras    string
	Note     string
	Selected bool
}

// KerasRow is one layer of the Keras summary.
type KerasRow struct {
	Name         string
	Class        string
	OutputShape  string
	Params       int
	NonTrainable int
}

// Momentum shows the two momentum conventions on the engine: one
// BatchNorm1d with PyTorch's momentum 0.1 and one with Keras's 0.99 (the
// engine's momentum 0.01, weighting the new value), fed Batches identical
// batches whose mean is BatchMean; the running means after each batch.
type Momentum struct {
	BatchMean float64
	Batches   int
	Torch     []float64 // running_mean after batch 1..Batches
	Keras     []float64 // moving_mean after batch 1..Batches
	Text      string
}
