package engine

import (
	"fmt"
	"math"
)

// GroupNorm is PyTorch's nn.GroupNorm (Wu & He, ECCV 2018) on (N, C, *):
// the C channels of each sample are split into num_groups groups of C/G
// channels, and each group is normalised over its channels and positions,
//
//	μ = mean of the group,  σ² = biased variance of the group
//	y = γ_c (x − μ)/√(σ² + eps) + β_c
//
// with one γ and β per channel (affine). Statistics are per sample, so the
// result does not depend on the batch size and train and eval mode agree.
type GroupNorm struct {
	groups, channels int
	eps              float64
	affine           bool
	training         bool
	weight, bias     *Param
	cache            groupNormCache
}

// NewGroupNorm returns a GroupNorm with numGroups groups over numChannels
// channels; numChannels must be divisible by numGroups, and eps positive.
func NewGroupNorm(numGroups, numChannels int, eps float64, affine bool) (*GroupNorm, error) {
	if numGroups <= 0 || numChannels <= 0 {
		return nil, fmt.Errorf("engine: GroupNorm: num_groups (%d) and num_channels (%d) must be positive", numGroups, numChannels)
	}
	if numChannels%numGroups != 0 {
		return nil, fmt.Errorf("engine: GroupNorm: num_channels must be divisible by num_groups, got num_channels=%d, num_groups=%d", numChannels, numGroups)
	}
	if err := checkEps("GroupNorm", eps); err != nil {
		return nil, err
	}
	g := &GroupNorm{groups: numGroups, channels: numChannels, eps: eps, affine: affine, training: true}
	if affine {
		g.weight = &Param{Name: "weight", Value: filled(1, numChannels), Grad: New(numChannels)}
		g.bias = &Param{Name: "bias", Value: New(numChannels), Grad: New(numChannels)}
	}
	return g, nil
}

// Kind returns "GroupNorm".
func (g *GroupNorm) Kind() string { return "GroupNorm" }

// String returns PyTorch's repr, e.g. "GroupNorm(2, 4, eps=1e-05, affine=True)".
func (g *GroupNorm) String() string {
	return fmt.Sprintf("GroupNorm(%d, %d, eps=%s, affine=%s)", g.groups, g.channels, pyFloatRepr(g.eps), pyBool(g.affine))
}

// Params returns weight (γ) and bias (β), or nil when affine is false.
func (g *GroupNorm) Params() []*Param {
	if !g.affine {
		return nil
	}
	return []*Param{g.weight, g.bias}
}

// Buffers returns nil: GroupNorm keeps no running statistics.
func (g *GroupNorm) Buffers() []*Buffer { return nil }

// SetTraining records the mode; GroupNorm behaves the same in both.
func (g *GroupNorm) SetTraining(train bool) { g.training = train }

// Training reports whether the layer is in train mode.
func (g *GroupNorm) Training() bool { return g.training }

// Forward normalises x, shaped (N, C, *), per sample and group.
func (g *GroupNorm) Forward(x *Tensor) (*Tensor, error) {
	if x == nil {
		return nil, fmt.Errorf("engine: GroupNorm: nil input")
	}
	if x.Dims() < 2 || x.Shape[1] != g.channels {
		return nil, fmt.Errorf("engine: GroupNorm: expected input (N, %d, *), got %s", g.channels, x.ShapeString())
	}
	if x.Len() == 0 {
		return nil, fmt.Errorf("engine: GroupNorm: empty input %s", x.ShapeString())
	}
	s := x.Len() / (x.Shape[0] * g.channels)
	d := g.channels / g.groups * s
	var gamma, beta []float32
	if g.affine {
		gamma, beta = g.weight.Value.Data, g.bias.Value.Data
	}
	// γ index of position k in group q: ((q mod G)·d + k) / S = channel.
	return g.cache.forward(x, x.Shape[0]*g.groups, d, g.eps, gamma, beta, g.groups, s)
}

// Backward returns dL/dx and adds dL/dγ, dL/dβ into the parameters' gradients.
func (g *GroupNorm) Backward(gradY *Tensor) (*Tensor, error) {
	var gamma, gw, gb []float32
	if g.affine {
		gamma, gw, gb = g.weight.Value.Data, g.weight.Grad.Data, g.bias.Grad.Data
	}
	return g.cache.backward("GroupNorm", gradY, gamma, gw, gb)
}

