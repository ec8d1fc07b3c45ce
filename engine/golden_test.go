package engine

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// goldenRunners maps a case's op to the code that replays it. An op missing
// here fails its case: new reference cases must never be skipped silently.
var goldenRunners = map[string]func(*testing.T, *goldenCase, *goldenStats){
	"batchnorm":        runGoldenLayerCase,
	"layernorm":        runGoldenLayerCase,
	"groupnorm":        runGoldenLayerCase,
	"dropout":          runGoldenLayerCase,
	"syllabus_convnet": runGoldenConvNet,
}

// TestGolden replays every PyTorch reference case in testdata/golden/ (format
// in its README) and compares the engine with PyTorch within each case's
// tolerance. Each file is a subtest; the log reports the largest absolute
// error and the largest error/allowed ratio per case.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata/golden")
	}
	sort.Strings(files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var c goldenCase
			if err := strictUnmarshal(data, &c); err != nil {
				t.Fatalf("%s: cannot decode (unknown or malformed field?): %v", f, err)
			}
			if c.Format != "bnlab-golden/1" {
				t.Fatalf("%s: unknown format %q", f, c.Format)
			}
			if len(c.Steps) == 0 {
				t.Fatalf("%s: no steps", f)
			}
			run, ok := goldenRunners[c.Op]
			if !ok {
				t.Fatalf("%s: unknown op %q", f, c.Op)
			}
			var st goldenStats
			run(t, &c, &st)
			if st.checked == 0 {
				t.Errorf("%s: no value was compared", f)
			}
			if st.worst == "" {
				st.worst = "-"
			}
			t.Logf("%s: %d values compared; max |err| %.3g (values), %.3g (summary sums); max err/allowed %.3g in %s (atol %.3g, rtol %.3g)",
				c.Name, st.checked, st.maxErr, st.maxSumErr, st.maxRatio, st.worst, c.Tol.Atol, c.Tol.Rtol)
		})
	}
}
