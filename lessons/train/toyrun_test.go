package train

import (
	"testing"

	"bnlab/engine"
)

// TestToyRunTrains: Train runs its steps in train mode, calls each after
// every one, measures the accuracy once the count passes EvalEvery, and
// learns the moons (the loss falls, the accuracy rises above chance).
func TestToyRunTrains(t *testing.T) {
	ds, err := LoadDataset("moons", 0.1, NewRand(1, 1), nil)
	if err != nil {
		t.Fatal(err)
	}
	rng := NewRand(1, 2)
	l1, err := engine.NewLinear(ds.X.Shape[1], 16, true, rng)
	if err != nil {
		t.Fatal(err)
	}
	l2, err := engine.NewLinear(16, ds.Classes, true, rng)
	if err != nil {
		t.Fatal(err)
	}
	m, err := engine.NewSequential(l1, engine.NewReLU(), l2)
	if err != nil {
		t.Fatal(err)
	}
	run, err := NewToyRun(ds, m, 0.1, 16, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := &run
	calls := 0
	before, err := r.Train(1, func() { calls++ })
	if err != nil || before != 0 || calls != 1 || r.Acc != 0 {
		t.Fatalf("one step: before %d, %d calls, acc %v, err %v", before, calls, r.Acc, err)
	}
	first := r.Loss
	if before, err = r.Train(EvalEvery+200, nil); err != nil || before != 1 {
		t.Fatalf("before %d, err %v", before, err)
	}
	if !(r.Loss < first) || r.Acc <= 0.6 {
		t.Errorf("loss %v → %v, accuracy %v: the network did not learn", first, r.Loss, r.Acc)
	}
}
