package palette

import (
	"strings"
	"testing"
)

// TestCSS: every colour becomes one custom property with its hex value.
func TestCSS(t *testing.T) {
	css := CSS("  ")
	if got := strings.Count(css, ";"); got != len(CSSColors) {
		t.Errorf("%d declarations for %d colours", got, len(CSSColors))
	}
	for _, want := range []string{"--paper: #fbfaf7;", "\n  --accent: #0072b2;", "--accent-2: #d55e00;"} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q:\n%s", want, css)
		}
	}
	seen := map[string]bool{}
	for _, n := range CSSColors {
		if seen[n.Property] {
			t.Errorf("%s twice", n.Property)
		}
		seen[n.Property] = true
	}
}

// TestSeriesIsOkabeIto: the series colours are the eight of Okabe & Ito,
// each once.
func TestSeriesIsOkabeIto(t *testing.T) {
	want := []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"}
	if len(Series) != len(want) {
		t.Fatalf("%d series colours", len(Series))
	}
	for i, c := range Series {
		if Hex(c) != want[i] {
			t.Errorf("series %d is %s, want %s", i, Hex(c), want[i])
		}
	}
}
