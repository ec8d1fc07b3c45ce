package cnn

import "bnlab/lessons"

// View is the cnn lesson's view model: plain JSON-friendly data. The
// model is engine.NewSyllabusConvNet (the syllabus's ConvNetWithBNDropout)
// after Steps training steps; the batch is passed through its features in
// train mode, so the highlighted BN layer normalises with the batch's own
// statistics, one mean and one biased variance per channel over N × H × W
// (Ioffe & Szegedy 2015, §3.2). Maps are row-major H × W.
type View struct {
	Seed      uint64
	Dataset   string // "MNIST" or "synthetic" (no data set given yet)
	Synthetic bool   // true until the page gives MNIST
	Digit     string // "any" or "0".."9"
	Batch     int    // N, the images shown
	Labels    []int  // the label of each image
	Inputs    []Map  // the N input images, 28 × 28

	Conv     string // the conv layer, "features.0" or "features.4"
	BN       string // the BN layer after it, "features.1" or "features.5"
	ConvRepr string // its PyTorch repr
	BNRepr   string
	Channels int // C of the conv output (32 or 64)
	H        int
	W        int
	Channel  int // the highlighted channel, 0..C−1
	Sample   int // the sample whose channels SampleMaps shows

	// ConvMaps are the highlighted channel's maps for every sample: the
	// conv output, which is the BN input; together they are the reduction
	// set of that channel's statistics. BNMaps are the same maps after BN.
	ConvMaps []Map
	BNMaps   []Map
	// SampleMaps are every channel of sample Sample (conv output).
	SampleMaps []Map

	Reduction Reduction
	// Stats is the highlighted channel: the engine's numbers and the
	// independent check.
	Stats ChannelStats
	// AllChannels lists every channel's batch statistics, γ, β and running
	// statistics (index = channel).
	AllChannels []ChannelRow

	Bias BiasCheck // the conv bias before BN is redundant
	Fold Fold      // eval-mode BN folded into the conv

	TorchPrint     string // print(model), from the engine
	ParamCount     int    // 1,693,130
	ParamCountText string // "1,693,130"

	Steps    int              // training steps done (Adam, lr 1e-3, batch 16)
	Losses   []float64        // training loss of each step
	Notices  []lessons.Notice // values the lesson had to clamp (channel, sample)
	Notes    []string         // short remarks for the current state
	Formulas []string         // the statistics and folding formulas with live numbers
}

// Map is one H × W map, row-major, with its range for a colour scale.
type Map struct {
	Label  string // "sample 3 (digit 7)", "channel 5"
	H      int
	W      int
	Values []float64
	Lo     float64
	Hi     float64
}

// Reduction describes the set one channel's statistics reduce over.
type Reduction struct {
	N     int
	H     int
	W     int
	Count int    // N · H · W
	Text  string // "mean and variance over N × H × W = 8 × 28 × 28 = 6272 values"
}

// ChannelStats is the highlighted channel's normalisation.
type ChannelStats struct {
	Channel int
	// Mean and Var are the engine's BatchMean and BatchVar (biased, 1/count).
	Mean float64
	Var  float64
	// CheckMean and CheckVar are recomputed here from ConvMaps in float64.
	CheckMean float64
	CheckVar  float64
	Agree     bool    // the two agree to float32 precision
	Gamma     float64 // γ of this channel (BN weight)
	Beta      float64 // β of this channel (BN bias)
	Eps       float64
	// OutMean and OutVar describe BNMaps: β and γ²σ²/(σ² + ε) up to rounding.
	OutMean float64
	OutVar  float64
}

// ChannelRow is one channel of the BN layer.
type ChannelRow struct {
	Channel     int
	Mean        float64 // batch mean over N × H × W
	Var         float64 // biased batch variance
	Gamma       float64
	Beta        float64
	RunningMean float64 // from training (0 before any step)
	RunningVar  float64 // unbiased, from training (1 before any step)
}

// BiasCheck shows that the conv bias of the highlighted channel does
// not reach the BN output in train mode: BN subtracts the batch mean, which
// contains the bias.
type BiasCheck struct {
	Bias    float64 // the conv's bias of this channel
	MaxDiff float64 // max |BN(conv) − BN(conv − bias)| over the channel's maps
	Text    string
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
	Channel     int     // the highlighted channel's numbers below
	Scale       float64 // s
	Shift       float64 // β − running_mean · s
	Bias        float64 // b
	FoldedBias  float64
	Weights     []float64 // the first kernel (input channel 0) of this channel, kh × kw
	Folded      []float64 // the same kernel folded
	RunningMean float64
	RunningVar  float64
	MaxAbsDiff  float64 // over every output value of the batch
	MaxAbsOut   float64 // the largest |output|, for scale
	Tolerance   float64 // float32 rounding allowance
	Same        bool    // MaxAbsDiff ≤ Tolerance
	Text        string
}
