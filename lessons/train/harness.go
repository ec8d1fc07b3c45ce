package train

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/engine/data"
)

// NetSpec is one network of a side-by-side comparison: a name for the view
// ("plain", "bn") and the MLP to build. Sizes[0] must be the dataset's
// input size and the last size its number of classes. When Noise is on, a
// ShiftNoise layer follows every BatchNorm layer (Santurkar et al.'s
// "noisy BatchNorm"), drawing from its own stream of the harness seed.
type NetSpec struct {
	Name  string         `json:"name"`
	Label string         `json:"label"`
	MLP   engine.MLPSpec `json:"-"`
	Noise NoiseSpec      `json:"-"`
}

// HarnessConfig configures a Harness. Zero values take the defaults noted.
type HarnessConfig struct {
	Nets []NetSpec
	// Seed fixes everything random: initial weights (the same stream for
	// every net, so nets with the same Sizes start from the same weights),
	// dropout masks and the order of the mini-batches (shared by all nets).
	Seed uint64
	// Batch is the mini-batch size (default 60, Ioffe & Szegedy's).
	Batch int
	// LR and Momentum configure plain SGD for every net (LR required).
	LR, Momentum float64
	// HistEvery: histograms, gradient norms and whole-layer percentiles are
	// computed every HistEvery steps (default 10) and at step 0.
	HistEvery int
	// ValEvery: validation loss and accuracy every ValEvery steps (default
	// 50; negative: never) on the first ValSize validation samples (default 500).
	ValEvery, ValSize int
	// Bins and Range: histograms of pre-activations count Bins equal bins
	// over [−Range, Range] (defaults 40 and 5); values outside are counted
	// in Under and Over.
	Bins  int
	Range float64
	// Layer (1-based hidden layer, default the last) chooses whose
	// activation-input percentiles (15th/50th/85th, as in Ioffe & Szegedy
	// 2015, Fig. 1) Snapshot returns; they are recorded for every layer, for
	// unit Unit (default 0) every step and for the whole layer at histogram
	// steps, so SetLayer changes the choice without restarting.
	Layer, Unit int
	// MaxPoints bounds the length of every curve in a snapshot (default
	// 300): longer histories are averaged in equal buckets.
	MaxPoints int
}

// Harness trains K networks side by side on the same mini-batches, one
// step at a time, and records what the lessons draw: per-step loss and
// accuracy, validation curves, per-layer histograms before and after
// normalisation, percentile bands and gradient norms. A net that diverges
// (engine.ErrDiverged) stops and is reported in the snapshot; the others go
// on. It is deterministic for a seed. It is not safe for concurrent use.
type Harness struct {
	Config  HarnessConfig
	ds      *Dataset
	batches *data.Batches
	valX    *engine.Tensor
	ValY    []int
	Nets    []*harnessNet
	step    int
}

// harnessNet is one network with its trainer and records.
type harnessNet struct {
	Spec    NetSpec
	Model   *engine.Sequential
	Trainer *engine.Trainer
	blocks  []block // hidden blocks, in order
	linears []*engine.Linear
	outIdx  int // probe index of the output Linear

	Diverged *engine.DivergedError
	Rec      netRecord
}

// block locates one hidden block's layers among the model's probes (−1 when
// absent). noise is the ShiftNoise after the norm, whose output then
// stands for the norm's.
type block struct {
	linear, norm, act, noise int
	normFirst                bool // the norm comes before the activation
}

// withDefaults fills zero fields and checks the rest.
func (c HarnessConfig) withDefaults() (HarnessConfig, error) {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.Batch, 60)
	def(&c.HistEvery, 10)
	def(&c.ValEvery, 50)
	def(&c.ValSize, 500)
	def(&c.Bins, 40)
	def(&c.MaxPoints, 300)
	if c.Range == 0 {
		c.Range = 5
	}
	switch {
	case len(c.Nets) == 0:
		return c, errors.New("lessons: harness needs at least one network")
	case c.Batch < 2:
		return c, fmt.Errorf("lessons: harness: batch %d (BatchNorm needs at least 2 samples)", c.Batch)
	case !(c.LR > 0):
		return c, fmt.Errorf("lessons: harness: learning rate %v must be positive", c.LR)
	case c.HistEvery < 1 || c.Bins < 1 || !(c.Range > 0) || c.MaxPoints < 2 || c.Unit < 0 || c.Layer < 0:
		return c, fmt.Errorf("lessons: harness: bad settings HistEvery=%d Bins=%d Range=%v MaxPoints=%d Layer=%d Unit=%d",
			c.HistEvery, c.Bins, c.Range, c.MaxPoints, c.Layer, c.Unit)
	}
	return c, nil
}

