package engine

// Float64 reductions over float32 data for the normalisation layers. Each
// keeps four independent accumulators so that the additions do not wait on
// one another (a single running sum is bound by the latency of one float64
// add per element).

// sum64 returns Σ xᵢ in float64.
func sum64(xs []float32) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(xs); i += 4 {
		q := xs[i : i+4 : i+4]
		s0 += float64(q[0])
		s1 += float64(q[1])
		s2 += float64(q[2])
		s3 += float64(q[3])
	}
	for ; i < len(xs); i++ {
		s0 += float64(xs[i])
	}
	return (s0 + s1) + (s2 + s3)
}

// sqDev64 returns Σ (xᵢ − m)² in float64.
func sqDev64(xs []float32, m float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(xs); i += 4 {
		q := xs[i : i+4 : i+4]
		d0, d1, d2, d3 := float64(q[0])-m, float64(q[1])-m, float64(q[2])-m, float64(q[3])-m
		s0 += d0 * d0
		s1 += d1 * d1
		s2 += d2 * d2
		s3 += d3 * d3
	}
	for ; i < len(xs); i++ {
		d := float64(xs[i]) - m
		s0 += d * d
	}
	return (s0 + s1) + (s2 + s3)
}

// gradSums64 returns Σ gᵢ and Σ gᵢ hᵢ in float64 (len(h) ≥ len(g)).
func gradSums64(g, h []float32) (sg, sgh float64) {
	h = h[:len(g)]
	var a0, a1, a2, a3, b0, b1, b2, b3 float64
	i := 0
	for ; i+4 <= len(g); i += 4 {
		q, r := g[i:i+4:i+4], h[i:i+4:i+4]
		g0, g1, g2, g3 := float64(q[0]), float64(q[1]), float64(q[2]), float64(q[3])
		a0 += g0
		a1 += g1
		a2 += g2
		a3 += g3
		b0 += g0 * float64(r[0])
		b1 += g1 * float64(r[1])
		b2 += g2 * float64(r[2])
		b3 += g3 * float64(r[3])
	}
	for ; i < len(g); i++ {
		a0 += float64(g[i])
		b0 += float64(g[i]) * float64(h[i])
	}
	return (a0 + a1) + (a2 + a3), (b0 + b1) + (b2 + b3)
}
