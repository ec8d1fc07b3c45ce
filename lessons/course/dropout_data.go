package course

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/engine/data"
	"bnlab/lessons"
)

// toyPoints is how many points a 2-D dataset of the dropout and train-eval
// lessons has.
const toyPoints = 400

// evalEvery is how often (in training steps) the dropout and train-eval
// lessons measure their eval-mode accuracy on the whole dataset.
const evalEvery = 20

// toyDatasetOptions are the 2-D datasets the dropout and train-eval lessons
// train on (they need no files).
var toyDatasetOptions = []lessons.Option{
	{Value: "spirals", Label: "Spirals (3 classes)"},
	{Value: "moons", Label: "Moons (2 classes)"},
	{Value: "circles", Label: "Circles (2 classes)"},
	{Value: "blobs", Label: "Blobs (4 classes)"},
	{Value: "mnist", Label: "MNIST digits (once loaded)"},
}

// mnistTrainCap and mnistValCap bound the MNIST samples these lessons hold
// as tensors (training batches come from the first mnistTrainCap; accuracy
// is measured on the first mnistValCap validation images).
const (
	mnistTrainCap = 1000
	mnistValCap   = 500
)

// toyDataset is a generated dataset held as one (N, 2) tensor with labels.
type toyDataset struct {
	name    string
	classes int
	x       *engine.Tensor // (N, features): 2 for the toy sets, 784 for MNIST
	y       []int
	src     data.Source // what x and y hold, for mini-batches
	valX    *engine.Tensor
	valY    []int // accuracy is measured on valX, valY (x, y for the toy sets)
}

// loadDataset returns the named toy dataset, or for "mnist" the first
// samples of ds (ErrNoData when ds is nil).
func loadDataset(name string, noise float64, rng *rand.Rand, ds *Dataset) (*toyDataset, error) {
	if name != "mnist" {
		return newToyDataset(name, noise, rng)
	}
	if ds == nil {
		return nil, ErrNoData
	}
	if err := ds.Check(); err != nil {
		return nil, err
	}
	head := func(src data.Source, n int) (*engine.Tensor, []int) {
		idx := make([]int, min(n, src.Len()))
		for i := range idx {
			idx[i] = i
		}
		x, y, _ := data.Gather(src, idx, true)
		return x, y
	}
	x, y := head(ds.Train, mnistTrainCap)
	vx, vy := head(ds.Val, mnistValCap)
	return &toyDataset{name: "mnist", classes: ds.Classes, x: x, y: y, src: &tensorSource{x: x, y: y}, valX: vx, valY: vy}, nil
}

// tensorSource serves the rows of an (N, features) tensor as a data.Source.
type tensorSource struct {
	x *engine.Tensor
	y []int
}

func (s *tensorSource) Len() int           { return len(s.y) }
func (s *tensorSource) SampleShape() []int { return []int{s.x.Shape[1]} }
func (s *tensorSource) Sample(i int, dst []float32) int {
	d := s.x.Shape[1]
	copy(dst, s.x.Data[i*d:(i+1)*d])
	return s.y[i]
}

// newToyDataset generates the named dataset with the given noise from rng.
func newToyDataset(name string, noise float64, rng *rand.Rand) (*toyDataset, error) {
	var p *data.Points
	var err error
	switch name {
	case "spirals":
		p, err = data.Spirals(toyPoints, 3, noise, rng)
	case "moons":
		p, err = data.Moons(toyPoints, noise, rng)
	case "circles":
		p, err = data.Circles(toyPoints, 2, noise, rng)
	case "blobs":
		p, err = data.Blobs(toyPoints, 4, 0.3+noise, rng)
	default:
		return nil, fmt.Errorf("lessons: unknown dataset %q (want spirals, moons, circles or blobs)", name)
	}
	if err != nil {
		return nil, err
	}
	x, y := data.All(p, true)
	return &toyDataset{name: name, classes: p.Classes, x: x, y: y, src: p, valX: x, valY: y}, nil
}

// row returns sample i as a (1, d) tensor (a copy).
func (d *toyDataset) row(i int) *engine.Tensor {
	w := d.x.Shape[1]
	t := engine.New(1, w)
	copy(t.Data, d.x.Data[i*w:(i+1)*w])
	return t
}

// softmax returns the softmax of logits in float64 (numerically stable).
func softmax(logits []float32) []float64 {
	out := make([]float64, len(logits))
	if len(logits) == 0 {
		return out
	}
	m := float64(logits[0])
	for _, v := range logits {
		m = max(m, float64(v))
	}
	var s float64
	for i, v := range logits {
		out[i] = math.Exp(float64(v) - m)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// newRand returns the lesson's seeded generator for a purpose (stream), so
// that different uses of one seed do not share a sequence.
func newRand(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }
