package bnsteps

import (
	"fmt"
	"strconv"
	"strings"

	"bnlab/lessons"
)

// bn-steps control keys, in declaration (and URL) order.
const (
	keyBatch    = "batch"
	keyX        = "x"
	keyShift    = "shift"
	keySpread   = "spread"
	keySkew     = "skew"
	keyGamma    = "gamma"
	keyBeta     = "beta"
	keyEps      = "eps"
	keyStep     = "step"
	keyFeatures = "features"
	keyMomentum = "momentum"
	keyBatches  = "batches"

	// ActResample draws a new batch (the next seed) and clears a typed batch.
	ActResample = "resample"
	// ActNextBatch passes one more batch through the layer in train mode,
	// updating the running statistics.
	ActNextBatch = "next-batch"
	// ActConstant types a constant batch (every value 5) to show what eps is for.
	ActConstant = "constant-batch"

	maxBatches    = 500 // upper end of the `batches` control
	constantValue = 5   // the value of the constant batch
)

// controls declares bn-steps' controls as data.
var controls = []lessons.Control{
	{Key: keyBatch, Label: "Batch size m", Kind: lessons.Slider, Min: 2, Max: 64, Step: 1, Default: "8",
		Help: "How many samples the mini-batch holds (a typed batch overrides it)."},
	{Key: keyX, Label: "Type a batch", Kind: lessons.Numbers, Min: -1000, Max: 1000, MinItems: 2, MaxItems: 64, Optional: true,
		Help: "Comma-separated values for feature 1, e.g. 3,5,7,9; empty draws the batch from the distribution."},
	{Key: keyShift, Label: "Shift", Kind: lessons.Slider, Min: -10, Max: 10, Step: 0.5, Default: "3",
		Help: "Where the distribution is centred."},
	{Key: keySpread, Label: "Spread", Kind: lessons.Slider, Min: 0, Max: 10, Step: 0.1, Default: "2",
		Help: "The distribution's standard deviation; 0 gives a constant batch."},
	{Key: keySkew, Label: "Skew", Kind: lessons.Slider, Min: -1, Max: 1, Step: 0.1, Default: "0",
		Help: "Mixes in a lognormal tail to the right (positive) or left (negative)."},
	{Key: keyGamma, Label: "γ (scale)", Kind: lessons.Slider, Min: -5, Max: 5, Step: 0.1, Default: "1",
		Help: "The learnable scale of step 4."},
	{Key: keyBeta, Label: "β (shift)", Kind: lessons.Slider, Min: -5, Max: 5, Step: 0.1, Default: "0",
		Help: "The learnable shift of step 4."},
	{Key: keyEps, Label: "ε", Kind: lessons.LogSlider, Min: 1e-8, Max: 1, Default: "1e-05",
		Help: "Added to the variance before the square root (PyTorch's default 1e-5, Keras's 1e-3)."},
	{Key: keyStep, Label: "Step", Kind: lessons.Slider, Min: 0, Max: 4, Step: 1, Default: "0",
		Help: "0 the batch, 1 mean, 2 variance, 3 normalise, 4 scale and shift."},
	{Key: keyFeatures, Label: "Features d", Kind: lessons.Slider, Min: 1, Max: 8, Step: 1, Default: "4",
		Help: "Columns of the heat-map view; each column gets its own mean and variance."},
	{Key: keyMomentum, Label: "Momentum (PyTorch)", Kind: lessons.Slider, Min: 0, Max: 1, Step: 0.01, Default: "0.1",
		Help: "Weight of the NEW batch in PyTorch's running statistics."},
	{Key: keyBatches, Label: "Batches seen", Kind: lessons.Slider, Min: 1, Max: maxBatches, Step: 1, Default: "1",
		Help: "How many training batches have passed through the layer."},
	{Key: ActResample, Label: "Resample", Kind: lessons.Action, Shortcut: "r",
		Help: "Draw a new batch from the distribution."},
	{Key: ActNextBatch, Label: "Next batch", Kind: lessons.Action, Shortcut: "n",
		Help: "Pass one more batch through the layer and update the running statistics."},
	{Key: ActConstant, Label: "Constant batch", Kind: lessons.Action, Shortcut: "c",
		Help: "Every value the same: the variance is 0 and only ε keeps the division finite."},
}

