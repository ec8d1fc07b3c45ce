package smallbatch

import "bnlab/lessons"

// View is the small-batches lesson's view model: plain
// JSON-friendly data. Activations are synthetic with known population
// statistics per channel, so the noise of BN's batch statistics can be
// measured against the truth; every mean, variance and output is computed
// by the engine's BatchNorm, LayerNorm and GroupNorm layers in train mode.
type View struct {
	Seed       uint64
	Norm       string // the highlighted norm: "bn", "ln" or "gn"
	Batch      int    // m, samples per batch
	Channels   int    // C
	Groups     int    // GroupNorm's groups, as used (≤ C)
	Shape      string // "conv" (N, C, 4, 4) or "dense" (N, C)
	InputShape string // e.g. "(4, 8, 4, 4)"
	PerSample  int    // values per sample and channel: H·W or 1

	// PopMean and PopVar are channel 0's population mean and variance of
	// a single value: what BN's batch statistics estimate.
	PopMean float64
	PopVar  float64

	// Spread is BN's batch-statistics noise at batch sizes 1..64.
	Spread []SpreadPoint
	// Sampled is every sampled batch's statistics at the current size, for
	// a dot plot around the population values.
	Sampled Sampled
	// Norms are the three layers on one batch of the current size, in the
	// order bn, ln, gn.
	Norms []Norm
	// Compare puts the same sample in two batches with different companions.
	Compare Compare
	// BatchOfOne is BN in training mode on a single sample.
	BatchOfOne BatchOfOne
	// Experiment is the accuracy-versus-batch-size experiment, nil unless
	// the experiment control is on.
	Experiment *Experiment

	Notices []lessons.Notice // values the lesson had to change (groups > channels)
	Notes   []string         // remarks for the current state
	Facts   []string         // what the literature reports, per FACTS.md
}

// SpreadPoint is BN's batch statistics of channel 0 over Batches sampled
// batches of M samples each.
type SpreadPoint struct {
	M       int
	Batches int
	// MeanStd is the standard deviation of the batch means around their
	// average; TheoryMeanStd is what independent sampling predicts,
	// σ·√(ρ/m + (1 − ρ)/(m·H·W)) (σ/√m for dense inputs).
	MeanStd       float64
	TheoryMeanStd float64
	// VarStd is the standard deviation of the biased batch variances and
	// VarMean their average (below PopVar for small m: the 1/m bias).
	VarStd  float64
	VarMean float64
	// VarFrac is VarMean as a fraction of the population variance;
	// TheoryVarFrac is its expectation, 1 − Var(μ_B)/σ² with the
	// prediction of TheoryMeanStd ((m − 1)/m for independent samples).
	VarFrac       float64
	TheoryVarFrac float64
	// OutputRMS is the root-mean-square difference, over the batches, between
	// one fixed sample's train-mode BN output and its output normalised
	// with the population statistics (what eval mode would give with
	// perfect running statistics).
	OutputRMS float64
	Failed    bool // BN refused the batch (dense, m = 1)
	Error     string
	Current   bool // M is the current batch size
}

// Sampled holds the sampled batches' statistics at the current size.
type Sampled struct {
	M       int
	Means   []float64
	Vars    []float64
	PopMean float64
	PopVar  float64
	Error   string // BN's error when it refuses this size
}

// Norm is one normalisation layer on the current batch: its statistics
// as the engine reports them (BN: per channel; LN: per sample; GN: per
// sample and group, in order n·G + g).
type Norm struct {
	Key            string // "bn", "ln", "gn"
	Kind           string // "BatchNorm2d", "LayerNorm", "GroupNorm"
	Repr           string // PyTorch's repr
	Over           string // what one statistic reduces over, in words
	Count          int
	NumStats       int
	Labels         []string // one per statistic
	Means          []float64
	Vars           []float64
	DependsOnBatch bool
	Error          string // the engine's refusal (BN, dense, m = 1)
	Selected       bool
}

// Compare is one sample A in two batches of Size samples, A first, with
// different companions: each norm's output for A in both.
type Compare struct {
	Size int          // max(m, 2)
	Rows []CompareRow // bn, ln, gn
	Text string
}

// CompareRow is one norm's output for sample A, channel 0, in batch 1
// and batch 2, and the largest difference over all of A's outputs.
type CompareRow struct {
	Key     string
	Kind    string
	Out1    []float64
	Out2    []float64
	MaxDiff float64
	Same    bool // bit-for-bit identical
}

// BatchOfOne is BN in train mode on one sample: refused for (1, C) as
// PyTorch refuses it, accepted for a (1, C, H, W) map with H·W > 1.
type BatchOfOne struct {
	DenseShape string // "(1, 8)"
	DenseError string // the engine's error text
	ConvShape  string // "(1, 8, 4, 4)"
	ConvOK     bool
	Text       string
}
