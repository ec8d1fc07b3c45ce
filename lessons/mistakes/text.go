package mistakes

import (
	"strconv"
	"strings"

	"bnlab/lessons/numfmt"
)

// mistakeText is the prose of one experiment: its name, set-up, what is
// wrong, the fix, a question and its answer. The answers state FACTS.md's
// facts and point at the numbers measured, never at numbers written here;
// the settings they quote are {{name}} fields that fill writes in from the
// code's constants and the steps on the slider.
type mistakeText struct {
	title, setup, mistake, fix, question, answer string
}

// fill writes the experiments' settings into s: the constants of
// experiment.go and measure.go, and the steps of a run (none when steps is
// 0, as for the lesson's prose, which quotes constants only).
func fill(s string, steps int) string {
	sz := make([]string, len(sizes))
	for i, m := range sizes {
		sz[i] = strconv.Itoa(m)
	}
	run := []string{"{{steps}}", thousands(steps), "{{images}}", thousands(steps * batchSize), "{{tinyTotal}}", thousands(steps * tinyImages)}
	if steps <= 0 {
		run = nil // no run: the fields stay, and the prose's test catches them
	}
	return strings.NewReplacer(append(run,
		"{{trainN}}", thousands(trainN),
		"{{valN}}", strconv.Itoa(valN),
		"{{hidden}}", strconv.Itoa(hidden),
		"{{p}}", numfmt.Plain(dropP),
		"{{keep}}", numfmt.Plain(1-dropP),
		"{{scale}}", numfmt.Plain(1/(1-dropP)),
		"{{batch}}", strconv.Itoa(batchSize),
		"{{inferBatch}}", strconv.Itoa(inferBatch),
		"{{passes}}", strconv.Itoa(passes),
		"{{lr}}", numfmt.Plain(learningRate),
		"{{plainLR}}", numfmt.Plain(plainLR),
		"{{momentum}}", numfmt.Plain(momentum),
		"{{tinyImages}}", strconv.Itoa(tinyImages),
		"{{sizeMin}}", sz[0],
		"{{sizeMax}}", sz[len(sz)-1],
	)...).Replace(s)
}