// NewHarness builds every network of cfg for ds and records step 0
// (histograms of a forward pass on the first batch, and validation).
func NewHarness(cfg HarnessConfig, ds *Dataset) (*Harness, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := ds.Check(); err != nil {
		return nil, err
	}
	if cfg.Batch > ds.Train.Len() {
		return nil, fmt.Errorf("lessons: harness: batch %d is larger than the %d training samples", cfg.Batch, ds.Train.Len())
	}
	b, err := data.NewBatches(ds.Train, cfg.Batch, rand.New(rand.NewPCG(cfg.Seed, 0xba7c)))
	if err != nil {
		return nil, err
	}
	b.DropLast, b.Flat = true, true
	h := &Harness{Config: cfg, ds: ds, batches: b}
	if cfg.ValEvery > 0 {
		idx := make([]int, min(cfg.ValSize, ds.Val.Len()))
		for i := range idx {
			idx[i] = i
		}
		if h.valX, h.ValY, err = data.Gather(ds.Val, idx, true); err != nil {
			return nil, err
		}
	}
	for _, s := range cfg.Nets {
		n, err := NewHarnessNet(s, cfg, ds)
		if err != nil {
			return nil, err
		}
		h.Nets = append(h.Nets, n)
	}
	if err := h.recordStart(); err != nil {
		return nil, err
	}
	return h, nil
}

// NewHarnessNet builds one network and locates its blocks.
func NewHarnessNet(s NetSpec, cfg HarnessConfig, ds *Dataset) (*harnessNet, error) {
	sz := s.MLP.Sizes
	if len(sz) < 2 || sz[0] != ds.InputSize() || sz[len(sz)-1] != ds.Classes {
		return nil, fmt.Errorf("lessons: harness: net %q has sizes %v; the dataset needs input %d and output %d",
			s.Name, sz, ds.InputSize(), ds.Classes)
	}
	m, err := engine.NewMLP(s.MLP, rand.New(rand.NewPCG(cfg.Seed, 0x1417)))
	if err == nil && s.Noise.On() {
		m, err = WithNoise(m, s.Noise, rand.New(rand.NewPCG(cfg.Seed, 0x5a27)))
	}
	if err != nil {
		return nil, fmt.Errorf("lessons: harness: net %q: %w", s.Name, err)
	}
	opt, err := engine.NewSGD(m.Params(), engine.SGDConfig{LR: cfg.LR, Momentum: cfg.Momentum})
	if err != nil {
		return nil, fmt.Errorf("lessons: harness: net %q: %w", s.Name, err)
	}
	m.Train()
	n := &harnessNet{Spec: s, Model: m, Trainer: engine.NewTrainer(m, opt)}
	for i, l := range engine.Leaves(m) {
		switch l.(type) {
		case *engine.Linear:
			n.linears = append(n.linears, l.(*engine.Linear))
			n.blocks = append(n.blocks, block{linear: i, norm: -1, act: -1, noise: -1})
			n.outIdx = i
		case *engine.BatchNorm:
			b := &n.blocks[len(n.blocks)-1]
			b.norm, b.normFirst = i, b.act < 0
		case *engine.Activation:
			n.blocks[len(n.blocks)-1].act = i
		case *ShiftNoise:
			n.blocks[len(n.blocks)-1].noise = i
		}
	}
	n.blocks = n.blocks[:len(n.blocks)-1] // the output Linear is not a hidden block
	if cfg.Layer > len(n.blocks) {
		return nil, fmt.Errorf("lessons: harness: layer %d chosen but net %q has %d hidden layers", cfg.Layer, s.Name, len(n.blocks))
	}
	for _, w := range sz[1 : len(sz)-1] {
		if cfg.Unit >= w {
			return nil, fmt.Errorf("lessons: harness: unit %d chosen but net %q has a hidden layer of %d units", cfg.Unit, s.Name, w)
		}
	}
	return n, nil
}

