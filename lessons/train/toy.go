package train

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/engine/data"
	"bnlab/lessons"
)

// ToyPoints is how many points a 2-D dataset of the dropout and train-eval
// lessons has.
const ToyPoints = 400

// EvalEvery is how often (in training steps) the dropout and train-eval
// lessons measure their eval-mode accuracy on the whole dataset.
const EvalEvery = 20

// ToyDatasetOptions are the 2-D datasets the dropout and train-eval lessons
// train on (they need no files).
var ToyDatasetOptions = []lessons.Option{
	{Value: "spirals", Label: "Spirals (3 classes)"},
	{Value: "moons", Label: "Moons (2 classes)"},
	{Value: "circles", Label: "Circles (2 classes)"},
	{Value: "blobs", Label: "Blobs (4 classes)"},
	{Value: "mnist", Label: "MNIST digits (once loaded)"},
}

// MNISTTrainCap and MNISTValCap bound the MNIST samples these lessons hold
// as tensors (training batches come from the first MNISTTrainCap; accuracy
// is measured on the first MNISTValCap validation images).
const (
	MNISTTrainCap = 1000
	MNISTValCap   = 500
)

// ToyDataset is a generated dataset held as one (N, 2) tensor with labels.
type ToyDataset struct {
	Name    string
	Classes int
	X       *engine.Tensor // (N, features): 2 for the toy sets, 784 for MNIST
	Y       []int
	Src     data.Source // what x and y hold, for mini-batches
	ValX    *engine.Tensor
	ValY    []int // accuracy is measured on valX, valY (x, y for the toy sets)
}

// LoadDataset returns the named toy dataset, or for "mnist" the first
// samples of ds (ErrNoData when ds is nil).
func LoadDataset(name string, noise float64, rng *rand.Rand, ds *Dataset) (*ToyDataset, error) {
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
	x, y := head(ds.Train, MNISTTrainCap)
	vx, vy := head(ds.Val, MNISTValCap)
	return &ToyDataset{Name: "mnist", Classes: ds.Classes, X: x, Y: y, Src: &TensorSource{x: x, y: y}, ValX: vx, ValY: vy}, nil
}

// TensorSource serves the rows of an (N, features) tensor as a data.Source.
type TensorSource struct {
	x *engine.Tensor
	y []int
}

func (s *TensorSource) Len() int           { return len(s.y) }
func (s *TensorSource) SampleShape() []int { return []int{s.x.Shape[1]} }
func (s *TensorSource) Sample(i int, dst []float32) int {
	d := s.x.Shape[1]
	copy(dst, s.x.Data[i*d:(i+1)*d])
	return s.y[i]
}

// newToyDataset generates the named dataset with the given noise from rng.
func newToyDataset(name string, noise float64, rng *rand.Rand) (*ToyDataset, error) {
	var p *data.Points
	var err error
	switch name {
	case "spirals":
		p, err = data.Spirals(ToyPoints, 3, noise, rng)
	case "moons":
		p, err = data.Moons(ToyPoints, noise, rng)
	case "circles":
		p, err = data.Circles(ToyPoints, 2, noise, rng)
	case "blobs":
		p, err = data.Blobs(ToyPoints, 4, 0.3+noise, rng)
	default:
		return nil, fmt.Errorf("lessons: unknown dataset %q (want spirals, moons, circles or blobs)", name)
	}
	if err != nil {
		return nil, err
	}
	x, y := data.All(p, true)
	return &ToyDataset{Name: name, Classes: p.Classes, X: x, Y: y, Src: p, ValX: x, ValY: y}, nil
}

// Row returns sample i as a (1, d) tensor (a copy).
func (d *ToyDataset) Row(i int) *engine.Tensor {
	w := d.X.Shape[1]
	t := engine.New(1, w)
	copy(t.Data, d.X.Data[i*w:(i+1)*w])
	return t
}

// Softmax returns the softmax of logits in float64 (numerically stable).
func Softmax(logits []float32) []float64 {
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

// NewRand returns the lesson's seeded generator for a purpose (stream), so
// that different uses of one seed do not share a sequence.
func NewRand(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }
