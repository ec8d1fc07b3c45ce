package placement

import (
	"fmt"
	"strconv"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// placementControls declares the placement lesson's controls: the keys are
// shared with histograms (depth, act, lr, batch, layer).
var placementControls = []lessons.Control{
	{Key: train.KeyDepth, Label: "Hidden layers", Kind: lessons.Slider, Min: 1, Max: 8, Step: 1, Default: "3",
		Help: "How many hidden layers of 100 units each network has."},
	{Key: train.KeyAct, Label: "Activation", Kind: lessons.Choice, Default: "relu", Options: train.Activations,
		Help: "The nonlinearity of every hidden layer."},
	{Key: train.KeyLR, Label: "Learning rate", Kind: lessons.LogSlider, Min: 1e-3, Max: 2, Default: "0.1",
		Help: "Plain SGD step size, the same for the three networks."},
	{Key: train.KeyBatch, Label: "Batch size", Kind: lessons.Slider, Min: 2, Max: 256, Step: 1, Default: "60",
		Help: "Samples per mini-batch."},
	{Key: train.KeyLayer, Label: "Layer for the percentiles", Kind: lessons.Slider, Min: 1, Max: 8, Step: 1, Default: "3",
		Help: "Whose activation input the 15th/50th/85th percentile chart follows (at most the number of layers)."},
}

// Lesson is the placement lesson: the same MLP with Linear → BN → act,
// Linear → act → BN and no BN, trained side by side on MNIST from the same
// initial weights (PyTorch's default initialisation) on the same batches.
// It implements NeedsData and Stateful. Build it with New("placement").
type Lesson struct{ train.Base }

func New() lessons.Lesson {
	return &Lesson{train.Base{ID: "placement", Decl: placementControls}}
}

// Controls returns the lesson's controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), placementControls...)
}

// Configure rebuilds the lesson from normalized values and a seed, and
// restarts the training when data is present.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	return l.ConfigureWith(v, seed, plan)
}

// View is the placement lesson's view model. Train.Nets are, in
// order, "before" (Linear → BN → act), "after" (Linear → act → BN) and
// "none" (Linear → act). For each net and hidden layer, Layers[i].ActIn
// names the histogram that reaches the activation: Norm for "before", Pre
// for the other two; for "after", Norm is what the next Linear receives.
// Summary holds the measurements for the results table, in the same order;
// the lesson declares no winner (FACTS.md: the original paper and ResNet
// put BN before the nonlinearity; after also works).
type View struct {
	train.TrainStatus
	Depth      int
	Activation string
	LR         float64
	Batch      int
	Layer      int
	Seed       uint64
	// Reaching[k][i] is the histogram reaching net k's activation in hidden
	// layer i+1 at the last histogram step (a copy of Layers[i].Pre or Norm).
	Reaching [][]train.Hist
	Train    *train.TrainSnapshot
	Summary  []train.NetSummary
}

// View returns the current *View.
func (l *Lesson) View() *View {
	st, snap, sum := l.Status()
	c := l.Config
	if len(c.Nets) == 0 {
		return &View{TrainStatus: st, Seed: l.Seed}
	}
	v := &View{TrainStatus: st, Depth: len(c.Nets[0].MLP.Sizes) - 2, Activation: c.Nets[0].MLP.Activation,
		LR: c.LR, Batch: c.Batch, Layer: c.Layer, Seed: l.Seed, Train: snap, Summary: sum}
	if snap != nil {
		for _, n := range snap.Nets {
			var row []train.Hist
			for _, ls := range n.Layers {
				if ls.ActIn == "norm" && ls.Norm != nil {
					row = append(row, *ls.Norm)
				} else {
					row = append(row, ls.Pre)
				}
			}
			v.Reaching = append(v.Reaching, row)
		}
	}
	return v
}

// The harness's recording settings: histograms every histEvery steps,
// validation every valEvery steps on the first valSize validation images.
const (
	histEvery = 5
	valEvery  = 50
	valSize   = 500
)

// plan turns the lesson's values into the three networks.
func plan(v lessons.Values, seed uint64) (train.HarnessConfig, []lessons.Notice, error) {
	num := func(k string) float64 { f, _ := strconv.ParseFloat(v[k], 64); return f }
	depth, layer := int(num(train.KeyDepth)), int(num(train.KeyLayer))
	var notes []lessons.Notice
	if layer > depth {
		notes = append(notes, lessons.Notef(train.KeyLayer, v[train.KeyLayer], strconv.Itoa(depth),
			"layer=%d is deeper than the %d hidden layers; showing layer %d", layer, depth, depth))
		layer = depth
	}
	act := v[train.KeyAct]
	if act == "" || depth < 1 {
		return train.HarnessConfig{}, nil, fmt.Errorf("cannot read act=%q depth=%q", v[train.KeyAct], v[train.KeyDepth])
	}
	spec := func(p engine.NormPlacement) engine.MLPSpec {
		return engine.MLPSpec{Sizes: train.HiddenSizes(train.MLPWidth, depth), Activation: act, Placement: p}
	}
	cfg := train.HarnessConfig{Seed: seed, Batch: int(num(train.KeyBatch)), LR: num(train.KeyLR), Layer: layer,
		HistEvery: histEvery, ValEvery: valEvery, ValSize: valSize, Bins: 40, Range: 5,
		Nets: []train.NetSpec{
			{Name: "before", Label: "Linear → BN → " + act, MLP: spec(engine.NormBefore)},
			{Name: "after", Label: "Linear → " + act + " → BN", MLP: spec(engine.NormAfter)},
			{Name: "none", Label: "Linear → " + act + " (no BN)", MLP: spec(engine.NormNone)},
		}}
	return cfg, notes, nil
}
