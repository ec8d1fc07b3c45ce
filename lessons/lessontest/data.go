package lessontest

import (
	"sync"
	"testing"

	"bnlab/engine/data"
	"bnlab/lessons/train"
)

// mnistOnce loads MNIST from the GoMNIST module once per test binary.
var mnistOnce = sync.OnceValues(data.LoadModuleMNIST)

// LoadMNIST loads MNIST from the GoMNIST module, once per test binary; it
// fails where the go command cannot find the module.
func LoadMNIST() (*data.MNIST, error) { return mnistOnce() }

// MNIST returns the first nTrain training and nVal test images of MNIST,
// or skips the test with the reason when the module cannot be loaded.
func MNIST(t testing.TB, nTrain, nVal int) *train.Dataset {
	t.Helper()
	m, err := mnistOnce()
	if err != nil {
		t.Skipf("MNIST unavailable, skipping (run inside the bnlab module with the go command on PATH): %v", err)
	}
	ds, err := train.DatasetFromMNIST(m, nTrain, nVal)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// Synthetic returns a small synthetic data set (600 training and 100
// validation points).
func Synthetic(t testing.TB) *train.Dataset {
	t.Helper()
	ds, err := train.SyntheticDataset(600, 100, 0.5, 3)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
