package numfmt

import (
	"fmt"
	"math"
	"testing"
)

func TestNum(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "∞"},
		{math.Inf(-1), "−∞"},
		{6, "6"},
		{-1.6832815, "−1.683"},
		{0.36140, "0.3614"},
		{0.001, "0.001"},
		{1.234e-5, "1.23×10⁻⁵"},
		{-1e-5, "−10⁻⁵"},
		{9.9999e-6, "10⁻⁵"}, // the mantissa rounds up to 10: carried into the power
		{-9.9999e-6, "−10⁻⁵"},
		{999999, "10⁶"},
		{12345, "1.23×10⁴"},
		{1234, "1234"},
		{1e6, "10⁶"},
		{2.5e7, "2.5×10⁷"},
	}
	for _, c := range cases {
		if got := Num(c.in); got != c.want {
			t.Errorf("Num(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSig(t *testing.T) {
	cases := []struct {
		in     float64
		digits int
		want   string
	}{
		{0.999995, 6, "0.999995"},
		{0.999995, 4, "1"},
		{-0.123456, 3, "−0.123"},
		{1.23456e-7, 6, "1.23×10⁻⁷"},
		{5, 0, "5"},
	}
	for _, c := range cases {
		if got := Sig(c.in, c.digits); got != c.want {
			t.Errorf("Sig(%v, %d) = %q, want %q", c.in, c.digits, got, c.want)
		}
	}
}

func TestPlainAndPct(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{Plain(7.2241e-5), "7.224e−05"},
		{Plain(-0.5), "−0.5"},
		{Plain(12345.6), "12346"},
		{Plain(math.Inf(1)), "∞"},
		{Plain(0), "0"},
		{Pct(0.125), "12.5%"},
		{Pct(1), "100.0%"},
		{Pct(math.NaN()), "NaN"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func ExampleNum() {
	for _, f := range []float64{-1.6832815, 1.234e-5, 2.5e7, math.Inf(-1)} {
		fmt.Println(Num(f))
	}
	// Output:
	// −1.683
	// 1.23×10⁻⁵
	// 2.5×10⁷
	// −∞
}
