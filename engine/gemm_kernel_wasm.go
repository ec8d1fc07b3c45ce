//go:build wasm

package engine

// The WebAssembly micro-kernel tile is 4×3: V8 keeps the twelve sums in
// machine registers, and the per-row index checks split the loop body into
// short blocks so Go's scheduler does not pile up products. Measured by
// BenchmarkGemm under node.
const (
	gemmMR = 4
	gemmNR = 3
)

// gemmKernel computes the 4×3 tile Σₚ a[p]·b[p]ᵀ of two packed panels
// (a[4p+r], b[3p+c]) into tile (row-major).
func gemmKernel(a, b []float32, tile *[gemmMR * gemmNR]float32) {
	var c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32 float32
	n := min(len(a)/4, len(b)/3)
	for i := 0; i < n; i++ {
		bb := b[3*i : 3*i+3 : 3*i+3]
		a0 := a[4*i]
		c00 += a0 * bb[0]
		c01 += a0 * bb[1]
		c02 += a0 * bb[2]
		a1 := a[4*i+1]
		c10 += a1 * bb[0]
		c11 += a1 * bb[1]
		c12 += a1 * bb[2]
		a2 := a[4*i+2]
		c20 += a2 * bb[0]
		c21 += a2 * bb[1]
		c22 += a2 * bb[2]
		a3 := a[4*i+3]
		c30 += a3 * bb[0]
		c31 += a3 * bb[1]
		c32 += a3 * bb[2]
	}
	tile[0], tile[1], tile[2] = c00, c01, c02
	tile[3], tile[4], tile[5] = c10, c11, c12
	tile[6], tile[7], tile[8] = c20, c21, c22
	tile[9], tile[10], tile[11] = c30, c31, c32
}
