//go:build js && wasm

package main

import (
	"slices"

	"bnlab/lessons/numfmt"
)

// num formats a value for reading, as the page's tables do (numfmt.Num):
// four significant digits, a true minus sign, powers of ten written as
// 10⁻⁵ for very small or large values.
func num(f float64) string { return numfmt.Num(f) }

// minus replaces ASCII hyphens by the typographic minus sign.
func minus(s string) string { return numfmt.Minus(s) }

// minOf is the smallest of xs, 0 for none.
func minOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return slices.Min(xs)
}

// maxOf is the largest of xs, 0 for none.
func maxOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return slices.Max(xs)
}
