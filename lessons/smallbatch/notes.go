package smallbatch

import (
	"fmt"
	"math"
)

// facts are what the literature reports (FACTS.md, "small batches"):
// reference results with their setting, not computed here.
var facts = []string{
	"A rule of thumb, not a law: BN's batch statistics get noisy below roughly 16 samples per batch. How noisy depends on how many values each channel's statistics average (batch × positions) and how alike they are; the table above measures it for this input.",
	"Reference, Wu & He (ECCV 2018, Fig. 1): ResNet-50 on ImageNet with 2 images per GPU. GroupNorm's validation error was about 24.1% against BN's 34.7%, 10.6 percentage points lower. GroupNorm does not depend on the batch size.",
	"LayerNorm normalises each sample over its own features; it is the normalisation Transformers (BERT, GPT) use.",
	"In eval mode BN uses its running statistics, so inference does not depend on the batch either; the problem is training with small batches.",
}

// notes are short remarks on the measured numbers for the current state.
func notes(v *View) []string {
	var cur, big SpreadPoint
	for _, pt := range v.Spread {
		if pt.Current {
			cur = pt
		}
		if pt.M == 64 {
			big = pt
		}
	}
	var notes []string
	sigma := math.Sqrt(v.PopVar)
	switch {
	case cur.Failed:
		notes = append(notes, fmt.Sprintf("With m = %d dense features BN cannot train at all: %s", cur.M, v.Norms[0].Error))
	default:
		notes = append(notes, fmt.Sprintf("At m = %d the batch mean of channel 0 has standard deviation %.3g around the population mean %.3g "+
			"(%.0f%% of σ = %.3g); at m = 64 it is %.3g. Halving the noise takes four times the batch.",
			cur.M, cur.MeanStd, v.PopMean, 100*cur.MeanStd/sigma, sigma, big.MeanStd))
		notes = append(notes, fmt.Sprintf("The biased batch variance averages %.3g against the population's %.3g (a fraction %.3g): it falls short by the variance of the batch mean, so it underestimates on small batches.",
			cur.VarMean, v.PopVar, cur.VarFrac))
	}
	if v.Shape == "conv" {
		notes = append(notes, fmt.Sprintf("A feature map gives BN %d values per sample, but they belong to one image and move together, "+
			"so more pixels do not replace more images.", v.PerSample))
	}
	if v.Shape == "dense" && v.Groups == v.Channels {
		notes = append(notes, "With one dense feature per group, every GroupNorm group holds a single value: its variance is 0 and the output is just β.")
	}
	if v.Groups == 1 {
		notes = append(notes, "GroupNorm with one group normalises each sample over all its channels and positions, the same statistics as LayerNorm over (C, H, W).")
	}
	return notes
}
