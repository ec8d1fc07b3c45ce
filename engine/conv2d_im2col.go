package engine

// im2col unfolds one image x (C, H, W) into cols (C·kh·kw, ho·wo): row
// (c·kh + u)·kw + v holds x[c, i·sh − ph + u, j·sw − pw + v] for every
// output position (i, j), zero where that falls in the padding.
func im2col(x, cols []float32, ch, h, w, ho, wo int, k, s, p [2]int) {
	hw := ho * wo
	row := 0
	for c := 0; c < ch; c++ {
		img := x[c*h*w : (c+1)*h*w]
		for u := 0; u < k[0]; u++ {
			for v := 0; v < k[1]; v++ {
				dst := cols[row*hw : (row+1)*hw]
				row++
				lo, hi := validRange(wo, w, v, s[1], p[1])
				for i := 0; i < ho; i++ {
					d := dst[i*wo : (i+1)*wo]
					r := i*s[0] - p[0] + u
					if r < 0 || r >= h || lo >= hi {
						clear(d)
						continue
					}
					clear(d[:lo])
					clear(d[hi:])
					src := img[r*w : (r+1)*w]
					if s[1] == 1 {
						copy(d[lo:hi], src[lo-p[1]+v:hi-p[1]+v])
						continue
					}
					for j := lo; j < hi; j++ {
						d[j] = src[j*s[1]-p[1]+v]
					}
				}
			}
		}
	}
}

// col2im is im2col's adjoint: it adds every entry of cols back into the
// image position it was read from (dx must be zeroed by the caller once).
func col2im(cols, dx []float32, ch, h, w, ho, wo int, k, s, p [2]int) {
	hw := ho * wo
	row := 0
	for c := 0; c < ch; c++ {
		img := dx[c*h*w : (c+1)*h*w]
		for u := 0; u < k[0]; u++ {
			for v := 0; v < k[1]; v++ {
				src := cols[row*hw : (row+1)*hw]
				row++
				lo, hi := validRange(wo, w, v, s[1], p[1])
				if lo >= hi {
					continue
				}
				for i := 0; i < ho; i++ {
					r := i*s[0] - p[0] + u
					if r < 0 || r >= h {
						continue
					}
					d := img[r*w : (r+1)*w]
					sr := src[i*wo : (i+1)*wo]
					if s[1] == 1 {
						dd := d[lo-p[1]+v : hi-p[1]+v]
						for j, g := range sr[lo:hi] {
							dd[j] += g
						}
						continue
					}
					for j := lo; j < hi; j++ {
						d[j*s[1]-p[1]+v] += sr[j]
					}
				}
			}
		}
	}
}

// validRange returns the output columns [lo, hi) whose input column
// j·s − p + v lies inside [0, w).
func validRange(wo, w, v, s, p int) (lo, hi int) {
	// j·s ≥ p − v  ⇒  j ≥ ⌈(p − v)/s⌉
	if p-v > 0 {
		lo = (p - v + s - 1) / s
	}
	// j·s − p + v ≤ w − 1  ⇒  j ≤ ⌊(w − 1 + p − v)/s⌋
	if last := w - 1 + p - v; last >= 0 {
		hi = min(wo, last/s+1)
	}
	return min(lo, wo), hi
}