// thousands writes a whole number with a comma between thousands: 2,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// mistakeTexts holds the prose of the four experiments by id.
var mistakeTexts = map[string]mistakeText{
	MistakeEval: {
		title:    "Forgetting model.eval() at inference",
		setup:    "An MLP 784 → {{hidden}} → {{hidden}} → 10 with Linear → BN → ReLU blocks and Dropout({{p}}) after the last BN, trained with SGD (learning rate {{lr}}, momentum {{momentum}}) for {{steps}} steps of {{batch}} images ({{images}} images drawn from the first {{trainN}} MNIST training images), then asked to predict {{valN}} validation images {{passes}} times, each time in a different random order of batches of {{inferBatch}}.",
		mistake:  "The network is still in train mode: every BN layer normalises with the statistics of the batch the image happens to be in, and dropout drops each unit of the last hidden layer with probability p = {{p}}.",
		fix:      "model.eval(): BN uses its running mean and variance (a fixed affine map) and dropout is the identity, so each image gets one answer whatever its batch-mates.",
		question: "In train mode, why does the same image get different predictions from one pass to the next, and why does eval mode always give identical outputs?",
		answer:   "In train mode the output depends on a fresh dropout mask and on the other images of the batch (BN's batch mean and variance), so it changes with every pass: look at the share of images whose predicted class is not the same in all passes, and at the accuracy of each pass. In eval mode nothing random is left and BN no longer looks at the batch, so the passes are bit-identical. In PyTorch call model.eval() before inference and model.train() before training; a forgotten eval() also keeps updating BN's running statistics with test data.",
	},
	MistakeDropoutBN: {
		title:    "Dropout before BN: the variance shift",
		setup:    "Three MLPs 784 → {{hidden}} → {{hidden}} → 10 with Linear → BN → ReLU blocks, trained on the same batches, {{steps}} steps of {{batch}} images from the first {{trainN}} MNIST training images: one with Dropout({{p}}) after the first block, so that it feeds the second BN; one with Dropout({{p}}) after the last BN; and a baseline without dropout, which shows how far train and eval mode differ without it.",
		mistake:  "Dropout before a BN layer: in training, BN's batch statistics (and so its running variance) include the extra variance the dropout mask adds; at inference dropout is off and BN receives inputs with a different variance than the one it normalises with.",
		fix:      "Put dropout after the last BN layer (or lower p), so that no BN sees a different variance in training and at inference (Li et al., CVPR 2019).",
		question: "Per unit of the second BN layer, how does the variance of its input in eval mode compare with train mode, for each placement? What does that do to the eval-mode accuracy?",
		answer:   "Inverted dropout keeps the mean but scales the survivors by 1/(1 − p), which adds variance in training only. So with dropout before BN the eval/train variance ratio falls well below the baseline's: in eval mode BN divides by a running variance learnt from the larger training variance, and every later layer receives shrunken activations. With dropout after the last BN the ratio stays near the baseline's, since no BN sees the masks. The baseline itself is not exactly 1, because the first BN normalises with the batch's statistics in train mode and with its running ones in eval mode; the table gives all three ratios from your run, and each against the baseline. Li et al. (2019) call this the variance shift; compare the accuracies measured here rather than expect a fixed loss, which depends on p, the width, the depth and the data.",
	},
	MistakeTinyBatch: {
		title:    "BN with a tiny batch",
		setup:    "MLPs 784 → {{hidden}} → {{hidden}} → 10 with BN (or LayerNorm) before each ReLU, at batch sizes {{sizeMin}} to {{sizeMax}}. Each net trains on about {{tinyImages}} × {{steps}} = {{tinyTotal}} images, drawn in batches of its size from the first {{trainN}} MNIST training images, with the learning rate scaled to the batch size ({{lr}} × m / {{batch}}), so every net takes the same step per image and only the normalisation differs.",
		mistake:  "BatchNorm trained with a few images per batch: the batch mean and variance it normalises with are noisy estimates, so training sees a different normalisation at every step from the one used at inference (running statistics).",
		fix:      "LayerNorm normalises each image over its own features and does not depend on the batch (GroupNorm likewise); otherwise use larger batches (16 or more is the usual rule of thumb).",
		question: "How does the spread of the batch mean change with the batch size, and where does BN's validation accuracy start to fall behind LayerNorm's?",
		answer:   "The batch mean of m samples scatters around the true mean with a standard deviation of about σ/√m: halving the batch makes it √2 times noisier, and the batch variance is noisier still. BN statistics get noisy below roughly 16 images per batch, though the noise grows smoothly, with no sharp threshold; Wu & He (2018) measured GroupNorm's ImageNet error 10.6 percentage points lower than BN's at 2 images per GPU (ResNet-50). LayerNorm, which Transformers use, is the same for every batch size. Read the two curves here: the numbers for this small MLP are what the experiment measured, not a law.",
	},
	MistakeDropoutOn: {
		title:    "Dropout left on at inference",
		setup:    "An MLP 784 → {{hidden}} → {{hidden}} → 10 without BN, with Dropout({{p}}) after each hidden ReLU, trained with SGD (learning rate {{plainLR}}, momentum {{momentum}}) for {{steps}} steps of {{batch}} images from the first {{trainN}} MNIST training images, then asked to predict {{valN}} validation images {{passes}} times.",
		mistake:  "The Dropout layers are left in train mode at inference: each prediction keeps every unit with probability 1 − p = {{keep}}, and scales the survivors by 1/(1 − p) = {{scale}}.",
		fix:      "model.eval() (Keras handles this in predict() and evaluate()): inverted dropout is the identity at inference and needs no scaling, because training already scaled the survivors.",
		question: "With dropout left on, how much do the predictions scatter and what happens to the accuracy? Why does eval mode need no (1 − p) scaling?",
		answer:   "Each pass samples a different sub-network, so the same image can get different classes (see the disagreement share and the per-pass accuracies), and one pass is usually less accurate than the full network. Inverted dropout keeps each unit with probability 1 − p and scales survivors by 1/(1 − p), so E[output] equals the input in training; at inference dropout is simply the identity. Averaging many dropout passes on purpose is Monte Carlo dropout, an uncertainty estimate, not a replacement for eval().",
	},
}
