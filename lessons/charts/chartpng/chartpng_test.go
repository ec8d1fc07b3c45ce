package chartpng

import (
	"bytes"
	"image/png"
	"testing"

	"bnlab/lessons/charts"
)

// TestEncode: a recorded chart becomes a PNG at least the asked width, and
// a drawing that was not recorded is an error.
func TestEncode(t *testing.T) {
	ds, err := charts.Record(func() error {
		_, err := charts.Lines(charts.LineSpec{Title: "loss", XLabel: "step", YLabel: "loss",
			Series: []charts.Series{{Name: "a", X: []float64{0, 1}, Y: []float64{1, 0.5}}}})
		return err
	})
	if err != nil || len(ds) != 1 {
		t.Fatalf("%d drawings, %v", len(ds), err)
	}
	for _, w := range []int{100, 1500, 2400} {
		b, err := Encode(ds[0], w)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Dx(); got < w || got > w+w/10+600 {
			t.Errorf("min width %d: %d px", w, got)
		}
	}
	if _, err := Encode(charts.Drawing{Title: "x"}, 100); err == nil {
		t.Error("a drawing that was not recorded: no error")
	}
}
