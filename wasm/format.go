//go:build js && wasm

package main

import (
	"math"

	"bnlab/lessons/numfmt"
)

// num formats a value for reading, as the page's tables do (numfmt.Num):
// four significant digits, a true minus sign, powers of ten written as
// 10⁻⁵ for very small or large values.
func num(f float64) string { return numfmt.Num(f) }

// minus replaces ASCII hyphens by the typographic minus sign.
func minus(s string) string { return numfmt.Minus(s) }

// numNear0 is num, but shows values within rounding error of 0 as 0:
// means of normalised columns are 0 up to float32 rounding.
func numNear0(f, scale float64) string {
	if math.Abs(f) < 1e-5*math.Max(1, math.Abs(scale)) {
		return "0"
	}
	return num(f)
}
