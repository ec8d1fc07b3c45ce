//go:build !wasm

package engine

// The native micro-kernel tile is 3×2: six sums, six products and the
// loaded operands fit in the 15 float registers Go uses on amd64 (Go's
// scheduler issues every product of a block before the first sum, so a
// 4×4 tile spills). The loop is unrolled twice over k and walks the panels
// by reslicing, which leaves the fewest integer instructions per product.
// Measured by BenchmarkGemm.
const (
	gemmMR = 3
	gemmNR = 2
)

// gemmKernel computes the 3×2 tile Σₚ a[p]·b[p]ᵀ of two packed panels
// (a[3p+r], b[2p+c]) into tile (row-major).
func gemmKernel(a, b []float32, tile *[gemmMR * gemmNR]float32) {
	var c00, c01, c10, c11, c20, c21 float32
	for len(a) >= 6 && len(b) >= 4 {
		b0, b1 := b[0], b[1]
		a0, a1, a2 := a[0], a[1], a[2]
		c00 += a0 * b0
		c01 += a0 * b1
		c10 += a1 * b0
		c11 += a1 * b1
		c20 += a2 * b0
		c21 += a2 * b1
		b0, b1 = b[2], b[3]
		a0, a1, a2 = a[3], a[4], a[5]
		c00 += a0 * b0
		c01 += a0 * b1
		c10 += a1 * b0
		c11 += a1 * b1
		c20 += a2 * b0
		c21 += a2 * b1
		a, b = a[6:], b[4:]
	}
	if len(a) >= 3 && len(b) >= 2 {
		b0, b1 := b[0], b[1]
		a0, a1, a2 := a[0], a[1], a[2]
		c00 += a0 * b0
		c01 += a0 * b1
		c10 += a1 * b0
		c11 += a1 * b1
		c20 += a2 * b0
		c21 += a2 * b1
	}
	tile[0], tile[1] = c00, c01
	tile[2], tile[3] = c10, c11
	tile[4], tile[5] = c20, c21
}
