package histograms

import (
	"fmt"
	"strconv"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// histograms control keys, in declaration (and URL) order. "batch" is
// dkBatch, shared with bn-steps.
const (
	keyWScale = "wscale"
	keyBNNet  = "bnnet"
)

// histogramsControls declares the histograms lesson's controls. The
// defaults were measured (TestMeasureTraining, 10,000 MNIST images, seed 7):
// with 10 sigmoid layers, N(0, 0.1²) weights (the lab's σ; the paper gives none) and
// learning rate 0.1, the plain net stays at chance for 500 steps and its
// first layer's gradient norm is about 1e-6, against 0.7 with BN, while the
// BN net reaches 75% validation accuracy at step 50 and 89% at step 500.
// σ = 0.01 shows the same contrast more slowly (BN 64% at step 300);
// σ = 1 saturates the plain net's sigmoids instead.
var histogramsControls = []lessons.Control{
	{Key: train.KeyDepth, Label: "Hidden layers", Kind: lessons.Slider, Min: 3, Max: 20, Step: 1, Default: "10",
		Help: "How many hidden layers of 100 units the network has."},
	{Key: train.KeyAct, Label: "Activation", Kind: lessons.Choice, Default: "sigmoid", Options: train.Activations,
		Help: "The nonlinearity after each hidden layer."},
	{Key: train.KeyLR, Label: "Learning rate", Kind: lessons.LogSlider, Min: 1e-3, Max: 2, Default: "0.1",
		Help: "Plain SGD step size, the same for both networks."},
	{Key: keyWScale, Label: "Initial weight scale σ", Kind: lessons.LogSlider, Min: 1e-3, Max: 3, Default: "0.1",
		Help: "Initial weights are drawn from N(0, σ²) and biases start at 0. Ioffe & Szegedy say only \"small random Gaussian values\"; σ and the zero biases are the lab's choices."},
	{Key: train.KeyBatch, Label: "Batch size", Kind: lessons.Slider, Min: 2, Max: 256, Step: 1, Default: "60",
		Help: "Samples per mini-batch (60 in Ioffe & Szegedy's MNIST experiment)."},
	{Key: train.KeyLayer, Label: "Layer for the percentiles", Kind: lessons.Slider, Min: 1, Max: 20, Step: 1, Default: "10",
		Help: "Whose activation input the 15th/50th/85th percentile chart follows (at most the number of layers)."},
	{Key: keyBNNet, Label: "Second network", Kind: lessons.Choice, Default: "bn", Options: []lessons.Option{
		{Value: "bn", Label: "with BN"}, {Value: "noisy", Label: "BN + noise (after Santurkar et al.)"}},
		Help: "BN + noise puts, after every BN layer, a random scale and shift per unit, shared by the batch and drawn afresh at every training step (a variant of Santurkar et al.'s per-activation noise): internal covariate shift comes back."},
}

// histNoise is the noise of the "noisy" second network, after every BN
// layer: per unit and training step, a scale s ~ U(0.5, 1.5) and a shift
// b ~ U(−1, 1), so y = s·x + b, shared by the batch. Santurkar et al.
// (NeurIPS 2018, §2.1) perturb each activation of each sample with noise of
// non-zero mean and non-unit variance that changes at every step; this is a
// variant of that idea. After
// BN a unit has mean β and spread γ (0 and 1 at the start), so a shift of
// up to ±1 and a spread scaled by 0.5 to 1.5 are plainly visible in the
// histograms and percentile bands. TestHistogramsNoisyMeasure (defaults,
// 10,000 MNIST images, 500 steps, seeds 7, 11, 23): the mean training
// loss over steps 451–500 is 0.48–0.49 (plain BN 0.33–0.35, no BN 2.31)
// and validation accuracy at step 500 is 87–88% (plain BN 89–90%). How far
// the chosen unit's median moves per step is measured live, over every
// step (train.NetSummary.MedianMove), and shown in the results table; the
// prose states no figure for it.
var histNoise = train.NoiseSpec{Shift: 1, ScaleLo: 0.5, ScaleHi: 1.5}

// Lesson is the histograms lesson: a deep fully connected network
// trained live on MNIST without and with BatchNorm (Linear → BN → act),
// side by side, same seed, same batches. It implements NeedsData and
// Stateful. Build it with New("histograms").
type Lesson struct{ train.Base }

func New() lessons.Lesson {
	return &Lesson{train.Base{ID: "histograms", Decl: histogramsControls}}
}

// Controls returns the lesson's controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), histogramsControls...)
}

