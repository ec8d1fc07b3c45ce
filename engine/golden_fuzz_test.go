package engine

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzGoldenCase: the golden-case reader (decoding, the initial state, the
// inputs and the layer built from the attributes) returns an error for a
// malformed case and never panics or allocates without bound. Seeds: the
// smallest cases in testdata/golden.
func FuzzGoldenCase(f *testing.F) {
	for _, name := range []string{"bn1d_batch_of_one.json", "layernorm_last_dim.json", "bn1d_small_batch.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"format":"bnlab-golden/1","op":"batchnorm","steps":[{"mode":"train","x":{"shape":[-1,4],"data":[]}}]}`))
	f.Add([]byte(`{"format":"bnlab-golden/1","op":"dropout","steps":[{"x":{"shape":[100000,100000],"init":{"fn":"sin"}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c goldenCase
		if err := strictUnmarshal(data, &c); err != nil {
			return
		}
		_, _ = c.stateMap()
		if c.Attrs != nil {
			_, _ = buildGoldenLayer(c.Op, c.Attrs)
		}
		for _, s := range c.Steps {
			for _, g := range []*goldenTensor{s.X, s.GradY, s.Mask} {
				if g != nil {
					_, _ = g.tensor()
				}
			}
		}
	})
}
