package train

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"

	"bnlab/engine/data"
)

// Dataset is the labelled data a training lesson learns from: a training
// set that mini-batches are drawn from and a validation set evaluated in
// eval mode. Both paths fill it: in the browser the page fetches the compact
// MNIST subset (engine/data compact format) and calls DatasetFromCompact;
// natively, tests call DatasetFromMNIST on a subset loaded from the GoMNIST
// module, or SyntheticDataset for fast unit tests. Labels are classes
// 0 to Classes−1; every sample of both sets has the same shape.
type Dataset struct {
	// Name says where the data came from ("MNIST", "synthetic"), for the view.
	Name string
	// Train and Val are the training and validation sets.
	Train, Val data.Source
	// Classes is the number of labels (10 for MNIST).
	Classes int
}

// NeedsData is implemented by lessons that train on a Dataset (histograms,
// placement, and later overfitting, mistakes, train-eval). The page (or a
// test) calls SetData once the data has arrived, before or after Configure;
// SetData restarts the training from step 0 with the lesson's current
// values and seed. Until data is set, such a lesson's View says it is
// waiting (Waiting true) and its Step returns ErrNoData.
type NeedsData interface {
	SetData(ds *Dataset) error
}

// ErrNoData is returned by Step of a lesson that needs data before SetData
// has given it any.
var ErrNoData = errors.New("lessons: no training data yet (the page calls SetData once MNIST has loaded)")

// InputSize returns the number of features of one sample (784 for MNIST).
func (d *Dataset) InputSize() int {
	n := 1
	for _, s := range d.Train.SampleShape() {
		n *= s
	}
	return n
}

// Check returns an error naming what is wrong with d: nil sets, an empty
// set, training and validation samples of different shapes, or fewer than
// two classes.
func (d *Dataset) Check() error {
	switch {
	case d == nil:
		return errors.New("lessons: nil dataset")
	case d.Train == nil || d.Val == nil:
		return fmt.Errorf("lessons: dataset %q needs a training and a validation set", d.Name)
	case d.Train.Len() < 2 || d.Val.Len() < 1:
		return fmt.Errorf("lessons: dataset %q has %d training and %d validation samples (need at least 2 and 1)", d.Name, d.Train.Len(), d.Val.Len())
	case d.Classes < 2:
		return fmt.Errorf("lessons: dataset %q has %d classes (need at least 2)", d.Name, d.Classes)
	}
	ts, vs := d.Train.SampleShape(), d.Val.SampleShape()
	if fmt.Sprint(ts) != fmt.Sprint(vs) {
		return fmt.Errorf("lessons: dataset %q: training samples are %v but validation samples are %v", d.Name, ts, vs)
	}
	return nil
}

// DatasetFromMNIST returns a Dataset of the first nTrain training images
// and the first nVal test images of m (all of them when a count is 0 or
// larger than the set). The storage is shared, not copied.
func DatasetFromMNIST(m *data.MNIST, nTrain, nVal int) (*Dataset, error) {
	if m == nil || m.Train == nil || m.Test == nil {
		return nil, errors.New("lessons: DatasetFromMNIST: MNIST not loaded")
	}
	head := func(s *data.Set, n int) *data.Set {
		if n <= 0 || n > s.N {
			n = s.N
		}
		return s.Head(n)
	}
	d := &Dataset{Name: "MNIST", Train: head(m.Train, nTrain), Val: head(m.Test, nVal), Classes: 10}
	return d, d.Check()
}

// DatasetFromCompact reads what the page downloads: a training set followed
// by a test set in engine/data's compact format (data.WriteCompactMNIST),
// and returns them as a Dataset (the test set is the validation set).
func DatasetFromCompact(r io.Reader) (*Dataset, error) {
	m, err := data.ReadCompactMNIST(r)
	if err != nil {
		return nil, fmt.Errorf("lessons: reading the MNIST subset: %w", err)
	}
	return DatasetFromMNIST(m, 0, 0)
}

// SyntheticDataset returns a small, deterministic stand-in for MNIST for
// fast tests: nTrain + nVal samples of shape (1, 28, 28) in 10 classes.
// Each class has a fixed random prototype image with values like normalised
// MNIST pixels (−0.42 background, 2.8 strokes on about 20% of the pixels);
// a sample is its class's prototype plus N(0, noise²) noise per pixel.
func SyntheticDataset(nTrain, nVal int, noise float64, seed uint64) (*Dataset, error) {
	if nTrain < 2 || nVal < 1 || !(noise >= 0) {
		return nil, fmt.Errorf("lessons: SyntheticDataset(%d, %d, noise %v): need nTrain ≥ 2, nVal ≥ 1, noise ≥ 0", nTrain, nVal, noise)
	}
	const classes, side = 10, 28
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	bg, fg := data.Normalize(0), data.Normalize(255)
	protos := make([][]float32, classes)
	for c := range protos {
		protos[c] = make([]float32, side*side)
		for i := range protos[c] {
			protos[c][i] = bg
			if r.Float64() < 0.2 {
				protos[c][i] = fg
			}
		}
	}
	gen := func(n int) *synthSet {
		s := &synthSet{side: side, x: make([]float32, n*side*side), y: make([]int, n)}
		for i := 0; i < n; i++ {
			c := r.IntN(classes)
			s.y[i] = c
			for j, p := range protos[c] {
				s.x[i*side*side+j] = p + float32(r.NormFloat64()*noise)
			}
		}
		return s
	}
	train := gen(nTrain)
	val := gen(nVal)
	return &Dataset{Name: "synthetic", Train: train, Val: val, Classes: classes}, nil
}

// synthSet is SyntheticDataset's data.Source.
type synthSet struct {
	side int
	x    []float32
	y    []int
}

func (s *synthSet) Len() int           { return len(s.y) }
func (s *synthSet) SampleShape() []int { return []int{1, s.side, s.side} }
func (s *synthSet) Sample(i int, dst []float32) int {
	d := s.side * s.side
	copy(dst, s.x[i*d:(i+1)*d])
	return s.y[i]
}

// Head is the first N samples of a data.Source.
type Head struct {
	Src data.Source
	N   int
}

func (h Head) Len() int           { return h.N }
func (h Head) SampleShape() []int { return h.Src.SampleShape() }

// SyntheticDigits returns the stand-in data set used until the page gives
// MNIST (enough images per digit for a batch of 32), built once and shared
// by every cnn lesson; nil if it cannot be built.
var SyntheticDigits = sync.OnceValue(func() *Dataset {
	ds, err := SyntheticDataset(320, 600, 0.6, 1)
	if err != nil {
		return nil
	}
	return ds
})

func (h Head) Sample(i int, dst []float32) int { return h.Src.Sample(i, dst) }
