// Package glossary is the lab's glossary: the terms the lessons use, each
// defined once. A lesson marks a use of a term in its prose with
// <span data-term="ID">…</span>; the page shows the definition on hover and
// on keyboard focus, and HTML is the glossary panel that lists them all.
package glossary

import (
	"fmt"
	"html"
	"strings"
)

// Term is one glossary entry.
type Term struct {
	// ID is the value of data-term, lower case with hyphens.
	ID string
	// Name is the term as the glossary lists it.
	Name string
	// Def is the definition, plain text (it is shown in a tooltip too).
	Def string
}

// Terms lists the glossary in the order the panel shows it.
var Terms = []Term{
	{"mini-batch", "mini-batch", "The small group of training samples (m of them) processed together in one step. BN computes its mean and variance over the mini-batch, separately for each feature."},
	{"running-statistics", "running statistics", "The running mean and running variance a BN layer keeps during training, as moving averages of the batch statistics; eval mode normalises with them instead of the batch's own."},
	{"biased-variance", "biased variance", "The average squared distance from the mean, dividing by m. BN's forward pass normalises with it; Keras 3 also stores it in moving_variance."},
	{"unbiased-variance", "unbiased variance", "The biased variance times m/(m − 1), an unbiased estimate for independent samples. PyTorch stores it in running_var."},
	{"momentum", "momentum (of BN)", "The weight of a moving average. In PyTorch momentum = 0.1 weights the NEW batch: r ← (1 − 0.1)·r + 0.1·batch. In Keras momentum = 0.99 weights the OLD value: r ← 0.99·r + 0.01·batch. PyTorch's 0.1 is Keras's 0.9."},
	{"epsilon", "ε (epsilon)", "A small constant added to the variance before the square root, so that a constant batch does not divide by zero; it makes x̂'s variance σ²/(σ² + ε), a little under 1. PyTorch's default is 10⁻⁵, Keras's 10⁻³."},
	{"affine-parameters", "affine parameters γ and β", "The learned scale γ and shift β of y = γ·x̂ + β, one pair per feature (per channel in a CNN). With γ = √(σ² + ε) and β = μ the layer could undo the normalisation."},
	{"logits", "logits", "The last layer's raw outputs, before softmax turns them into probabilities."},
	{"saturation", "saturation", "A sigmoid or tanh unit whose input is far from 0 sits on a flat part of the curve: its output hardly changes and its gradient is close to 0."},
	{"vanishing-gradient", "vanishing gradient", "Gradients that shrink as they pass back through many layers (each saturated or small-weighted layer multiplies them by a small factor), so the early layers barely learn."},
	{"internal-covariate-shift", "internal covariate shift", "Ioffe and Szegedy's name for the change in a layer's input distribution as the layers before it learn. Santurkar et al. 2018 dispute that BN helps by reducing it, and credit a smoother loss landscape instead."},
	{"inverted-dropout", "inverted dropout", "Dropout that scales the kept units by 1/(1 − p) during training, so that nothing changes at test time. PyTorch's and Keras's Dropout layers work this way."},
	{"classic-dropout", "classic dropout", "Dropout as first published: no scaling in training, and the weights (or outputs) multiplied by the keep probability 1 − p at test time."},
	{"mc-dropout", "Monte Carlo dropout", "Keeping dropout on at test time and averaging several stochastic forward passes; the spread of the passes is used as an estimate of uncertainty (Gal and Ghahramani 2016)."},
	{"ensemble", "ensemble", "Several models whose predictions are averaged. Dropout trains an exponential number of weight-sharing sub-networks, and the test-time network approximates their average."},
	{"co-adaptation", "co-adaptation", "Units that only work in combination with particular other units. Dropout makes every unit's partners unreliable, so each has to be useful on its own (Hinton et al. 2012)."},
	{"train-mode", "train mode", "model.train() in PyTorch, training=True in Keras: BN normalises with the batch's statistics and updates its running statistics; dropout drops units."},
	{"eval-mode", "eval mode", "model.eval() in PyTorch, training=False in Keras: BN normalises with its running statistics, and dropout passes everything through. The output no longer depends on the rest of the batch."},
	{"bn-folding", "BN folding", "At inference BN is a fixed per-channel scale and shift, so it can be merged into the weights and bias of the convolution or linear layer before it; the folded network gives the same outputs up to rounding."},
	{"layernorm", "LayerNorm", "Normalises each sample over its own features (in a Transformer, each token over its channels); no batch statistics and no running statistics, so it acts the same in train and eval mode. Its γ and β have one entry per element of the normalised shape (PyTorch's elementwise_affine), not one per channel."},
	{"groupnorm", "GroupNorm", "Normalises each sample over groups of channels (and their spatial positions), independent of the batch size; γ and β are per channel. LayerNorm and InstanceNorm are its extremes (one group; one channel per group)."},
	{"instancenorm", "InstanceNorm", "Normalises each channel of each sample over its spatial positions alone: GroupNorm with one channel per group."},
	{"variance-shift", "variance shift", "Li et al. 2019: dropout placed before BN makes the variance BN sees in training differ from the one at test time, when dropout is off, so BN's running variance no longer fits."},
	{"generalisation-gap", "generalisation gap", "The difference between a model's performance on its training data and on data it has not seen (here, training minus validation accuracy). Overfitting makes it grow."},
	{"weight-scaling", "weight-scaling approximation", "Using one network with scaled weights at test time in place of the average over all dropout sub-networks; exact for a single linear layer, an approximation through nonlinearities."},
}

// Lookup returns the term with the given id.
func Lookup(id string) (Term, bool) {
	for _, t := range Terms {
		if t.ID == id {
			return t, true
		}
	}
	return Term{}, false
}

// DefID is the id of term id's definition in the glossary panel, which a
// marked use refers to with aria-describedby.
func DefID(id string) string { return "gloss-" + id }

// HTML is the glossary panel: a folded section listing every term and
// its definition.
func HTML() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<details class="glossary" id="glossary"><summary><h2 id="glossary-title">Glossary</h2> <span class="aside">%d terms; a dotted underline in the text shows one, with its definition on hover or focus</span></summary><dl>`, len(Terms))
	for _, t := range Terms {
		fmt.Fprintf(&b, `<dt id="term-%s">%s</dt><dd id="%s">%s</dd>`, t.ID, html.EscapeString(t.Name), DefID(t.ID), html.EscapeString(t.Def))
	}
	b.WriteString(`</dl></details>`)
	return b.String()
}
