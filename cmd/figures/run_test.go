package main

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// regen is cmpimg's own -regen flag, which rewrites golden images.
func regen() bool {
	f := flag.Lookup("regen")
	return f != nil && f.Value.String() == "true"
}

// TestBadOptions: a bad -out, lesson list, step count or width is a clear
// error, and nothing is written.
func TestBadOptions(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		o    options
		want string
	}{
		{"out is a file", options{Out: file, Steps: 1, Width: 1600}, "is a file, not a folder"},
		{"out under a file", options{Out: filepath.Join(file, "sub"), Steps: 1, Width: 1600}, "cannot make the folder"},
		{"empty out", options{Out: "", Steps: 1, Width: 1600}, "-out is empty"},
		{"unknown lesson", options{Out: dir, Lessons: "bn-steps,nope", Steps: 1, Width: 1600}, `no lesson "nope"`},
		{"negative steps", options{Out: dir, Steps: -1, Width: 1600}, "-steps -1"},
		{"tiny width", options{Out: dir, Steps: 1, Width: 10}, "-width 10"},
	} {
		var log bytes.Buffer
		n, err := run(c.o, &log)
		if err == nil || !strings.Contains(err.Error(), c.want) || n != 0 {
			t.Errorf("%s: %d written, error %v, want one with %q", c.name, n, err, c.want)
		}
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("the folder holds %d entries after the bad runs, want only the file", len(es))
	}
}

// TestFigures: bn-steps' default and its guided tasks each give every
// chart as a PNG at least -width wide on white, an SVG with the chart's
// numbers, and the CSV of those numbers, named after the state.
func TestFigures(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	n, err := run(options{Out: dir, Lessons: "bn-steps", Steps: 5, Width: 1500}, &log)
	if err != nil {
		t.Fatal(err)
	}
	es, err := filepath.Glob(filepath.Join(dir, "bn-steps", "*.png"))
	if err != nil || n < 3 || len(es) != n {
		t.Fatalf("%d charts reported, %d PNGs written (%v)", n, len(es), err)
	}
	names := strings.Join(es, " ")
	for _, want := range []string{"default_", "task1_x-5-5-5-5-step-3_", "task2_x-3-5-7-9-eps-1-step-3_"} {
		if !strings.Contains(names, want) {
			t.Errorf("no file named %s…: %s", want, names)
		}
	}
	for _, p := range es {
		b, _ := os.ReadFile(p)
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if w := img.Bounds().Dx(); w < 1500 {
			t.Errorf("%s: %d px wide, want at least 1500", p, w)
		}
		if r, g, b, _ := img.At(0, 0).RGBA(); r>>8 < 250 || g>>8 < 250 || b>>8 < 250 {
			t.Errorf("%s: corner is not white", p)
		}
		base := strings.TrimSuffix(p, ".png")
		svg, err1 := os.ReadFile(base + ".svg")
		csv, err2 := os.ReadFile(base + ".csv")
		if err1 != nil || err2 != nil || !strings.Contains(string(svg), `class="chart-data"`) || len(csv) == 0 {
			t.Errorf("%s: SVG (%v) or CSV (%v) missing or without the chart's numbers", base, err1, err2)
		}
	}
	if !strings.Contains(log.String(), "[1/3] bn-steps, default") {
		t.Errorf("progress: %s", log.String())
	}
}

// TestFiguresTrain: a lesson that trains loads MNIST, shows its progress
// and draws after the steps asked for.
func TestFiguresTrain(t *testing.T) {
	if testing.Short() {
		t.Skip("loads MNIST")
	}
	dir := t.TempDir()
	var log bytes.Buffer
	if _, err := run(options{Out: dir, Lessons: "histograms", Steps: 4, Width: 800}, &log); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"loading MNIST", "step 4/4", "[4/4] histograms, task3_bnnet-noisy"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("progress lacks %q:\n%s", want, log.String())
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, "histograms", "default_training-loss-mini-batch-cross-entropy.csv"))
	if err != nil || strings.Count(string(csv), "\n") != 1+2*5 { // header, 2 networks × steps 0..4
		t.Errorf("loss CSV after 4 steps: %v\n%s", err, csv)
	}
}

// TestGoldenFigure compares bn-steps' default running-statistics chart
// with the PNG in testdata/, approximately (as gonum/plot's own tests do);
// go test ./cmd/figures -run TestGoldenFigure -regen rewrites it.
func TestGoldenFigure(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(options{Out: dir, Lessons: "bn-steps", Steps: 0, Width: 1500}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	const name = "default_running-statistics-of-feature-1.png"
	got, err := os.ReadFile(filepath.Join(dir, "bn-steps", name))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "bn-steps_"+name)
	if regen() {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -regen to make it)", err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, 0.01)
	if err != nil || !ok {
		os.WriteFile(filepath.Join(os.TempDir(), "figures_got_"+name), got, 0o644)
		t.Errorf("%s differs from %s (written to %s; -regen if the change is meant): %v", name, golden, os.TempDir(), err)
	}
}
