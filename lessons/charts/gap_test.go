package charts

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// wellFormed fails t unless svg is well-formed XML; it returns its text.
func wellFormed(t *testing.T, name string, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var texts []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts = append(texts, string(cd))
		}
	}
	return strings.Join(texts, " ")
}

func gapExample() GapSpec {
	x := steps(12)
	tr := curve(12, func(i float64) float64 { return 1 - 0.8*math.Exp(-i/3) })
	va := curve(12, func(i float64) float64 { return 0.85 - 0.7*math.Exp(-i/3) })
	return GapSpec{Title: "Train vs validation accuracy", XLabel: "step", YLabel: "accuracy", YMin: 0, YMax: 1,
		Panels: []GapPanel{{"plain", x, tr, va}, {"BN", x, va, va}, {"dropout", x, tr, tr}}}
}

// TestGapSVG: a grid of panels renders deterministically with every
// panel's title and the two legend entries.
func TestGapSVG(t *testing.T) {
	a, err := Gap(gapExample())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Gap(gapExample())
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same input differ")
	}
	text := wellFormed(t, "gap", a)
	for _, want := range []string{"plain", "BN", "dropout", "train", "validation"} {
		if !strings.Contains(text, want) {
			t.Errorf("gap SVG text lacks %q", want)
		}
	}
	if !strings.Contains(string(a), "<title>Train vs validation accuracy</title>") {
		t.Error("gap SVG lacks its <title>")
	}
}

// TestBinnedSVG: pre-binned sets render, with their names.
func TestBinnedSVG(t *testing.T) {
	svg, err := BinnedHistogram(BinnedSpec{Title: "Layer 1", XLabel: "input to ReLU", Sets: []Binned{
		{Name: "before", Lo: -5, Hi: 5, Counts: []int{0, 1, 5, 9, 5, 1, 0, 0}},
		{Name: "after", Lo: -5, Hi: 5, Counts: []int{0, 0, 0, 1, 2, 3, 4, 5}, Over: 10},
	}})
	if err != nil {
		t.Fatal(err)
	}
	text := wellFormed(t, "binned", svg)
	for _, want := range []string{"before", "after", "input to ReLU", "share of values"} {
		if !strings.Contains(text, want) {
			t.Errorf("binned SVG text lacks %q", want)
		}
	}
}

// TestGapBinnedRefuseBadInput: errors name the problem, nothing panics.
func TestGapBinnedRefuseBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		f          func() ([]byte, error)
	}{
		{"no panels", "no panels", func() ([]byte, error) { return Gap(GapSpec{Title: "g"}) }},
		{"gap lengths", "has 2 values but", func() ([]byte, error) {
			return Gap(GapSpec{Title: "g", Panels: []GapPanel{{"p", []float64{1, 2}, []float64{1}, []float64{1, 2}}}})
		}},
		{"gap NaN", "is NaN", func() ([]byte, error) {
			return Gap(GapSpec{Title: "g", Panels: []GapPanel{{"p", []float64{1, 2}, []float64{1, math.NaN()}, []float64{1, 2}}}})
		}},
		{"no sets", "no sets", func() ([]byte, error) { return BinnedHistogram(BinnedSpec{Title: "b"}) }},
		{"empty range", "want finite Lo < Hi", func() ([]byte, error) {
			return BinnedHistogram(BinnedSpec{Title: "b", Sets: []Binned{{Name: "s", Lo: 1, Hi: 1, Counts: []int{1}}}})
		}},
		{"no values", "has no values", func() ([]byte, error) {
			return BinnedHistogram(BinnedSpec{Title: "b", Sets: []Binned{{Name: "s", Lo: 0, Hi: 1, Counts: []int{0, 0}}}})
		}},
		{"negative", "has count -1", func() ([]byte, error) {
			return BinnedHistogram(BinnedSpec{Title: "b", Sets: []Binned{{Name: "s", Lo: 0, Hi: 1, Counts: []int{2, -1}}}})
		}},
	} {
		_, err := tc.f()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func BenchmarkGapSVG(b *testing.B) {
	s := gapExample()
	for b.Loop() {
		if _, err := Gap(s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLinesLogX: a log-x chart labels exactly the given ticks and refuses
// non-positive x.
func TestLinesLogX(t *testing.T) {
	x := []float64{2, 4, 8, 16, 32, 64}
	s := LineSpec{Title: "Accuracy against batch size", XLabel: "batch size", YLabel: "accuracy",
		Series: []Series{{"BN", x, []float64{0.5, 0.7, 0.8, 0.85, 0.86, 0.86}}}}
	svg, err := LinesLogX(s, x)
	if err != nil {
		t.Fatal(err)
	}
	text := wellFormed(t, "logx", svg)
	for _, want := range []string{"2", "16", "64", "batch size"} {
		if !strings.Contains(text, want) {
			t.Errorf("log-x SVG text lacks %q", want)
		}
	}
	s.Series[0].X = []float64{0, 4, 8, 16, 32, 64}
	if _, err := LinesLogX(s, x); err == nil || !strings.Contains(err.Error(), "want a positive value") {
		t.Errorf("x = 0: err = %v", err)
	}
}
