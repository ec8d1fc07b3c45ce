package numfmt

import (
	"math"
	"strconv"
	"strings"
)

var superscripts = strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴",
	"5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹")

// Minus replaces ASCII hyphens by the typographic minus sign.
func Minus(s string) string { return strings.ReplaceAll(s, "-", "−") }

// special formats NaN, the infinities and zero; ok is false for any other
// value.
func special(f float64) (s string, ok bool) {
	switch {
	case math.IsNaN(f):
		return "NaN", true
	case math.IsInf(f, 1):
		return "∞", true
	case math.IsInf(f, -1):
		return "−∞", true
	case f == 0:
		return "0", true
	}
	return "", false
}

// Num formats f with four significant digits, and values below 10⁻³ or
// from 10⁶ up (or too long for four digits) in scientific notation with
// three: 0.3614, −1.683, 1.23×10⁻⁵, 10⁶.
func Num(f float64) string { return Sig(f, 4) }

// Sig is Num with digits significant digits (at least 1) outside the
// scientific range; inside it the mantissa keeps min(digits, 3).
func Sig(f float64, digits int) string {
	if s, ok := special(f); ok {
		return s
	}
	digits = max(digits, 1)
	a := math.Abs(f)
	if a >= 1e-3 && a < 1e6 {
		// %g switches to an exponent when the digits do not reach the
		// decimal point (12345 at four digits): use the notation below.
		if s := strconv.FormatFloat(f, 'g', digits, 64); !strings.ContainsRune(s, 'e') {
			return Minus(s)
		}
	}
	e := int(math.Floor(math.Log10(a)))
	m := f / math.Pow(10, float64(e))
	ms := strconv.FormatFloat(m, 'g', min(digits, 3), 64)
	if ms == "10" || ms == "-10" { // rounding carried into the next power
		ms, e = ms[:len(ms)-1], e+1
	}
	pow := "10" + superscripts.Replace(strconv.Itoa(e))
	switch ms {
	case "1":
		return pow
	case "-1":
		return "−" + pow
	}
	return Minus(ms) + "×" + pow
}

// Plain formats f with four significant digits in Go's %g style (so
// 7.224e-05 stays compact in a table cell) but whole numbers from 10⁴ up
// to 10¹⁵ in full (12345, not 1.234e+04).
func Plain(f float64) string {
	if s, ok := special(f); ok {
		return s
	}
	s := strconv.FormatFloat(f, 'g', 4, 64)
	if a := math.Abs(f); a >= 1e4 && a < 1e15 {
		s = strconv.FormatFloat(math.Round(f), 'f', 0, 64)
	}
	return Minus(s)
}

// Pct formats a share in [0, 1] as a percentage with one decimal: 0.125
// gives 12.5%.
func Pct(f float64) string {
	if math.IsNaN(f) {
		return "NaN"
	}
	return Minus(strconv.FormatFloat(100*f, 'f', 1, 64)) + "%"
}

// Paren is Num, wrapped in parentheses when f is negative, for a number
// that stands inside a formula: 2 · (−1.5).
func Paren(f float64) string {
	if f < 0 {
		return "(" + Num(f) + ")"
	}
	return Num(f)
}
