//go:build js && wasm

package main

import "math"

// easeFactor is the share of the way a shown value moves towards its target
// in a tick of dt seconds (a time constant of 1/8 s, whatever the frame
// rate).
func easeFactor(dt float64) float64 { return 1 - math.Exp(-dt*8) }

// easeRow moves row towards to by the share k and returns it; a row of
// another length (a new histogram) starts at to, without easing.
func easeRow[T ~int | ~int16 | ~int32 | ~float32 | ~float64](row []float64, to []T, k float64) []float64 {
	if len(row) != len(to) {
		row = make([]float64, len(to))
		k = 1
	}
	for i, v := range to {
		row[i] += (float64(v) - row[i]) * k
	}
	return row
}
