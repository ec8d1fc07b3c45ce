package engine

import (
	"math"
	"strconv"
	"strings"
)

// BatchMean returns a copy of the per-channel mean μ of the last batch that
// was normalised with batch statistics (train mode), or nil before any.
func (b *BatchNorm) BatchMean() []float64 {
	if !b.haveStats {
		return nil
	}
	return append([]float64(nil), b.work.lastMean...)
}

// BatchVar returns a copy of the per-channel biased variance σ² (divided by
// n, as used to normalise) of the last batch normalised with batch
// statistics, or nil before any. running_var receives σ² · n/(n − 1).
func (b *BatchNorm) BatchVar() []float64 {
	if !b.haveStats {
		return nil
	}
	return append([]float64(nil), b.work.lastVar...)
}

// XHat returns x̂, the normalised input of the last Forward (before γ and β),
// shaped like the input, or nil before any Forward. The tensor belongs to the
// layer and is replaced by the next Forward: read it, do not modify it.
func (b *BatchNorm) XHat() *Tensor {
	if !b.fwd {
		return nil
	}
	return b.xhat
}

// FoldedAffine returns the per-channel scale and shift of eval mode,
//
//	scale = γ / √(running_var + eps)     shift = β − running_mean · scale
//
// so that y = scale · x + shift (Ioffe & Szegedy 2015, Algorithm 2, step 11);
// they can be folded into a preceding convolution or linear layer. It
// returns ok=false when the layer tracks no running statistics.
func (b *BatchNorm) FoldedAffine() (scale, shift []float64, ok bool) {
	if !b.track {
		return nil, nil, false
	}
	scale = make([]float64, b.numFeatures)
	shift = make([]float64, b.numFeatures)
	for ch := range scale {
		g, bt := 1.0, 0.0
		if b.affine {
			g, bt = float64(b.weight.Value.Data[ch]), float64(b.bias.Value.Data[ch])
		}
		scale[ch] = g / math.Sqrt(float64(b.runningVar.Value.Data[ch])+b.eps)
		shift[ch] = bt - float64(b.runningMean.Value.Data[ch])*scale[ch]
	}
	return scale, shift, true
}

// pyFloatRepr formats f as Python's repr does: "0.1", "1.0", "1e-05".
func pyFloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	exp := int(math.Floor(math.Log10(math.Abs(f))))
	// Log10 can be off by one near powers of ten; the shortest 'e' form
	// carries the exact decimal exponent.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	if i := strings.IndexByte(e, 'e'); i >= 0 {
		if v, err := strconv.Atoi(e[i+1:]); err == nil {
			exp = v
		}
	}
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if strings.IndexByte(s, '.') < 0 {
		s += ".0"
	}
	return s
}

// pyBool formats a bool as Python does.
func pyBool(v bool) string {
	if v {
		return "True"
	}
	return "False"
}
