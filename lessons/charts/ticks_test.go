package charts

import (
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

// TestTickers: whole-number axes drop fractional ticks, capped axes stop
// at their maximum, percent and power-of-ten axes label as such.
func TestTickers(t *testing.T) {
	labels := func(ts []vl) string {
		var b []string
		for _, x := range ts {
			if x.l != "" {
				b = append(b, x.l)
			}
		}
		return strings.Join(b, " ")
	}
	for _, tc := range []struct {
		name, want string
		got        []vl
	}{
		{"whole 0..1", "0 1", toVL(wholeTicks{}.Ticks(0, 1))},
		{"whole 0..50", "0 25 50", toVL(wholeTicks{}.Ticks(0, 50))},
		{"capped percent 0..1.2", "0% 25% 50% 75% 100%", toVL(cappedTicks{Max: 1, Percent: true}.Ticks(0, 1.2))},
		{"pow10 −7..1", "10⁻⁷ 10⁻⁶ 10⁻⁵ 10⁻⁴ 10⁻³ 10⁻² 10⁻¹ 10⁰ 10¹", toVL(pow10Ticks{}.Ticks(-7.2, 1.1))},
		{"pow10 −14..0", "10⁻¹⁴ 10⁻¹² 10⁻¹⁰ 10⁻⁸ 10⁻⁶ 10⁻⁴ 10⁻² 10⁰", toVL(pow10Ticks{}.Ticks(-14, 0))},
	} {
		if got := labels(tc.got); got != tc.want {
			t.Errorf("%s: labels %q, want %q", tc.name, got, tc.want)
		}
		for _, x := range tc.got {
			if strings.HasPrefix(tc.name, "capped") && x.v > 1 {
				t.Errorf("%s: tick at %v above the cap", tc.name, x.v)
			}
		}
	}
}

// vl is a tick's value and label.
type vl = struct {
	v float64
	l string
}

// toVL flattens gonum ticks for comparison.
func toVL(ts []plot.Tick) []vl {
	out := make([]vl, len(ts))
	for i, t := range ts {
		out[i] = vl{t.Value, t.Label}
	}
	return out
}

// TestMinusSign: negative tick labels use the true minus sign.
func TestMinusSign(t *testing.T) {
	svg, err := Lines(LineSpec{Title: "t", XLabel: "x", YLabel: "y",
		Series: []Series{{Name: "a", X: []float64{-5, 0, 5}, Y: []float64{-2, 0, 2}}}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	if negLabel.MatchString(s) || !strings.Contains(s, ">−") {
		t.Errorf("tick labels keep a hyphen-minus or lack −:\n%s", s)
	}
}

// TestStyles: a style overrides a series' colour, so two series can share
// one; without styles the second series takes the palette's second colour.
func TestStyles(t *testing.T) {
	ser := []Series{{Name: "a", X: []float64{0, 1, 2}, Y: []float64{0, 1, 2}}, {Name: "b", X: []float64{0, 1, 2}, Y: []float64{2, 1, 0}}}
	orange := "stroke:#E69F00"
	plain, err := Lines(LineSpec{Title: "t", Series: ser})
	if err != nil {
		t.Fatal(err)
	}
	styled, err := Lines(LineSpec{Title: "t", Series: ser, Styles: []Style{{Color: 3, Dash: 1}, {Color: 3, Dash: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(plain), orange) {
		t.Fatalf("default colours: no %s for the second series", orange)
	}
	if strings.Contains(string(styled), orange) || !strings.Contains(string(styled), "stroke:#009E73") {
		t.Errorf("styled chart still uses %s or lacks the green of Color 3", orange)
	}
}
