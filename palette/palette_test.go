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

// TestHeat: the scale runs from Blue through near-white to Vermillion,
// levels clamp and round, and the CSS has one rule per level, white text
// on the dark ends only.
func TestHeat(t *testing.T) {
	if Heat(-HeatLevels) != Blue || Heat(HeatLevels) != Vermillion || Heat(0) != heatZero {
		t.Errorf("ends and middle: %v %v %v", Heat(-HeatLevels), Heat(0), Heat(HeatLevels))
	}
	for _, c := range []struct {
		x, scale float64
		want     int
	}{{0, 1, 0}, {1, 1, HeatLevels}, {-3, 1, -HeatLevels}, {0.5, 1, HeatLevels / 2}, {-0.25, 2, -1}, {1, 0, HeatLevels}} {
		if got := HeatLevel(c.x, c.scale); got != c.want {
			t.Errorf("HeatLevel(%v, %v) = %d, want %d", c.x, c.scale, got, c.want)
		}
	}
	css := HeatCSS(".m")
	if n := strings.Count(css, "\n") + 1; n != 2*HeatLevels+1 {
		t.Errorf("%d rules, want %d", n, 2*HeatLevels+1)
	}
	for _, want := range []string{".m .heat-n8 { background: #0072b2; color: #fff; }", ".m .heat-0 { background: #f7f7f7; }", ".m .heat-p4 { background: "} {
		if !strings.Contains(css, want) {
			t.Errorf("HeatCSS lacks %q:\n%s", want, css)
		}
	}
	if strings.Contains(css, "heat-p4 { background: #"+Hex(Heat(4))[1:]+"; color") {
		t.Error("level 4 gets white text")
	}
}
