package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bnlab/engine"
)

// cnnFoldTolerance is the float32 allowance of the folding comparison,
// relative to the largest output: both sides round each product and sum
// to float32 in a different order.
const cnnFoldTolerance = 1e-5

// cnnBiasCheck runs the highlighted channel's maps through a BatchNorm2d(1)
// in train mode with the channel's γ, β and ε, once as they are and once
// with the conv bias subtracted, and reports the largest difference: BN
// subtracts the batch mean, so a constant per-channel bias cancels
// (Ioffe & Szegedy 2015, §3.2).
func cnnBiasCheck(pass *cnnPass, ch int) (CNNBiasCheck, error) {
	n, c, h, w := pass.convOut.Shape[0], pass.convOut.Shape[1], pass.convOut.Shape[2], pass.convOut.Shape[3]
	bias := float64(pass.conv.Bias.Value.Data[ch])
	with, without := engine.New(n, 1, h, w), engine.New(n, 1, h, w)
	for i := range n {
		src := pass.convOut.Data[(i*c+ch)*h*w : (i*c+ch+1)*h*w]
		for k, f := range src {
			with.Data[i*h*w+k] = f
			without.Data[i*h*w+k] = float32(float64(f) - bias)
		}
	}
	bn, err := engine.NewBatchNorm2d(1, engine.WithEps(pass.bn.Eps()))
	if err != nil {
		return CNNBiasCheck{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	for _, prm := range bn.Params() {
		for _, src := range pass.bn.Params() {
			if src.Name == prm.Name {
				prm.Value.Data[0] = src.Value.Data[ch]
			}
		}
	}
	y1, err := bn.Forward(with)
	if err != nil {
		return CNNBiasCheck{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	y2, err := bn.Forward(without)
	if err != nil {
		return CNNBiasCheck{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	d := cnnMaxAbsDiff(y1.Data, y2.Data)
	return CNNBiasCheck{Bias: bias, MaxDiff: d, Text: fmt.Sprintf(
		"The conv adds b = %.4g to every value of channel %d; BN subtracts the batch mean, which contains b, so the output "+
			"with and without b differs by at most %.2g (float32 rounding). A conv followed by BN can drop its bias (bias=False).",
		bias, ch, d)}, nil
}

// cnnFold folds the chosen BN layer's eval-mode affine map into its conv
// and compares the folded conv with conv → BN in eval mode on the batch's
// eval-mode input to the conv. The model's modes are train again after.
func cnnFold(model *engine.Module, x *engine.Tensor, convAt, ch int) (CNNFold, error) {
	feats := model.Child("features").(*engine.Sequential)
	conv := feats.Layer(convAt).(*engine.Conv2d)
	bn := feats.Layer(convAt + 1).(*engine.BatchNorm)
	model.Eval()
	defer model.Train()
	h := x
	for i := 0; i < convAt; i++ {
		out, err := feats.Layer(i).Forward(h)
		if err != nil {
			return CNNFold{}, fmt.Errorf("lessons: cnn: features.%d: %w", i, err)
		}
		h = out
	}
	in := h.Clone()
	z, err := conv.Forward(in)
	if err != nil {
		return CNNFold{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	ref, err := bn.Forward(z)
	if err != nil {
		return CNNFold{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	scale, shift, ok := bn.FoldedAffine()
	if !ok {
		return CNNFold{}, fmt.Errorf("lessons: cnn: %s tracks no running statistics", bn)
	}
	folded, err := engine.NewConv2dRect(conv.In, conv.Out, conv.Kernel, conv.Stride, conv.Padding, true, rand.New(rand.NewPCG(0, 0)))
	if err != nil {
		return CNNFold{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	per := conv.In * conv.Kernel[0] * conv.Kernel[1]
	for o := range conv.Out {
		for k := range per {
			folded.Weight.Value.Data[o*per+k] = float32(float64(conv.Weight.Value.Data[o*per+k]) * scale[o])
		}
		folded.Bias.Value.Data[o] = float32(float64(conv.Bias.Value.Data[o])*scale[o] + shift[o])
	}
	got, err := folded.Forward(in)
	if err != nil {
		return CNNFold{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	f := CNNFold{Channel: ch, Scale: scale[ch], Shift: shift[ch], Bias: float64(conv.Bias.Value.Data[ch]),
		FoldedBias: float64(folded.Bias.Value.Data[ch]), MaxAbsDiff: cnnMaxAbsDiff(ref.Data, got.Data)}
	for _, b := range bn.Buffers() {
		switch b.Name {
		case "running_mean":
			f.RunningMean = float64(b.Value.Data[ch])
		case "running_var":
			f.RunningVar = float64(b.Value.Data[ch])
		}
	}
	kk := conv.Kernel[0] * conv.Kernel[1]
	for k := range kk {
		f.Weights = append(f.Weights, float64(conv.Weight.Value.Data[ch*per+k]))
		f.Folded = append(f.Folded, float64(folded.Weight.Value.Data[ch*per+k]))
	}
	for _, v := range ref.Data {
		f.MaxAbsOut = math.Max(f.MaxAbsOut, math.Abs(float64(v)))
	}
	f.Tolerance = cnnFoldTolerance * math.Max(1, f.MaxAbsOut)
	f.Same = f.MaxAbsDiff <= f.Tolerance
	verdict := "the same up to float32 rounding"
	if !f.Same {
		verdict = "NOT the same: the fold is wrong"
	}
	f.Text = fmt.Sprintf("In eval mode BN is a fixed affine map y = s·z + t per channel, so it folds into the conv: "+
		"w' = w·s and b' = (b − running_mean)·s + β. Over all %d outputs of the batch the folded conv and conv → BN differ "+
		"by at most %.2g (largest output %.3g): %s.", len(ref.Data), f.MaxAbsDiff, f.MaxAbsOut, verdict)
	return f, nil
}

// cnnMaxAbsDiff is max |a − b| over two equally long slices.
func cnnMaxAbsDiff(a, b []float32) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(float64(a[i])-float64(b[i])))
	}
	return d
}

// cnnFormulas writes the highlighted channel's statistics and fold with
// the live numbers.
func cnnFormulas(v *CNNView) []string {
	s, f, r := v.Stats, v.Fold, v.Reduction
	return []string{
		fmt.Sprintf("μ_c = (1/(N·H·W)) Σ_{n,h,w} x[n,c,h,w] = (1/%d) Σ … = %.4g", r.Count, s.Mean),
		fmt.Sprintf("σ²_c = (1/(N·H·W)) Σ_{n,h,w} (x[n,c,h,w] − μ_c)² = %.4g", s.Var),
		fmt.Sprintf("y = γ_c (x − μ_c)/√(σ²_c + ε) + β_c = %.4g · (x − %.4g)/√(%.4g + %g) + %.4g", s.Gamma, s.Mean, s.Var, s.Eps, s.Beta),
		fmt.Sprintf("s = γ_c/√(running_var + ε) = %.4g/√(%.4g + %g) = %.4g", s.Gamma, f.RunningVar, s.Eps, f.Scale),
		fmt.Sprintf("b' = (b − running_mean)·s + β = (%.4g − %.4g) · %.4g + %.4g = %.4g", f.Bias, f.RunningMean, f.Scale, s.Beta, f.FoldedBias),
	}
}

// cnnNotes are short remarks for the current state.
func cnnNotes(v *CNNView) []string {
	notes := []string{
		fmt.Sprintf("%s has %d channels, so %s keeps %d means, %d variances, %d γ and %d β: one of each per channel, shared by every position of every image.",
			v.Conv, v.Channels, v.BN, v.Channels, v.Channels, v.Channels, v.Channels),
		"The variance used to normalise is the biased one (divided by N·H·W); running_var stores the unbiased one (× count/(count − 1)).",
	}
	if v.Steps == 0 {
		notes = append(notes, "The model is untrained: running_mean is 0 and running_var is 1, so the folded conv is almost the original one. Train a few steps to see a real fold.")
	}
	if v.Synthetic {
		notes = append(notes, "MNIST has not loaded yet: these images are synthetic stand-ins.")
	}
	return notes
}
