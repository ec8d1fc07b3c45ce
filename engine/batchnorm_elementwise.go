package engine

// Element-wise kernels of BatchNorm, with the layer's per-channel working
// storage. Every kernel does its arithmetic in float64 and rounds once to
// float32, in the same order of operations as the formulas in batchnorm.go
// and batchnorm_backward.go. Slices are resliced to a common length first so
// that the compiler drops the bounds checks in the loops.

// bnWork is a BatchNorm's per-channel working storage, allocated once so
// that a steady-state Forward and Backward allocate nothing.
type bnWork struct {
	lastMean, lastVar []float64 // batch statistics of the last batch-statistics Forward
	evMean, evVar     []float64 // running statistics read by an eval-mode Forward
	invStd, a, d      []float64 // 1/√(σ²+eps), γ·invStd, β − μ·a of the last Forward
	sumG, sumGH       []float64 // Backward: Σ g and Σ g·x̂
	scale             []float64 // Backward: γ·invStd
	meanG, meanGH     []float64 // Backward: (1/n) Σ g and (1/n) Σ g·x̂ (0 in eval mode)
}

// scratch returns the layer's working storage, allocating it on first use.
func (b *BatchNorm) scratch() *bnWork {
	if b.work != nil {
		return b.work
	}
	c := b.numFeatures
	all := make([]float64, 12*c)
	next := func() []float64 {
		s := all[:c:c]
		all = all[c:]
		return s
	}
	b.work = &bnWork{lastMean: next(), lastVar: next(), evMean: next(), evVar: next(),
		invStd: next(), a: next(), d: next(), sumG: next(), sumGH: next(),
		scale: next(), meanG: next(), meanGH: next()}
	return b.work
}

// normalizeChannel writes x̂ = (x − m)·is and y = a·x + d for one channel's
// contiguous values (layout (N, C, S), S > 1).
func normalizeChannel(xs, hs, ys []float32, m, is, a, d float64) {
	hs, ys = hs[:len(xs)], ys[:len(xs)]
	for k, v := range xs {
		f := float64(v)
		hs[k] = float32((f - m) * is)
		ys[k] = float32(a*f + d)
	}
}

// normalizeRow is normalizeChannel for one sample of an (N, C) input, whose
// C values belong to C different channels.
func normalizeRow(xs, hs, ys []float32, mean, invStd, a, d []float64) {
	n := len(xs)
	hs, ys = hs[:n], ys[:n]
	mean, invStd, a, d = mean[:n], invStd[:n], a[:n], d[:n]
	for ch, v := range xs {
		f := float64(v)
		hs[ch] = float32((f - mean[ch]) * invStd[ch])
		ys[ch] = float32(a[ch]*f + d[ch])
	}
}

// gradSumsRow adds Σ g and Σ g·x̂ of one sample of an (N, C) gradient into
// the per-channel sums.
func gradSumsRow(g, h []float32, sumG, sumGH []float64) {
	n := len(g)
	h, sumG, sumGH = h[:n], sumG[:n], sumGH[:n]
	for ch, v := range g {
		f := float64(v)
		sumG[ch] += f
		sumGH[ch] += f * float64(h[ch])
	}
}

// gradInputChannel writes dL/dx = sc·(g − mg − x̂·mgh) for one channel's
// contiguous values.
func gradInputChannel(gx, g, h []float32, sc, mg, mgh float64) {
	gx, h = gx[:len(g)], h[:len(g)]
	for k, v := range g {
		gx[k] = float32(sc * (float64(v) - mg - float64(h[k])*mgh))
	}
}

// gradInputRow is gradInputChannel for one sample of an (N, C) gradient.
func gradInputRow(gx, g, h []float32, scale, meanG, meanGH []float64) {
	n := len(g)
	gx, h = gx[:n], h[:n]
	scale, meanG, meanGH = scale[:n], meanG[:n], meanGH[:n]
	for ch, v := range g {
		gx[ch] = float32(scale[ch] * (float64(v) - meanG[ch] - float64(h[ch])*meanGH[ch]))
	}
}
