package engine

import "fmt"

// Backward returns dL/dx for the last Forward and adds dL/dγ and dL/dβ into
// the parameters' gradients.
//
// With batch statistics (train mode), per channel over its n values, the
// closed form of Ioffe & Szegedy 2015 (§3, the chain rule through μ and σ²)
// simplifies to
//
//	dL/dγ = Σ gᵢ x̂ᵢ        dL/dβ = Σ gᵢ
//	dL/dxᵢ = γ/√(σ² + eps) · (gᵢ − (1/n) Σ gⱼ − x̂ᵢ (1/n) Σ gⱼ x̂ⱼ)
//
// with g = dL/dy. With running statistics (eval mode) the layer is the fixed
// affine map y = γ x̂ + β, so dL/dxᵢ = γ gᵢ / √(running_var + eps).
func (b *BatchNorm) Backward(gradY *Tensor) (*Tensor, error) {
	if !b.fwd {
		return nil, ErrNoForward
	}
	if gradY == nil || !sameShapeAs(gradY.Shape, b.xShape) {
		return nil, fmt.Errorf("engine: %s: gradient shape %s does not match the output shape %s", b.Kind(), shapeOrNil(gradY), ShapeString(b.xShape))
	}
	n, c := b.xShape[0], b.xShape[1]
	s := len(gradY.Data) / (n * c)
	cnt := float64(n * s)
	sumG := make([]float64, c)  // Σ g per channel
	sumGH := make([]float64, c) // Σ g·x̂ per channel
	h := b.xhat.Data
	for i := range n {
		if s == 1 {
			hs := h[i*c : (i+1)*c]
			for ch, g := range gradY.Data[i*c : (i+1)*c] {
				sumG[ch] += float64(g)
				sumGH[ch] += float64(g) * float64(hs[ch])
			}
			continue
		}
		for ch := range c {
			off := (i*c + ch) * s
			hs := h[off : off+s]
			sg, sgh := gradSums64(gradY.Data[off:off+s], hs)
			sumG[ch] += sg
			sumGH[ch] += sgh
		}
	}
	// Per channel: dx = scale·(g − meanG − x̂·meanGH), with meanG and
	// meanGH zero in eval mode (running statistics are constants).
	scale := make([]float64, c)
	meanG := make([]float64, c)
	meanGH := make([]float64, c)
	for ch := range c {
		gamma := 1.0
		if b.affine {
			gamma = float64(b.weight.Value.Data[ch])
			b.weight.Grad.Data[ch] += float32(sumGH[ch])
			b.bias.Grad.Data[ch] += float32(sumG[ch])
		}
		scale[ch] = gamma * b.invStd[ch]
		if b.fwdBatch {
			meanG[ch], meanGH[ch] = sumG[ch]/cnt, sumGH[ch]/cnt
		}
	}
	gx := New(b.xShape...)
	for i := range n {
		if s == 1 {
			hs, gxs := h[i*c:(i+1)*c], gx.Data[i*c:(i+1)*c]
			for ch, g := range gradY.Data[i*c : (i+1)*c] {
				gxs[ch] = float32(scale[ch] * (float64(g) - meanG[ch] - float64(hs[ch])*meanGH[ch]))
			}
			continue
		}
		for ch := range c {
			off := (i*c + ch) * s
			sc, mg, mgh := scale[ch], meanG[ch], meanGH[ch]
			hs, gxs := h[off:off+s], gx.Data[off:off+s]
			for k, g := range gradY.Data[off : off+s] {
				gxs[k] = float32(sc * (float64(g) - mg - float64(hs[k])*mgh))
			}
		}
	}
	return gx, nil
}

// sameShapeAs reports whether shape equals want.
func sameShapeAs(shape, want []int) bool {
	if len(shape) != len(want) {
		return false
	}
	for i := range shape {
		if shape[i] != want[i] {
			return false
		}
	}
	return true
}

// shapeOrNil formats t's shape, or "nil" for a nil tensor.
func shapeOrNil(t *Tensor) string {
	if t == nil {
		return "nil"
	}
	return t.ShapeString()
}
