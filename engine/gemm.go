package engine

import "sync"

// This file holds the engine's matrix-product kernels, in pure Go float32
// so that they run unchanged as WebAssembly (which has no SIMD in Go).
//
// The structure is GotoBLAS's: the k dimension is cut into blocks of
// gemmKC, the n dimension into blocks of gemmNC and the m dimension into
// blocks of gemmMC. Each block of op(B) is packed into panels of gemmNR
// columns and each block of op(A) into panels of gemmMR rows, interleaved
// by k, so the micro-kernel reads both operands sequentially and keeps a
// gemmMR×gemmNR tile of C in local variables (registers).
//
// All matrices are row-major and contiguous. The products are
//
//	gemmNN: C(m×n) (+)= A(m×k)  · B(k×n)
//	gemmNT: C(m×n) (+)= A(m×k)  · B(n×k)ᵀ
//	gemmTN: C(m×n) (+)= A(k×m)ᵀ · B(k×n)
//
// with C overwritten when acc is false and added to when acc is true.

// The micro-kernel's tile, gemmMR×gemmNR, is set in gemm_kernel.go.
const (
	gemmKC = 256                   // k block: a packed A panel of gemmMR×gemmKC stays in L1
	gemmMC = 24 * gemmMR           // m block: a packed A block of gemmMC×gemmKC stays in L2
	gemmNC = 256 / gemmNR * gemmNR // n block: a packed B block of gemmKC×gemmNC (256 KB) stays in L2
)

// gemmBufs holds the packing buffers; pooled so that steady-state products
// allocate nothing and concurrent products (two models training in two
// goroutines) do not share them.
type gemmBufs struct{ a, b []float32 }

var gemmPool = sync.Pool{New: func() any {
	return &gemmBufs{
		a: make([]float32, gemmMC*gemmKC),
		b: make([]float32, gemmKC*gemmNC),
	}
}}

// gemmNN computes C (+)= A·B for A (m×k), B (k×n), C (m×n).
func gemmNN(m, n, k int, a, b, c []float32, acc bool) {
	gemm(m, n, k, a, k, 1, b, n, 1, c, acc)
}

// gemmNT computes C (+)= A·Bᵀ for A (m×k), B (n×k), C (m×n).
func gemmNT(m, n, k int, a, b, c []float32, acc bool) {
	gemm(m, n, k, a, k, 1, b, 1, k, c, acc)
}

// gemmTN computes C (+)= Aᵀ·B for A (k×m), B (k×n), C (m×n).
func gemmTN(m, n, k int, a, b, c []float32, acc bool) {
	gemm(m, n, k, a, 1, m, b, n, 1, c, acc)
}

// gemm computes C (+)= op(A)·op(B) where op(A)[i][p] = a[i*ai+p*ap] and
// op(B)[p][j] = b[p*bp+j*bj]; C is m×n, row-major, contiguous.
func gemm(m, n, k int, a []float32, ai, ap int, b []float32, bp, bj int, c []float32, acc bool) {
	if m <= 0 || n <= 0 {
		return
	}
	c = c[:m*n]
	if k <= 0 {
		if !acc {
			clear(c)
		}
		return
	}
	w := gemmPool.Get().(*gemmBufs)
	defer gemmPool.Put(w)
	// Blocks of equal size (k = 784 as 3×262, not 256+256+256+16): a
	// thin last block would pay the tile write-back for little work.
	ncb, kcb, mcb := evenBlock(n, gemmNC, gemmNR), evenBlock(k, gemmKC, 2), evenBlock(m, gemmMC, gemmMR)
	for jc := 0; jc < n; jc += ncb {
		nc := min(ncb, n-jc)
		for pc := 0; pc < k; pc += kcb {
			kc := min(kcb, k-pc)
			packB(w.b, b, bp, bj, pc, kc, jc, nc)
			add := acc || pc > 0
			for ic := 0; ic < m; ic += mcb {
				mc := min(mcb, m-ic)
				packA(w.a, a, ai, ap, ic, mc, pc, kc)
				gemmBlock(w.a, w.b, mc, nc, kc, c[ic*n+jc:], n, add)
			}
		}
	}
}