// Steps returns the number of steps taken.
func (h *Harness) Steps() int { return h.step }

// Step advances every network that has not diverged by one mini-batch (the
// same batch for all). A divergence is recorded, not returned; any other
// error is returned and the harness should be rebuilt.
func (h *Harness) Step() error {
	x, y := h.batches.Next()
	h.step++
	hist := h.step%h.Config.HistEvery == 0
	val := h.Config.ValEvery > 0 && h.step%h.Config.ValEvery == 0
	for _, n := range h.Nets {
		if n.Diverged != nil {
			continue
		}
		loss, err := n.Trainer.Step(x, y)
		var de *engine.DivergedError
		if errors.As(err, &de) {
			n.Diverged = de
			continue
		}
		if err != nil {
			return fmt.Errorf("lessons: harness: net %q, step %d: %w", n.Spec.Name, h.step, err)
		}
		n.recordStep(h, loss, y, hist)
		if val {
			if err := n.Validate(h); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordStart records step 0: a train-mode forward and backward pass on
// the first batch of a separate batch stream (the training order is not
// disturbed, no weight is updated, and BN running statistics are
// restored), and validation.
func (h *Harness) recordStart() error {
	b, err := data.NewBatches(h.ds.Train, h.Config.Batch, rand.New(rand.NewPCG(h.Config.Seed, 0x57a7)))
	if err != nil {
		return err
	}
	b.Flat = true
	x, y := b.Next()
	for _, n := range h.Nets {
		saved := make([][]float32, 0)
		for _, buf := range n.Model.Buffers() {
			saved = append(saved, append([]float32(nil), buf.Value.Data...))
		}
		n.Model.ZeroGrad()
		out, err := n.Model.Forward(x)
		for i, buf := range n.Model.Buffers() {
			copy(buf.Value.Data, saved[i])
		}
		if err != nil {
			return fmt.Errorf("lessons: harness: net %q: %w", n.Spec.Name, err)
		}
		loss, g, err := engine.CrossEntropy(out, y)
		if err != nil {
			return err
		}
		// The gradients of this first batch, without an update (every
		// training step zeroes them first), so that step 0 has gradient
		// norms too.
		grads := Finite(loss)
		if grads {
			if _, err := n.Model.Backward(g); err != nil {
				return fmt.Errorf("lessons: harness: net %q: %w", n.Spec.Name, err)
			}
		}
		n.recordForward(h, loss, out, y, true, grads)
		if h.Config.ValEvery > 0 {
			if err := n.Validate(h); err != nil {
				return err
			}
		}
	}
	return nil
}

// Validate records the validation loss and accuracy in eval mode.
func (n *harnessNet) Validate(h *Harness) error {
	loss, acc, err := engine.Evaluate(n.Model, h.valX, h.ValY, 250)
	if err != nil {
		return fmt.Errorf("lessons: harness: net %q validation: %w", n.Spec.Name, err)
	}
	if Finite(loss) {
		n.Rec.ValLoss.Add(h.step, loss)
		n.Rec.ValAcc.Add(h.step, acc)
	}
	return nil
}

// Blocks returns where each hidden block of net i sits among its model's
// layers: the index of its norm layer and of the ShiftNoise after it (−1
// where there is none). Tests check the noisy-BN wiring with it.
func (h *Harness) Blocks(i int) (norm, noise []int) {
	for _, b := range h.Nets[i].blocks {
		norm, noise = append(norm, b.norm), append(noise, b.noise)
	}
	return norm, noise
}

// Linears returns net i's Linear layers, in order.
func (h *Harness) Linears(i int) []*engine.Linear { return h.Nets[i].linears }
