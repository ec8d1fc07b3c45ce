package engine

// The micro-kernel tile is 3×2: six sums, six products and the loaded
// operands fit in the 15 float registers Go uses on amd64 (Go's scheduler
// issues every product of a block before the first sum, so a 4×4 tile
// spills). The loop is unrolled twice over k and walks the panels by
// reslicing, which leaves the fewest integer instructions per product.
// Among 4×4, 4×3, 3×4, 4×2 and 3×2 tiles (rolled, unrolled, split) this
// was the fastest natively (about 8.7 GFLOP/s on one core here) and under
// wasm in node (about 5.9 GFLOP/s), by CPU time on the shared machine.
const (
	gemmMR = 3
	gemmNR = 2
)

// gemmPanel multiplies one packed panel a of gemmMR rows (a[3p+r], length
// 3·kc) by every packed panel of pb (panels of gemmNR columns, pb[jr·kc +
// 2p+c]) covering nc columns, into the rows of c starting at c[0] with
// leading dimension ldc; only the first mr rows are written. The tiles'
// write-back is done here, not by the caller, because under wasm each
// function call costs about as much as a short tile.
func gemmPanel(a, pb []float32, nc int, c []float32, ldc, mr int, add bool) {
	kc := len(a) / gemmMR
	for jr := 0; jr < nc; jr += gemmNR {
		b := pb[jr*kc : jr*kc+gemmNR*kc]
		aa := a
		var c00, c01, c10, c11, c20, c21 float32
		for len(aa) >= 6 && len(b) >= 4 {
			b0, b1 := b[0], b[1]
			a0, a1, a2 := aa[0], aa[1], aa[2]
			c00 += a0 * b0
			c01 += a0 * b1
			c10 += a1 * b0
			c11 += a1 * b1
			c20 += a2 * b0
			c21 += a2 * b1
			b0, b1 = b[2], b[3]
			a0, a1, a2 = aa[3], aa[4], aa[5]
			c00 += a0 * b0
			c01 += a0 * b1
			c10 += a1 * b0
			c11 += a1 * b1
			c20 += a2 * b0
			c21 += a2 * b1
			aa, b = aa[6:], b[4:]
		}
		if len(aa) >= 3 && len(b) >= 2 {
			b0, b1 := b[0], b[1]
			a0, a1, a2 := aa[0], aa[1], aa[2]
			c00 += a0 * b0
			c01 += a0 * b1
			c10 += a1 * b0
			c11 += a1 * b1
			c20 += a2 * b0
			c21 += a2 * b1
		}
		if mr == gemmMR && nc-jr >= gemmNR {
			r0 := c[jr : jr+2 : jr+2]
			r1 := c[ldc+jr : ldc+jr+2 : ldc+jr+2]
			r2 := c[2*ldc+jr : 2*ldc+jr+2 : 2*ldc+jr+2]
			if add {
				r0[0] += c00
				r0[1] += c01
				r1[0] += c10
				r1[1] += c11
				r2[0] += c20
				r2[1] += c21
			} else {
				r0[0], r0[1] = c00, c01
				r1[0], r1[1] = c10, c11
				r2[0], r2[1] = c20, c21
			}
			continue
		}
		tile := [gemmMR * gemmNR]float32{c00, c01, c10, c11, c20, c21}
		nr := min(gemmNR, nc-jr)
		for r := 0; r < mr; r++ {
			for j := 0; j < nr; j++ {
				if add {
					c[r*ldc+jr+j] += tile[r*gemmNR+j]
				} else {
					c[r*ldc+jr+j] = tile[r*gemmNR+j]
				}
			}
		}
	}
}