// Configure rebuilds the lesson from normalized values and a seed, and
// restarts the training when data is present.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	return l.ConfigureWith(v, seed, plan)
}

// View is the histograms lesson's view model.
type View struct {
	train.TrainStatus
	Depth      int
	Activation string
	LR         float64
	WeightStd  float64
	Batch      int
	// Layer is the hidden layer the percentile bands follow (after
	// clamping to Depth), Unit the unit of UnitBand.
	Layer int
	Unit  int
	Seed  uint64
	// BNNet is the second network's kind ("bn", or "noisy" for BN + noise)
	// and BNName its short name for legends and headings ("with BN", "BN +
	// noise"); Noise is the noise after each BN layer (zero for "bn").
	BNNet  string
	BNName string
	Noise  train.NoiseSpec
	// Train holds both networks' records: Nets[0] "plain", Nets[1] "bn"
	// (or "BN + noise", named BNName); nil while waiting for data.
	Train *train.TrainSnapshot
	// Summary is one row per network for the results table.
	Summary []train.NetSummary
}

// View returns the current *View.
func (l *Lesson) View() *View {
	st, snap, sum := l.Status()
	c := l.Config
	if len(c.Nets) < 2 {
		return &View{TrainStatus: st, Seed: l.Seed}
	}
	v := &View{TrainStatus: st, Depth: len(c.Nets[0].MLP.Sizes) - 2, Activation: c.Nets[0].MLP.Activation,
		LR: c.LR, WeightStd: c.Nets[0].MLP.WeightStd, Batch: c.Batch, Layer: c.Layer, Unit: c.Unit,
		Seed: l.Seed, BNNet: l.Values[keyBNNet], BNName: bnName(c.Nets[1].Name), Noise: c.Nets[1].Noise,
		Train: snap, Summary: sum}
	return v
}

// plan turns the lesson's values into the two networks.
func plan(v lessons.Values, seed uint64) (train.HarnessConfig, []lessons.Notice, error) {
	num := func(k string) float64 { f, _ := strconv.ParseFloat(v[k], 64); return f }
	depth, layer := int(num(train.KeyDepth)), int(num(train.KeyLayer))
	var notes []lessons.Notice
	if layer > depth {
		notes = append(notes, lessons.Notef(train.KeyLayer, v[train.KeyLayer], strconv.Itoa(depth),
			"layer=%d is deeper than the %d hidden layers; showing layer %d", layer, depth, depth))
		layer = depth
	}
	act, ws := v[train.KeyAct], num(keyWScale)
	if act == "" || !(ws > 0) || depth < 1 {
		return train.HarnessConfig{}, nil, fmt.Errorf("cannot read act=%q wscale=%q depth=%q", v[train.KeyAct], v[keyWScale], v[train.KeyDepth])
	}
	spec := func(p engine.NormPlacement) engine.MLPSpec {
		return engine.MLPSpec{Sizes: train.HiddenSizes(train.MLPWidth, depth), Activation: act, Placement: p, WeightStd: ws}
	}
	second := train.NetSpec{Name: "bn", Label: "with BN: Linear → BN → " + act, MLP: spec(engine.NormBefore)}
	if v[keyBNNet] == "noisy" {
		second = train.NetSpec{Name: noisyName, Label: noisyName + ": Linear → BN → noise → " + act,
			MLP: spec(engine.NormBefore), Noise: histNoise}
	}
	cfg := train.HarnessConfig{Seed: seed, Batch: int(num(train.KeyBatch)), LR: num(train.KeyLR), Layer: layer,
		HistEvery: 5, ValEvery: 50, ValSize: 500, Bins: 40, Range: 5,
		Nets: []train.NetSpec{
			{Name: "plain", Label: "without BN: Linear → " + act, MLP: spec(engine.NormNone)},
			second,
		}}
	return cfg, notes, nil
}

// noisyName is the name of the BN + noise network: the renderer's legends
// show a network's name as it is, except "plain" and "bn".
const noisyName = "BN + noise"

// bnName is the short name of the second network for legends.
func bnName(name string) string {
	if name == "bn" {
		return "with BN"
	}
	return name
}
