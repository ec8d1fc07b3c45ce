package data

import (
	"fmt"
	"math/rand/v2"

	"bnlab/engine"
)

// Source is a labelled dataset that Batches draws from. Set (MNIST) and
// Points (the 2-D datasets) implement it.
type Source interface {
	// Len is the number of samples.
	Len() int
	// SampleShape is the shape of one sample, e.g. (1, 28, 28) or (2,).
	SampleShape() []int
	// Sample writes sample i's features into dst (of the shape's size) and
	// returns its class label.
	Sample(i int, dst []float32) int
}

// Batches deals seeded, shuffled mini-batches from a Source, epoch by
// epoch, like a PyTorch DataLoader with shuffle=True: each epoch is a fresh
// permutation drawn from the *rand.Rand, so the same seed gives the same
// batches. The last, short batch of an epoch is dealt unless DropLast is
// set (PyTorch's drop_last), which keeps every batch at Size (BatchNorm in
// training mode needs more than one sample).
type Batches struct {
	// Size is the number of samples per batch.
	Size int
	// DropLast skips an epoch's final batch when it is shorter than Size.
	DropLast bool
	// Flat makes Next return (n, features) instead of (n, SampleShape...).
	Flat bool

	src   Source
	rng   *rand.Rand
	perm  []int
	pos   int
	epoch int
}

// NewBatches returns a batch iterator over src. It fails when size is not
// in [1, src.Len()] or rng is nil.
func NewBatches(src Source, size int, rng *rand.Rand) (*Batches, error) {
	if src == nil || src.Len() == 0 {
		return nil, fmt.Errorf("data: batches need a non-empty dataset")
	}
	if size < 1 || size > src.Len() {
		return nil, fmt.Errorf("data: batch size %d out of range [1, %d] for a dataset of %d samples", size, src.Len(), src.Len())
	}
	if rng == nil {
		return nil, fmt.Errorf("data: batches need a *rand.Rand (nil given)")
	}
	return &Batches{Size: size, src: src, rng: rng}, nil
}

// Epoch returns the number of epochs started so far (1 during the first).
func (b *Batches) Epoch() int { return b.epoch }

// Next returns the next mini-batch and its labels, starting a new,
// reshuffled epoch when the current one is used up.
func (b *Batches) Next() (*engine.Tensor, []int) {
	n := b.src.Len()
	if b.perm == nil || b.pos >= n || (b.DropLast && n-b.pos < b.Size) {
		if b.perm == nil {
			b.perm = make([]int, n)
		}
		for i := range b.perm {
			b.perm[i] = i
		}
		b.rng.Shuffle(n, func(i, j int) { b.perm[i], b.perm[j] = b.perm[j], b.perm[i] })
		b.pos = 0
		b.epoch++
	}
	idx := b.perm[b.pos:min(b.pos+b.Size, n)]
	b.pos += len(idx)
	return gather(b.src, idx, b.Flat)
}

// Gather returns samples idx of src as one tensor, (len(idx), SampleShape...)
// or (len(idx), features) when flat, with their labels. It fails on an
// index out of range.
func Gather(src Source, idx []int, flat bool) (*engine.Tensor, []int, error) {
	for _, i := range idx {
		if i < 0 || i >= src.Len() {
			return nil, nil, fmt.Errorf("data: sample index %d out of range [0, %d)", i, src.Len())
		}
	}
	x, y := gather(src, idx, flat)
	return x, y, nil
}

func gather(src Source, idx []int, flat bool) (*engine.Tensor, []int) {
	shape := src.SampleShape()
	d := 1
	for _, s := range shape {
		d *= s
	}
	x := engine.New(len(idx), d)
	y := make([]int, len(idx))
	for k, i := range idx {
		y[k] = src.Sample(i, x.Data[k*d:(k+1)*d])
	}
	if !flat {
		x.Shape = append([]int{len(idx)}, shape...)
	}
	return x, y
}

// All returns every sample of src in order, as Gather does.
func All(src Source, flat bool) (*engine.Tensor, []int) {
	idx := make([]int, src.Len())
	for i := range idx {
		idx[i] = i
	}
	return gather(src, idx, flat)
}
