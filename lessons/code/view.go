package code

// View is the code lesson's view model: the syllabus's model in
// PyTorch and Keras as code text, the engine's PyTorch print and parameter
// count and Keras summary of the same models, and the defaults that
// differ, with the code lines each one concerns.
type View struct {
	Framework string `json:"framework"` // "both", "pytorch" or "keras"
	Topic     string `json:"topic"`     // the highlighted difference (a Default.Key)

	PyTorch Block `json:"pytorch"`
	Keras   Block `json:"keras"`

	TorchPrint      string `json:"torchPrint"`      // print(model), from engine.NewSyllabusConvNet
	TorchParams     int    `json:"torchParams"`     // 1,693,130
	TorchParamsText string `json:"torchParamsText"` // "1,693,130"
	TorchBuffers    int    `json:"torchBuffers"`    // running statistics and num_batches_tracked values

	KerasSummary      string     `json:"kerasSummary"` // model.summary(), from engine.KerasSummary
	KerasRows         []KerasRow `json:"kerasRows"`
	KerasTotal        int        `json:"kerasTotal"`        // 825,866
	KerasTrainable    int        `json:"kerasTrainable"`    // 825,162
	KerasNonTrainable int        `json:"kerasNonTrainable"` // 704

	Defaults []Default `json:"defaults"`
	Momentum Momentum  `json:"momentum"`
	Notes    []string  `json:"notes"`
}

// Block is one framework's code.
type Block struct {
	Language string   `json:"language"` // "python"
	Title    string   `json:"title"`    // "PyTorch"
	Code     string   `json:"code"`
	Lines    []string `json:"lines"` // Code split into lines
	Marks    []Mark   `json:"marks"` // lines concerning the highlighted topic
}

// Mark marks one line (1-based) of a Block.
type Mark struct {
	Line  int    `json:"line"`
	Topic string `json:"topic"`
}

// Default is one difference between the frameworks.
type Default struct {
	Key      string `json:"key"`
	Setting  string `json:"setting"`
	PyTorch  string `json:"pytorch"`
	Keras    string `json:"keras"`
	Note     string `json:"note"`
	Selected bool   `json:"selected"`
}

// KerasRow is one layer of the Keras summary.
type KerasRow struct {
	Name         string `json:"name"`
	Class        string `json:"class"`
	OutputShape  string `json:"outputShape"`
	Params       int    `json:"params"`
	NonTrainable int    `json:"nonTrainable"`
}

// Momentum shows the two momentum conventions on the engine: one
// BatchNorm1d with PyTorch's momentum 0.1 and one with Keras's 0.99 (the
// engine's momentum 0.01, weighting the new value), fed Batches identical
// batches whose mean is BatchMean; the running means after each batch.
type Momentum struct {
	BatchMean float64   `json:"batchMean"`
	Batches   int       `json:"batches"`
	Torch     []float64 `json:"torch"` // running_mean after batch 1..Batches
	Keras     []float64 `json:"keras"` // moving_mean after batch 1..Batches
	Text      string    `json:"text"`
}