// params are bn-steps' control values, parsed.
type params struct {
	m, d, step, batches              int
	typed                            []float64
	shift, spread, skew, gamma, beta float64
	eps, momentum                    float64
}

// Lesson is the bn-steps lesson: the four steps of batch normalisation on
// a live mini-batch of m samples × d features, computed by
// engine.BatchNorm1d. Build it with New("bn-steps").
type Lesson struct {
	values lessons.Values
	seed   uint64
	p      params
	view   *View
	cache  batchCache
	// chart is the last running-statistics chart and the data it shows.
	chart struct{ key, svg string }
}

func New() lessons.Lesson { return &Lesson{} }

// Controls returns bn-steps' controls (a copy).
func (l *Lesson) Controls() []lessons.Control {
	return append([]lessons.Control(nil), controls...)
}

// Configure rebuilds the lesson from values and seed. Values that are not
// normalized are refused with an error naming them, and nothing changes.
func (l *Lesson) Configure(v lessons.Values, seed uint64) error {
	norm, notes := lessons.Normalize(controls, v)
	if len(notes) > 0 {
		return fmt.Errorf("lessons: bn-steps: invalid values: %s", lessons.JoinNotices(notes))
	}
	p, err := parseParams(norm)
	if err != nil {
		return err
	}
	view, err := compute(p, seed, &l.cache)
	if err != nil {
		return err
	}
	l.values, l.seed, l.p, l.view = norm, seed, p, view
	return nil
}

// Do performs an action: "resample" (seed + 1, typed batch cleared),
// "next-batch" (batches + 1, at most 500) or "constant-batch". The changed
// state is read back with State.
func (l *Lesson) Do(action string) error {
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	seed := l.seed
	switch action {
	case ActResample:
		seed++
		v[keyX] = ""
	case ActNextBatch:
		if l.p.batches >= maxBatches {
			return fmt.Errorf("lessons: bn-steps: already %d batches, the most this lesson shows", maxBatches)
		}
		v[keyBatches] = strconv.Itoa(l.p.batches + 1)
	case ActConstant:
		v[keyX] = strings.TrimSuffix(strings.Repeat(strconv.Itoa(constantValue)+",", l.p.m), ",")
	default:
		return fmt.Errorf("lessons: bn-steps: unknown action %q (known: %s, %s, %s)", action, ActResample, ActNextBatch, ActConstant)
	}
	return l.Configure(v, seed)
}

// Step shows the next of the four steps, wrapping from 4 back to 0.
func (l *Lesson) Step() error {
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	v[keyStep] = strconv.Itoa((l.p.step + 1) % 5)
	return l.Configure(v, l.seed)
}

// View returns the current *View.
func (l *Lesson) View() *View { return l.view }

// State returns the lesson's URL state (it changes with Do and Step).
func (l *Lesson) State() lessons.State {
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	return lessons.State{Lesson: "bn-steps", Seed: l.seed, Values: v}
}

// parseParams reads normalized values.
func parseParams(v lessons.Values) (params, error) {
	var p params
	var errs []string
	num := func(k string) float64 {
		f, err := strconv.ParseFloat(v[k], 64)
		if err != nil {
			errs = append(errs, k+"="+v[k])
		}
		return f
	}
	p.m, p.d = int(num(keyBatch)), int(num(keyFeatures))
	p.step, p.batches = int(num(keyStep)), int(num(keyBatches))
	p.shift, p.spread, p.skew = num(keyShift), num(keySpread), num(keySkew)
	p.gamma, p.beta = num(keyGamma), num(keyBeta)
	p.eps, p.momentum = num(keyEps), num(keyMomentum)
	typed, err := lessons.ParseNumbers(v[keyX])
	if err != nil {
		errs = append(errs, keyX+"="+v[keyX])
	}
	if len(errs) > 0 {
		return p, fmt.Errorf("lessons: bn-steps: cannot read %s", strings.Join(errs, ", "))
	}
	if len(typed) > 0 {
		p.typed, p.m = typed, len(typed)
	}
	return p, nil
}
