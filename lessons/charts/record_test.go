package charts

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

// TestRecord: a chart drawn inside Record is collected with the SVG the
// caller got and the CSV its metadata carries; one drawn outside is not,
// and f's error comes back with what was drawn before it.
func TestRecord(t *testing.T) {
	spec := LineSpec{Title: "Training loss", XLabel: "step", YLabel: "loss",
		Series: []Series{{Name: "plain", X: []float64{0, 1, 2}, Y: []float64{2.3, 1.1, 0.6}}}}
	if _, err := Lines(spec); err != nil { // not recorded
		t.Fatal(err)
	}
	var svgs [][]byte
	boom := errors.New("boom")
	got, err := Record(func() error {
		for _, title := range []string{"first", "second"} {
			spec.Title = title
			svg, err := Lines(spec)
			if err != nil {
				return err
			}
			svgs = append(svgs, svg)
		}
		return boom
	})
	if !errors.Is(err, boom) || len(got) != 2 {
		t.Fatalf("Record: %d drawings, error %v", len(got), err)
	}
	for i, d := range got {
		if d.Title != []string{"first", "second"}[i] || string(d.SVG) != string(svgs[i]) || d.Size() != DefaultSize {
			t.Errorf("drawing %d: %q, SVG equal %v, size %v", i, d.Title, string(d.SVG) == string(svgs[i]), d.Size())
		}
		if !strings.HasPrefix(d.CSV, "series,step,loss\n") || !strings.Contains(string(d.SVG), xmlEscape(d.CSV)) {
			t.Errorf("drawing %d: CSV %q is not the SVG's chart data", i, d.CSV)
		}
	}
	if again, _ := Record(func() error { return nil }); len(again) != 0 {
		t.Errorf("a new Record starts with %d drawings", len(again))
	}
	if err := (Drawing{Title: "x"}).Paint(draw.Canvas{}); err == nil {
		t.Error("painting a drawing that was not recorded: no error")
	}
}
