//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"strings"
)

var superscripts = strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹")

// num formats a value for reading: four significant digits, a true minus
// sign, and powers of ten written as 10⁻⁵ for very small or large values.
func num(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "−∞"
	case f == 0:
		return "0"
	}
	a := math.Abs(f)
	if a < 1e-3 || a >= 1e6 {
		e := int(math.Floor(math.Log10(a)))
		m := f / math.Pow(10, float64(e))
		ms := strconv.FormatFloat(m, 'g', 3, 64)
		pow := "10" + superscripts.Replace(strconv.Itoa(e))
		if ms == "1" {
			return pow
		}
		if ms == "-1" {
			return "−" + pow
		}
		return minus(ms) + "×" + pow
	}
	return minus(strconv.FormatFloat(f, 'g', 4, 64))
}

// minus replaces ASCII hyphens by the typographic minus sign.
func minus(s string) string { return strings.ReplaceAll(s, "-", "−") }

// numNear0 is num, but shows values within rounding error of 0 as 0:
// means of normalised columns are 0 up to float32 rounding.
func numNear0(f, scale float64) string {
	if math.Abs(f) < 1e-5*math.Max(1, math.Abs(scale)) {
		return "0"
	}
	return num(f)
}