// evenBlock splits n into the fewest blocks of at most limit and returns
// the block size, rounded up to a multiple of unit but never above limit
// (limit is itself a multiple of unit).
func evenBlock(n, limit, unit int) int {
	if n <= limit {
		return n
	}
	blocks := (n + limit - 1) / limit
	size := (n + blocks - 1) / blocks
	size = (size + unit - 1) / unit * unit
	return min(size, limit)
}

// packA copies op(A)[ic:ic+mc][pc:pc+kc] into panels of gemmMR rows, each
// stored k-major (dst[p*gemmMR+r]); rows past mc are zero.
func packA(dst, a []float32, ai, ap, ic, mc, pc, kc int) {
	for ir := 0; ir < mc; ir += gemmMR {
		panel := dst[ir*kc : ir*kc+gemmMR*kc]
		if ai == 1 && ir+gemmMR <= mc {
			// op(A) = Aᵀ: the panel's rows are adjacent in each row of A.
			for p := 0; p < kc; p++ {
				s := (pc+p)*ap + ic + ir
				// Element by element (gemmMR is 3): an array copy is a
				// runtime.memmove call under wasm.
				d, src := panel[p*gemmMR:p*gemmMR+3:p*gemmMR+3], a[s:s+3:s+3]
				d[0], d[1], d[2] = src[0], src[1], src[2]
			}
			continue
		}
		for r := 0; r < gemmMR; r++ {
			if ir+r >= mc {
				for p := 0; p < kc; p++ {
					panel[p*gemmMR+r] = 0
				}
				continue
			}
			base := (ic+ir+r)*ai + pc*ap
			if ap == 1 {
				src := a[base : base+kc]
				for p, v := range src {
					panel[p*gemmMR+r] = v
				}
				continue
			}
			for p := 0; p < kc; p++ {
				panel[p*gemmMR+r] = a[base+p*ap]
			}
		}
	}
}

// packB copies op(B)[pc:pc+kc][jc:jc+nc] into panels of gemmNR columns,
// each stored k-major (dst[p*gemmNR+c]); columns past nc are zero.
func packB(dst, b []float32, bp, bj, pc, kc, jc, nc int) {
	for jr := 0; jr < nc; jr += gemmNR {
		panel := dst[jr*kc : jr*kc+gemmNR*kc]
		if bj == 1 && jr+gemmNR <= nc {
			for p := 0; p < kc; p++ {
				s := (pc+p)*bp + jc + jr
				// Element by element (gemmNR is 2): an array copy is a
				// runtime.memmove call under wasm.
				d, src := panel[p*gemmNR:p*gemmNR+2:p*gemmNR+2], b[s:s+2:s+2]
				d[0], d[1] = src[0], src[1]
			}
			continue
		}
		if bp == 1 && gemmNR == 2 && jr+2 <= nc {
			// Two contiguous columns of op(B) (rows of B in A·Bᵀ),
			// interleaved in one pass.
			base := pc + (jc+jr)*bj
			s0 := b[base : base+kc]
			s1 := b[base+bj : base+bj+len(s0)]
			d := panel[:2*len(s0)]
			for p, v := range s0 {
				e := d[2*p : 2*p+2 : 2*p+2]
				e[0], e[1] = v, s1[p]
			}
			continue
		}
		for cc := 0; cc < gemmNR; cc++ {
			if jr+cc >= nc {
				for p := 0; p < kc; p++ {
					panel[p*gemmNR+cc] = 0
				}
				continue
			}
			base := pc*bp + (jc+jr+cc)*bj
			if bp == 1 {
				src := b[base : base+kc]
				for p, v := range src {
					panel[p*gemmNR+cc] = v
				}
				continue
			}
			for p := 0; p < kc; p++ {
				panel[p*gemmNR+cc] = b[base+p*bp]
			}
		}
	}
}

// gemmBlock multiplies a packed mc×kc block of A by a packed kc×nc block of
// B into C (leading dimension ldc), adding when add is true.
func gemmBlock(pa, pb []float32, mc, nc, kc int, c []float32, ldc int, add bool) {
	for ir := 0; ir < mc; ir += gemmMR {
		gemmPanel(pa[ir*kc:ir*kc+gemmMR*kc], pb, nc, c[ir*ldc:], ldc, min(gemmMR, mc-ir), add)
	}
}