// Stats returns copies of the mean and biased variance of every (sample,
// group) block of the last Forward, in order n·G + g, or nil before any.
func (g *GroupNorm) Stats() (mean, variance []float64) { return g.cache.stats() }

func (c *groupNormCache) stats() (mean, variance []float64) {
	if !c.haveStats {
		return nil, nil
	}
	return append([]float64(nil), c.lastMean...), append([]float64(nil), c.lastVar...)
}

// groupNormCache normalises M groups of D contiguous values each (the kernel
// of LayerNorm and GroupNorm) and keeps what the backward pass needs. The
// affine parameters of position k in group q are at index
// ((q mod per)·D + k) / div.
type groupNormCache struct {
	fwd       bool
	shape     []int
	m, d      int
	per, div  int
	xhat      []float32
	invStd    []float64
	lastMean  []float64
	lastVar   []float64
	haveStats bool
}

func (c *groupNormCache) forward(x *Tensor, m, d int, eps float64, gamma, beta []float32, per, div int) (*Tensor, error) {
	y := New(x.Shape...)
	xhat := make([]float32, len(x.Data))
	invStd := make([]float64, m)
	means := make([]float64, m)
	vars := make([]float64, m)
	for q := range m {
		xs := x.Data[q*d : (q+1)*d]
		sum := 0.0
		for _, v := range xs {
			sum += float64(v)
		}
		mu := sum / float64(d)
		sq := 0.0
		for _, v := range xs {
			t := float64(v) - mu
			sq += t * t
		}
		means[q], vars[q] = mu, sq/float64(d)
		is := 1 / math.Sqrt(vars[q]+eps)
		invStd[q] = is
		base := (q % per) * d
		hs, ys := xhat[q*d:(q+1)*d], y.Data[q*d:(q+1)*d]
		a, run := base/div, 0 // affine index of position k, without dividing
		for k, v := range xs {
			h := (float64(v) - mu) * is
			hs[k] = float32(h)
			if gamma != nil {
				h = float64(gamma[a])*h + float64(beta[a])
			}
			ys[k] = float32(h)
			if run++; run == div {
				run, a = 0, a+1
			}
		}
	}
	*c = groupNormCache{fwd: true, shape: append([]int(nil), x.Shape...), m: m, d: d, per: per, div: div,
		xhat: xhat, invStd: invStd, lastMean: means, lastVar: vars, haveStats: true}
	return y, nil
}

// backward computes, per group of D values with dx̂ = γ·g,
//
//	dL/dxᵢ = (1/σ) (dx̂ᵢ − mean(dx̂) − x̂ᵢ mean(dx̂ ⊙ x̂))
//
// and adds Σ g·x̂ and Σ g into gw and gb (nil without affine parameters).
func (c *groupNormCache) backward(kind string, gradY *Tensor, gamma, gw, gb []float32) (*Tensor, error) {
	if !c.fwd {
		return nil, ErrNoForward
	}
	if gradY == nil || !sameShapeAs(gradY.Shape, c.shape) {
		return nil, fmt.Errorf("engine: %s: gradient shape %s does not match the output shape %s", kind, shapeOrNil(gradY), ShapeString(c.shape))
	}
	gx := New(c.shape...)
	dh := make([]float64, c.d)
	accW := make([]float64, len(gamma)) // float64 sums, added to gw/gb once
	accB := make([]float64, len(gamma))
	for q := range c.m {
		gs := gradY.Data[q*c.d : (q+1)*c.d]
		hs := c.xhat[q*c.d : (q+1)*c.d]
		base := (q % c.per) * c.d
		sumD, sumDH := 0.0, 0.0
		a, run := base/c.div, 0
		for k, g := range gs {
			v := float64(g)
			if run == c.div {
				run, a = 0, a+1
			}
			run++
			if gamma != nil {
				v *= float64(gamma[a])
				accW[a] += float64(g) * float64(hs[k])
				accB[a] += float64(g)
			}
			dh[k] = v
			sumD += v
			sumDH += v * float64(hs[k])
		}
		meanD, meanDH := sumD/float64(c.d), sumDH/float64(c.d)
		is := c.invStd[q]
		out := gx.Data[q*c.d : (q+1)*c.d]
		for k := range out {
			out[k] = float32(is * (dh[k] - meanD - float64(hs[k])*meanDH))
		}
	}
	for a := range accW {
		gw[a] += float32(accW[a])
		gb[a] += float32(accB[a])
	}
	return gx, nil
}
