package lessons

import (
	"fmt"
	"strconv"
	"strings"
)

// small-batches control keys, in declaration (and URL) order.
const (
	keySBNorm     = "norm"
	keySBBatch    = "batch"
	keySBShape    = "shape"
	keySBChannels = "channels"
	keySBGroups   = "groups"

	// ActSBResample draws new batches (seed + 1).
	ActSBResample = "resample"
)

// smallBatchControls declares the small-batches controls as data.
var smallBatchControls = []Control{
	{Key: keySBNorm, Label: "Normalisation", Kind: Choice, Default: "bn",
		Options: []Option{{Value: "bn", Label: "BatchNorm"}, {Value: "ln", Label: "LayerNorm"}, {Value: "gn", Label: "GroupNorm"}},
		Help:    "The layer highlighted on the stage."},
	{Key: keySBBatch, Label: "Batch size m", Kind: Slider, Min: 1, Max: 64, Step: 1, Default: "4",
		Help: "Samples per batch; BN's statistics come from these alone."},
	{Key: keySBShape, Label: "Input", Kind: Choice, Default: "conv",
		Options: []Option{{Value: "conv", Label: "conv maps (N, C, 4, 4)"}, {Value: "dense", Label: "dense features (N, C)"}},
		Help:    "Feature maps after a convolution, or features after a Linear layer."},
	{Key: keySBChannels, Label: "Channels C", Kind: Choice, Default: "8",
		Options: []Option{{Value: "4", Label: "4"}, {Value: "8", Label: "8"}, {Value: "16", Label: "16"}, {Value: "32", Label: "32"}}},
	{Key: keySBGroups, Label: "Groups G (GroupNorm)", Kind: Choice, Default: "2",
		Options: []Option{{Value: "1", Label: "1 (like LayerNorm)"}, {Value: "2", Label: "2"}, {Value: "4", Label: "4"},
			{Value: "8", Label: "8"}, {Value: "32", Label: "32 (one channel each)"}},
		Help: "GroupNorm splits the C channels of each sample into G groups."},
	{Key: ActSBResample, Label: "Resample", Kind: Action, Shortcut: "r", Help: "Draw new batches."},
}

// sbParams are the small-batches control values, parsed.
type sbParams struct {
	norm, shape             string
	batch, channels, groups int
}

// SmallBatches is the small-batches lesson: BN's batch statistics get
// noisy as the batch shrinks and fail for a batch of one, while LayerNorm
// and GroupNorm compute per-sample statistics that do not depend on the
// batch. Build it with New("small-batches").
type SmallBatches struct {
	values Values
	seed   uint64
	p      sbParams
	view   *SmallBatchView
}

func newSmallBatches() Lesson { return &SmallBatches{} }

// Meta describes small-batches.
func (l *SmallBatches) Meta() Meta { m, _ := Lookup("small-batches"); return m }

// Controls returns the small-batches controls (a copy).
func (l *SmallBatches) Controls() []Control { return append([]Control(nil), smallBatchControls...) }

// Configure rebuilds the lesson from values and seed. Values that are not
// normalized are refused with an error naming them, and nothing changes.
func (l *SmallBatches) Configure(v Values, seed uint64) error {
	norm, notes := Normalize(smallBatchControls, v)
	if len(notes) > 0 {
		texts := make([]string, len(notes))
		for i, n := range notes {
			texts[i] = n.Text
		}
		return fmt.Errorf("lessons: small-batches: invalid values: %s", strings.Join(texts, "; "))
	}
	p := sbParams{norm: norm[keySBNorm], shape: norm[keySBShape]}
	var err error
	for _, f := range []struct {
		k string
		p *int
	}{{keySBBatch, &p.batch}, {keySBChannels, &p.channels}, {keySBGroups, &p.groups}} {
		if *f.p, err = strconv.Atoi(norm[f.k]); err != nil {
			return fmt.Errorf("lessons: small-batches: cannot read %s=%s", f.k, norm[f.k])
		}
	}
	var clamp []Notice
	if p.groups > p.channels {
		clamp = append(clamp, notef(keySBGroups, norm[keySBGroups], norm[keySBChannels],
			"groups=%d: GroupNorm cannot split %d channels into %d groups; using %d (one channel per group)", p.groups, p.channels, p.groups, p.channels))
		p.groups = p.channels
		norm[keySBGroups] = strconv.Itoa(p.groups)
	}
	view, err := computeSmallBatches(p, seed)
	if err != nil {
		return err
	}
	view.Notices = append(clamp, view.Notices...)
	l.values, l.seed, l.p, l.view = norm, seed, p, view
	return nil
}

// Do performs "resample": new batches from the next seed.
func (l *SmallBatches) Do(action string) error {
	if action != ActSBResample {
		return fmt.Errorf("lessons: small-batches: unknown action %q (known: %s)", action, ActSBResample)
	}
	return l.Configure(l.copyValues(), l.seed+1)
}

// Step draws new batches, like "resample".
func (l *SmallBatches) Step() error { return l.Do(ActSBResample) }

// View returns the current *SmallBatchView.
func (l *SmallBatches) View() any { return l.view }

// State returns the lesson's URL state (groups as used, the seed moved by
// "resample").
func (l *SmallBatches) State() State {
	return State{Lesson: "small-batches", Seed: l.seed, Values: l.copyValues()}
}

func (l *SmallBatches) copyValues() Values {
	v := Values{}
	for k, x := range l.values {
		v[k] = x
	}
	return v
}
