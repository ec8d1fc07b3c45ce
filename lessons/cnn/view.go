package cnn

import "bnlab/lessons"

// View is the cnn lesson's view model: plain JSON-friendly data. The
// model is engine.NewSyllabusConvNet (the syllabus's ConvNetWithBNDropout)
// after Steps training steps; the batch is passed through its features in
// train mode, so the highlighted BN layer normalises with the batch's own
// statistics, one mean and one biased variance per channel over N × H × W
// (Ioffe & Szegedy 2015, §3.2). Maps are row-major H × W.
type View struct {
	Seed      uint64 `json:"seed"`
	Dataset   string `json:"dataset"`   // "MNIST" or "synthetic" (no data set given yet)
	Synthetic bool   `json:"synthetic"` // true until the page gives MNIST
	Digit     string `json:"digit"`     // "any" or "0".."9"
	Batch     int    `json:"batch"`     // N, the images shown
	Labels    []int  `json:"labels"`    // the label of each image
	Inputs    []Map  `json:"inputs"`    // the N input images, 28 × 28

	Conv     string `json:"conv"`     // the conv layer, "features.0" or "features.4"
	BN       string `json:"bn"`       // the BN layer after it, "features.1" or "features.5"
	ConvRepr string `json:"convRepr"` // its PyTorch repr
	BNRepr   string `json:"bnRepr"`
	Channels int    `json:"channels"` // C of the conv output (32 or 64)
	H        int    `json:"h"`
	W        int    `json:"w"`
	Channel  int    `json:"channel"` // the highlighted channel, 0..C−1
	Sample   int    `json:"sample"`  // the sample whose channels SampleMaps shows

	// ConvMaps are the highlighted channel's maps for every sample: the
	// conv output, which is the BN input; together they are the reduction
	// set of that channel's statistics. BNMaps are the same maps after BN.
	ConvMaps []Map `json:"convMaps"`
	BNMaps   []Map `json:"bnMaps"`
	// SampleMaps are every channel of sample Sample (conv output).
	SampleMaps []Map `json:"sampleMaps"`

	Reduction Reduction `json:"reduction"`
	// Stats is the highlighted channel: the engine's numbers and the
	// independent check.
	Stats ChannelStats `json:"stats"`
	// AllChannels lists every channel's batch statistics, γ, β and running
	// statistics (index = channel).
	AllChannels []ChannelRow `json:"allChannels"`

	Bias BiasCheck `json:"bias"` // the conv bias before BN is redundant
	Fold Fold      `json:"fold"` // eval-mode BN folded into the conv

	TorchPrint     string `json:"torchPrint"`     // print(model), from the engine
	ParamCount     int    `json:"paramCount"`     // 1,693,130
	ParamCountText string `json:"paramCountText"` // "1,693,130"

	Steps    int              `json:"steps"`    // training steps done (Adam, lr 1e-3, batch 16)
	Losses   []float64        `json:"losses"`   // training loss of each step
	Notices  []lessons.Notice `json:"notices"`  // values the lesson had to clamp (channel, sample)
	Notes    []string         `json:"notes"`    // short remarks for the current state
	Formulas []string         `json:"formulas"` // the statistics and folding formulas with live numbers
}

// Map is one H × W map, row-major, with its range for a colour scale.
type Map struct {
	Label  string    `json:"label"` // "sample 3 (digit 7)", "channel 5"
	H      int       `json:"h"`
	W      int       `json:"w"`
	Values []float64 `json:"values"`
	Lo     float64   `json:"lo"`
	Hi     float64   `json:"hi"`
}

// Reduction describes the set one channel's statistics reduce over.
type Reduction struct {
	N     int    `json:"n"`
	H     int    `json:"h"`
	W     int    `json:"w"`
	Count int    `json:"count"` // N · H · W
	Text  string `json:"text"`  // "mean and variance over N × H × W = 8 × 28 × 28 = 6272 values"
}

// ChannelStats is the highlighted channel's normalisation.
type ChannelStats struct {
	Channel int `json:"channel"`
	// Mean and Var are the engine's BatchMean and BatchVar (biased, 1/count).
	Mean float64 `json:"mean"`
	Var  float64 `json:"var"`
	// CheckMean and CheckVar are recomputed here from ConvMaps in float64.
	CheckMean float64 `json:"checkMean"`
	CheckVar  float64 `json:"checkVar"`
	Agree     bool    `json:"agree"` // the two agree to float32 precision
	Gamma     float64 `json:"gamma"` // γ of this channel (BN weight)
	Beta      float64 `json:"beta"`  // β of this channel (BN bias)
	Eps       float64 `json:"eps"`
	// OutMean and OutVar describe BNMaps: β and γ²σ²/(σ² + ε) up to rounding.
	OutMean float64 `json:"outMean"`
	OutVar  float64 `json:"outVar"`
}

// ChannelRow is one channel of the BN layer.
type ChannelRow struct {
	Channel     int     `json:"channel"`
	Mean        float64 `json:"mean"` // batch mean over N × H × W
	Var         float64 `json:"var"`  // biased batch variance
	Gamma       float64 `json:"gamma"`
	Beta        float64 `json:"beta"`
	RunningMean float64 `json:"runningMean"` // from training (0 before any step)
	RunningVar  float64 `json:"runningVar"`  // unbiased, from training (1 before any step)
}

// BiasCheck shows that the conv bias of the highlighted channel does
// not reach the BN output in train mode: BN subtracts the batch mean, which
// contains the bias.
type BiasCheck struct {
	Bias    float64 `json:"bias"`    // the conv's bias of this channel
	MaxDiff float64 `json:"maxDiff"` // max |BN(conv) − BN(conv − bias)| over the channel's maps
	Text    string  `json:"text"`
}

// Fold is eval-mode BN folded into the preceding convolution
// (Ioffe & Szegedy 2015, Algorithm 2):
//
//	s = γ / √(running_var + ε)
//	w' = w · s        b' = (b − running_mean) · s + β
//
// FoldedConv(x) is compared with BN_eval(Conv(x)) on the batch's eval-mode
// input to the conv.
type Fold struct {
	Channel     int       `json:"channel"` // the highlighted channel's numbers below
	Scale       float64   `json:"scale"`   // s
	Shift       float64   `json:"shift"`   // β − running_mean · s
	Bias        float64   `json:"bias"`    // b
	FoldedBias  float64   `json:"foldedBias"`
	Weights     []float64 `json:"weights"` // the first kernel (input channel 0) of this channel, kh × kw
	Folded      []float64 `json:"folded"`  // the same kernel folded
	RunningMean float64   `json:"runningMean"`
	RunningVar  float64   `json:"runningVar"`
	MaxAbsDiff  float64   `json:"maxAbsDiff"` // over every output value of the batch
	MaxAbsOut   float64   `json:"maxAbsOut"`  // the largest |output|, for scale
	Tolerance   float64   `json:"tolerance"`  // float32 rounding allowance
	Same        bool      `json:"same"`       // MaxAbsDiff ≤ Tolerance
	Text        string    `json:"text"`
}
