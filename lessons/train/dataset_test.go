package train

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"bnlab/engine/data"
)

// mnistOnce loads MNIST from the GoMNIST module once per test binary.
var mnistOnce = sync.OnceValues(data.LoadModuleMNIST)

// TestDatasetFromCompact: the page's path (compact bytes) gives the same
// samples as the native one.
func TestDatasetFromCompact(t *testing.T) {
	m, err := mnistOnce()
	if err != nil {
		t.Skipf("MNIST unavailable, skipping: %v", err)
	}
	var buf bytes.Buffer
	if err := data.WriteCompactMNIST(&buf, m, 100, 20); err != nil {
		t.Fatal(err)
	}
	ds, err := DatasetFromCompact(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Train.Len() != 100 || ds.Val.Len() != 20 || ds.InputSize() != 784 || ds.Classes != 10 {
		t.Fatalf("got %d/%d samples of %d features, %d classes", ds.Train.Len(), ds.Val.Len(), ds.InputSize(), ds.Classes)
	}
	a, b := make([]float32, 784), make([]float32, 784)
	for _, i := range []int{0, 57, 99} {
		la, lb := ds.Train.Sample(i, a), m.Train.Sample(i, b)
		if la != lb || !equal32(a, b) {
			t.Errorf("sample %d differs from the IDX files (labels %d, %d)", i, la, lb)
		}
	}
}

func equal32(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDatasetBadInput: bad data gives errors that say what is wrong.
func TestDatasetBadInput(t *testing.T) {
	syn := testSynthetic(t)
	cases := []struct {
		name string
		run  func() error
		want string
	}{
		{"truncated compact", func() error { _, err := DatasetFromCompact(strings.NewReader("BNMC\x01")); return err }, "truncated"},
		{"nil MNIST", func() error { _, err := DatasetFromMNIST(nil, 1, 1); return err }, "not loaded"},
		{"no validation", func() error { return (&Dataset{Name: "x", Train: syn.Train, Classes: 10}).Check() }, "validation"},
		{"one class", func() error { return (&Dataset{Name: "x", Train: syn.Train, Val: syn.Val, Classes: 1}).Check() }, "classes"},
		{"bad synthetic", func() error { _, err := SyntheticDataset(1, 1, 0.1, 1); return err }, "nTrain"},
	}
	for _, c := range cases {
		err := c.run()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

// testSynthetic returns a small synthetic dataset.
func testSynthetic(t testing.TB) *Dataset {
	t.Helper()
	ds, err := SyntheticDataset(600, 100, 0.5, 3)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
