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
//
// The returned tensor is the layer's gradient buffer, overwritten by the
// next Backward (see BatchNorm).
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
	ws := b.work
	sumG, sumGH := ws.sumG, ws.sumGH // Σ g and Σ g·x̂ per channel
	clear(sumG)
	clear(sumGH)
	gd, h := gradY.Data, b.xhat.Data
	if s == 1 {
		for i := range n {
			off := i * c
			gradSumsRow(gd[off:][:c], h[off:][:c], sumG, sumGH)
		}
	} else {
		for i := range n {
			for ch := range c {
				off := (i*c + ch) * s
				sg, sgh := gradSums64(gd[off:][:s], h[off:][:s])
				sumG[ch] += sg
				sumGH[ch] += sgh
			}
		}
	}
	// Per channel: dx = scale·(g − meanG − x̂·meanGH), with meanG and
	// meanGH zero in eval mode (running statistics are constants).
	scale, meanG, meanGH := ws.scale, ws.meanG, ws.meanGH
	for ch := range c {
		gamma := 1.0
		if b.affine {
			gamma = float64(b.weight.Value.Data[ch])
			b.weight.Grad.Data[ch] += float32(sumGH[ch])
			b.bias.Grad.Data[ch] += float32(sumG[ch])
		}
		scale[ch] = gamma * ws.invStd[ch]
		meanG[ch], meanGH[ch] = 0, 0
		if b.fwdBatch {
			meanG[ch], meanGH[ch] = sumG[ch]/cnt, sumGH[ch]/cnt
		}
	}
	b.gx = reuseTensor(b.gx, b.xShape...)
	gx := b.gx.Data
	if s == 1 {
		for i := range n {
			off := i * c
			gradInputRow(gx[off:][:c], gd[off:][:c], h[off:][:c], scale, meanG, meanGH)
		}
	} else {
		for i := range n {
			for ch := range c {
				off := (i*c + ch) * s
				gradInputChannel(gx[off:][:s], gd[off:][:s], h[off:][:s], scale[ch], meanG[ch], meanGH[ch])
			}
		}
	}
	return b.gx, nil
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
