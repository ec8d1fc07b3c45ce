package cnn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/train"
)

// foldTolerance is the float32 allowance of the folding comparison,
// relative to the largest output: both sides round each product and sum
// to float32 in a different order.
const foldTolerance = 1e-5

// biasCheck runs the highlighted channel's maps through a BatchNorm2d(1)
// in train mode with the channel's γ, β and ε, once as they are and once
// with the conv bias subtracted, and reports the largest difference: BN
// subtracts the batch mean, so a constant per-channel bias cancels
// (Ioffe & Szegedy 2015, §3.2).
func biasCheck(pass *pass, ch int) (BiasCheck, error) {
	n, c, h, w := pass.convOut.Shape[0], pass.convOut.Shape[1], pass.convOut.Shape[2], pass.convOut.Shape[3]
	bias := pass.convBias[ch]
	with, without := engine.New(n, 1, h, w), engine.New(n, 1, h, w)
	for i := range n {
		src := pass.convOut.Data[(i*c+ch)*h*w : (i*c+ch+1)*h*w]
		for k, f := range src {
			with.Data[i*h*w+k] = f
			without.Data[i*h*w+k] = float32(float64(f) - bias)
		}
	}
	bn, err := engine.NewBatchNorm2d(1, engine.WithEps(pass.eps))
	if err != nil {
		return BiasCheck{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	for _, prm := range bn.Params() {
		prm.Value.Data[0] = float32(pass.beta[ch])
		if prm.Name == "weight" {
			prm.Value.Data[0] = float32(pass.gamma[ch])
		}
	}
	y1, err := bn.Forward(with)
	if err != nil {
		return BiasCheck{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	y1 = y1.Clone() // BN reuses its output buffer on the next Forward
	y2, err := bn.Forward(without)
	if err != nil {
		return BiasCheck{}, fmt.Errorf("lessons: cnn: %w", err)
	}
	d := train.MaxAbsDiff(y1.Data, y2.Data)
	return BiasCheck{Bias: bias, MaxDiff: d, Text: fmt.Sprintf(
		"The conv adds b = %.4g to every value of channel %d; BN subtracts the batch mean, which contains b, so the output "+
			"with and without b differs by at most %.2g (float32 rounding). A conv followed by BN can drop its bias (bias=False).",
		bias, ch, d)}, nil
}

// foldAll is eval-mode BN folded into its conv, for every channel,
// and the comparison of the folded conv with conv → BN in eval mode.
type foldAll struct {
	scale, shift       []float64
	weights, folded    []float32 // (Out, In, kh, kw), copies
	bias, foldedBias   []float64
	rm, rv             []float64
	per, kk, outputs   int
	maxDiff, maxAbsOut float64
}

// foldAllOf folds the BN layer after features.convAt into the conv and
// compares the folded conv with conv → BN in eval mode on the batch's
// eval-mode input to the conv. The model is in train mode again after.
func foldAllOf(model *engine.Module, x *engine.Tensor, convAt int) (*foldAll, error) {
	feats := model.Child("features").(*engine.Sequential)
	conv := feats.Layer(convAt).(*engine.Conv2d)
	bn := feats.Layer(convAt + 1).(*engine.BatchNorm)
	model.Eval()
	defer model.Train()
	h := x
	for i := 0; i < convAt; i++ {
		out, err := feats.Layer(i).Forward(h)
		if err != nil {
			return nil, fmt.Errorf("lessons: cnn: features.%d: %w", i, err)
		}
		h = out
	}
	in := h.Clone()
	z, err := conv.Forward(in)
	if err != nil {
		return nil, fmt.Errorf("lessons: cnn: %w", err)
	}
	ref, err := bn.Forward(z)
	if err != nil {
		return nil, fmt.Errorf("lessons: cnn: %w", err)
	}
	scale, shift, ok := bn.FoldedAffine()
	if !ok {
		return nil, fmt.Errorf("lessons: cnn: %s tracks no running statistics", bn)
	}
	folded, err := engine.NewConv2dRect(conv.In, conv.Out, conv.Kernel, conv.Stride, conv.Padding, true, rand.New(rand.NewPCG(0, 0)))
	if err != nil {
		return nil, fmt.Errorf("lessons: cnn: %w", err)
	}
	per := conv.In * conv.Kernel[0] * conv.Kernel[1]
	f := &foldAll{scale: scale, shift: shift, per: per, kk: conv.Kernel[0] * conv.Kernel[1],
		weights: append([]float32(nil), conv.Weight.Value.Data...), bias: train.Float64s(conv.Bias.Value.Data)}
	for o := range conv.Out {
		for k := range per {
			folded.Weight.Value.Data[o*per+k] = float32(float64(conv.Weight.Value.Data[o*per+k]) * scale[o])
		}
		folded.Bias.Value.Data[o] = float32(float64(conv.Bias.Value.Data[o])*scale[o] + shift[o])
	}
	got, err := folded.Forward(in)
	if err != nil {
		return nil, fmt.Errorf("lessons: cnn: %w", err)
	}
	f.folded, f.foldedBias = append([]float32(nil), folded.Weight.Value.Data...), train.Float64s(folded.Bias.Value.Data)
	f.maxDiff, f.outputs = train.MaxAbsDiff(ref.Data, got.Data), len(ref.Data)
	for _, v := range ref.Data {
		if a := math.Abs(float64(v)); a > f.maxAbsOut {
			f.maxAbsOut = a
		}
	}
	for _, b := range bn.Buffers() {
		switch b.Name {
		case "running_mean":
			f.rm = train.Float64s(b.Value.Data)
		case "running_var":
			f.rv = train.Float64s(b.Value.Data)
		}
	}
	return f, nil
}

// view returns the fold as the view shows it, with channel ch's numbers.
func (a *foldAll) view(ch int) Fold {
	f := Fold{Channel: ch, Scale: a.scale[ch], Shift: a.shift[ch], Bias: a.bias[ch], FoldedBias: a.foldedBias[ch],
		RunningMean: a.rm[ch], RunningVar: a.rv[ch], MaxAbsDiff: a.maxDiff, MaxAbsOut: a.maxAbsOut}
	for k := range a.kk {
		f.Weights = append(f.Weights, float64(a.weights[ch*a.per+k]))
		f.Folded = append(f.Folded, float64(a.folded[ch*a.per+k]))
	}
	f.Tolerance = foldTolerance * math.Max(1, f.MaxAbsOut)
	f.Same = f.MaxAbsDiff <= f.Tolerance
	verdict := "the same up to float32 rounding"
	if !f.Same {
		verdict = "NOT the same: the fold is wrong"
	}
	f.Text = fmt.Sprintf("In eval mode BN is a fixed affine map per channel, y = s·z + t with s = γ/√(running_var + ε) and t = β − s·running_mean, so it folds into the conv: "+
		"w' = w·s and b' = s·b + t = (b − running_mean)·s + β. Over all %d outputs of the batch the folded conv and conv → BN differ "+
		"by at most %.2g (largest output %.3g): %s.", a.outputs, f.MaxAbsDiff, f.MaxAbsOut, verdict)
	return f
}

// formulas writes the highlighted channel's statistics and fold with
// the live numbers.
func formulas(v *View) []string {
	s, f, r := v.Stats, v.Fold, v.Reduction
	eps := numfmt.Num(s.Eps)
	return []string{
		fmt.Sprintf("μ_c = (1/(N·H·W)) Σ_{n,h,w} x[n,c,h,w] = (1/%d) Σ … = %s", r.Count, numfmt.Num(s.Mean)),
		fmt.Sprintf("σ²_c = (1/(N·H·W)) Σ_{n,h,w} (x[n,c,h,w] − μ_c)² = %s", numfmt.Num(s.Var)),
		fmt.Sprintf("y = γ_c (x − μ_c)/√(σ²_c + ε) + β_c = %s · (x − %s)/√(%s + %s) + %s",
			numfmt.Num(s.Gamma), numfmt.Paren(s.Mean), numfmt.Num(s.Var), eps, numfmt.Paren(s.Beta)),
		fmt.Sprintf("s = γ_c/√(running_var + ε) = %s/√(%s + %s) = %s", numfmt.Num(s.Gamma), numfmt.Num(f.RunningVar), eps, numfmt.Num(f.Scale)),
		fmt.Sprintf("b' = (b − running_mean)·s + β = (%s − %s) · %s + %s = %s",
			numfmt.Num(f.Bias), numfmt.Paren(f.RunningMean), numfmt.Num(f.Scale), numfmt.Paren(s.Beta), numfmt.Num(f.FoldedBias)),
	}
}

// notes are short remarks for the current state.
func notes(v *View) []string {
	notes := []string{
		fmt.Sprintf("%s has %d channels, so %s keeps %d means, %d variances, %d γ and %d β: one of each per channel, shared by every position of every image.",
			v.Conv, v.Channels, v.BN, v.Channels, v.Channels, v.Channels, v.Channels),
		"The variance used to normalise is the biased one (divided by N·H·W); running_var stores the unbiased one (× count/(count − 1)).",
		"The batch passes in train mode, as in a training step, so BN normalises it with its own statistics. In PyTorch that pass would also update running_mean and running_var, even under torch.no_grad() (only model.eval() stops it); the lab puts them back after looking, so here only training changes them.",
	}
	if v.Steps == 0 {
		notes = append(notes, "The model is untrained: running_mean is 0 and running_var is 1, so the folded conv is almost the original one. Train a few steps to see a real fold.")
	}
	if v.Synthetic {
		notes = append(notes, "MNIST has not loaded yet: these images are synthetic stand-ins.")
	}
	return notes
}
