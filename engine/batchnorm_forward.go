package engine

import (
	"fmt"
	"math"
)

// checkInput validates x's shape for this layer and returns N, C and S, the
// number of values per sample and channel (L, H·W, or 1).
func (b *BatchNorm) checkInput(x *Tensor) (n, c, s int, err error) {
	if x == nil {
		return 0, 0, 0, fmt.Errorf("engine: %s: nil input", b.Kind())
	}
	d := x.Dims()
	switch {
	case b.spatialDims == 1 && d != 2 && d != 3:
		return 0, 0, 0, fmt.Errorf("engine: %s: expected 2D or 3D input (N, C) or (N, C, L), got %dD input of shape %s", b.Kind(), d, x.ShapeString())
	case b.spatialDims == 2 && d != 4:
		return 0, 0, 0, fmt.Errorf("engine: %s: expected 4D input (N, C, H, W), got %dD input of shape %s", b.Kind(), d, x.ShapeString())
	}
	if x.Shape[1] != b.numFeatures {
		return 0, 0, 0, fmt.Errorf("engine: %s: input %s has %d channels, the layer has num_features=%d", b.Kind(), x.ShapeString(), x.Shape[1], b.numFeatures)
	}
	n, c, s = x.Shape[0], x.Shape[1], 1
	for _, v := range x.Shape[2:] {
		s *= v
	}
	if n*s == 0 {
		return 0, 0, 0, fmt.Errorf("engine: %s: empty input %s", b.Kind(), x.ShapeString())
	}
	return n, c, s, nil
}

// usesBatchStats reports whether Forward normalises with the batch's own
// statistics: in train mode, or in eval mode without running statistics.
func (b *BatchNorm) usesBatchStats() bool { return b.training || !b.track }

// Forward normalises x per channel. In train mode it uses the batch mean and
// biased variance and updates the running statistics; in eval mode it uses
// the running statistics. A batch with a single value per channel in train
// mode is refused as PyTorch refuses it, and then no state changes. The
// returned tensor is the layer's output buffer, overwritten by the next
// Forward (see BatchNorm).
func (b *BatchNorm) Forward(x *Tensor) (*Tensor, error) {
	n, c, s, err := b.checkInput(x)
	if err != nil {
		return nil, err
	}
	batch := b.usesBatchStats()
	if batch && n*s == 1 {
		return nil, fmt.Errorf("engine: %s: Expected more than 1 value per channel when training, got input size %s", b.Kind(), x.ShapeString())
	}
	ws := b.scratch()
	mean, variance := ws.evMean, ws.evVar
	if batch {
		mean, variance = ws.lastMean, ws.lastVar
		channelStats(x.Data, n, c, s, mean, variance)
	} else {
		for ch := range c {
			mean[ch] = float64(b.runningMean.Value.Data[ch])
			variance[ch] = float64(b.runningVar.Value.Data[ch])
		}
	}
	// Per channel, y = a·x + d with a = γ/√(σ²+eps) and d = β − μ·a.
	invStd, a, d := ws.invStd, ws.a, ws.d
	for ch := range c {
		invStd[ch] = 1 / math.Sqrt(variance[ch]+b.eps)
		g, bt := 1.0, 0.0
		if b.affine {
			g, bt = float64(b.weight.Value.Data[ch]), float64(b.bias.Value.Data[ch])
		}
		a[ch] = g * invStd[ch]
		d[ch] = bt - mean[ch]*a[ch]
	}
	b.xhat = reuseTensor(b.xhat, x.Shape...)
	b.y = reuseTensor(b.y, x.Shape...)
	xd, hd, yd := x.Data, b.xhat.Data, b.y.Data
	if s == 1 { // (N, C): one value per sample and channel
		for i := range n {
			off := i * c
			normalizeRow(xd[off:][:c], hd[off:][:c], yd[off:][:c], mean, invStd, a, d)
		}
	} else {
		for i := range n {
			for ch := range c {
				off := (i*c + ch) * s
				normalizeChannel(xd[off:][:s], hd[off:][:s], yd[off:][:s], mean[ch], invStd[ch], a[ch], d[ch])
			}
		}
	}
	if b.training && b.track {
		b.updateRunning(mean, variance, n*s)
	}
	b.fwd, b.fwdBatch = true, batch
	b.xShape = append(b.xShape[:0], x.Shape...)
	if batch {
		b.haveStats = true
	}
	return b.y, nil
}

// channelStats writes the per-channel mean and biased variance of data laid
// out as (N, C, S), accumulating in float64 with a two-pass algorithm.
func channelStats(data []float32, n, c, s int, mean, variance []float64) {
	cnt := float64(n * s)
	clear(mean)
	clear(variance)
	if s == 1 {
		for i := range n {
			for ch, v := range data[i*c : (i+1)*c] {
				mean[ch] += float64(v)
			}
		}
		for ch := range mean {
			mean[ch] /= cnt
		}
		for i := range n {
			for ch, v := range data[i*c : (i+1)*c] {
				t := float64(v) - mean[ch]
				variance[ch] += t * t
			}
		}
		for ch := range variance {
			variance[ch] /= cnt
		}
		return
	}
	for ch := range c {
		sum := 0.0
		for i := range n {
			sum += sum64(data[(i*c+ch)*s : (i*c+ch+1)*s])
		}
		m := sum / cnt
		sq := 0.0
		for i := range n {
			sq += sqDev64(data[(i*c+ch)*s:(i*c+ch+1)*s], m)
		}
		mean[ch], variance[ch] = m, sq/cnt
	}
}

// updateRunning applies PyTorch's running-statistics update for a batch of
// cnt values per channel (cnt > 1), storing the unbiased variance.
func (b *BatchNorm) updateRunning(mean, variance []float64, cnt int) {
	nb := &b.numBatches.Value.Data[0]
	*nb++
	f := 0.0
	if b.momentum == nil {
		f = 1 / float64(*nb)
	} else {
		f = *b.momentum
	}
	unbias := float64(cnt) / float64(cnt-1)
	rm, rv := b.runningMean.Value.Data, b.runningVar.Value.Data
	for ch := range rm {
		rm[ch] = float32((1-f)*float64(rm[ch]) + f*mean[ch])
		rv[ch] = float32((1-f)*float64(rv[ch]) + f*variance[ch]*unbias)
	}
}
