package charts

import (
	"strings"
	"testing"
)

// TestLinesPow2X: ticks at the powers of two that the data spans; a
// non-positive x is refused.
func TestLinesPow2X(t *testing.T) {
	svg, err := LinesPow2X(LineSpec{Title: "spread", XLabel: "batch size m", YLabel: "std",
		Series: []Series{{Name: "measured", X: []float64{1, 2, 4, 8, 16, 32, 64}, Y: []float64{1, 0.7, 0.5, 0.35, 0.25, 0.18, 0.125}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">1<", ">8<", ">64<", "<title>spread</title>"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	for _, x := range [][]float64{{0, 1}, {-2, 4}} {
		if _, err := LinesPow2X(LineSpec{Title: "bad", Series: []Series{{Name: "s", X: x, Y: []float64{1, 2}}}}); err == nil {
			t.Errorf("x = %v accepted", x)
		}
	}
}
