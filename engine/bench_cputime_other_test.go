//go:build !linux

package engine

// processCPUSeconds is unavailable here (wasm, other systems): -1.
func processCPUSeconds() float64 { return -1 }
