package bnsteps

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestBNStepsViewGolden pins the JSON the page receives for the issue's
// typed batch (testdata/bnsteps_typed_view.json, also a sample for the page).
// Regenerate with go test ./lessons/ -run Golden -update and review the diff.
func TestBNStepsViewGolden(t *testing.T) {
	_, v := bnStepsFrom(t, "#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1&features=2&batches=3&step=3")
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "bnsteps_typed_view.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("view JSON differs from %s; run with -update and review the diff", path)
	}
}
