package mistakes

// mistakeText is the prose of one experiment: its name, set-up, what is
// wrong, the fix, a question and its answer. The answers state FACTS.md's
// facts and point at the numbers measured, never at numbers written here.
type mistakeText struct {
	title, setup, mistake, fix, question, answer string
}

// mistakeTexts holds the prose of the four experiments by id.
var mistakeTexts = map[string]mistakeText{
	MistakeEval: {
		title:    "Forgetting model.eval() at inference",
		setup:    "An MLP 784 → 64 → 64 → 10 with Linear → BN → ReLU blocks and Dropout(0.5) after the last BN, trained with SGD on 2,000 MNIST images, then asked to predict 500 validation images five times, each time in a different random order of batches of 50.",
		mistake:  "The network is still in train mode: every BN layer normalises with the statistics of the batch the image happens to be in, and dropout drops half of the last layer's units at random.",
		fix:      "model.eval(): BN uses its running mean and variance (a fixed affine map) and dropout is the identity, so each image gets one answer whatever its batch-mates.",
		question: "In train mode, why does the same image get different predictions from one pass to the next, and why does eval mode always give identical outputs?",
		answer:   "In train mode the output depends on a fresh dropout mask and on the other images of the batch (BN's batch mean and variance), so it changes with every pass: look at the share of images whose predicted class is not the same in all passes, and at the accuracy of each pass. In eval mode nothing random is left and BN no longer looks at the batch, so the passes are bit-identical. In PyTorch call model.eval() before inference and model.train() before training; a forgotten eval() also keeps updating BN's running statistics with test data.",
	},
	MistakeDropoutBN: {
		title:    "Dropout before BN: the variance shift",
		setup:    "Two MLPs 784 → 64 → 64 → 10 with Linear → BN → ReLU blocks and Dropout(0.5), trained on the same batches: one with the dropout after the first block, so that it feeds the second BN; one with the dropout after the last BN.",
		mistake:  "Dropout before a BN layer: in training, BN's batch statistics (and so its running variance) include the extra variance the dropout mask adds; at inference dropout is off and BN receives inputs with a different variance than the one it normalises with.",
		fix:      "Put dropout after the last BN layer (or lower p), so that no BN sees a different variance in training and at inference (Li et al., CVPR 2019).",
		question: "Per unit of the second BN layer, how does the variance of its input in eval mode compare with train mode, for each placement? What does that do to the eval-mode accuracy?",
		answer:   "With dropout before BN the ratio eval variance / train variance is away from 1 for the units (inverted dropout keeps the mean but scales survivors by 1/(1 − p), which adds variance in training only): in eval mode BN divides by a running variance that no longer matches its input, and every later layer receives shifted activations. With dropout after the last BN the ratio stays close to 1. Li et al. (2019) call this the variance shift; compare the two accuracies measured here rather than expect a fixed loss, which depends on p, the width and the data.",
	},
	MistakeTinyBatch: {
		title:    "BN with a tiny batch",
		setup:    "MLPs 784 → 64 → 64 → 10 with BN (or LayerNorm) before each ReLU, trained on 2,000 MNIST images at batch sizes 2 to 64, each on the same number of images (8 × steps) with the learning rate scaled to the batch size (0.05 × m / 32), so every net takes the same step per image and only the normalisation differs.",
		mistake:  "BatchNorm trained with a few images per batch: the batch mean and variance it normalises with are noisy estimates, so training sees a different normalisation at every step from the one used at inference (running statistics).",
		fix:      "LayerNorm normalises each image over its own features and does not depend on the batch (GroupNorm likewise); otherwise use batches of roughly 16 or more.",
		question: "How does the spread of the batch mean change with the batch size, and where does BN's validation accuracy start to fall behind LayerNorm's?",
		answer:   "The batch mean of m samples scatters around the true mean with a standard deviation of about σ/√m: halving the batch makes it √2 times noisier, and the batch variance is noisier still. BN statistics get noisy below roughly 16 images per batch; Wu & He (2018) measured GroupNorm's ImageNet error 10.6 percentage points lower than BN's at 2 images per GPU. LayerNorm, which Transformers use, is the same for every batch size. Read the two curves here: the numbers for this small MLP are what the experiment measured, not a law.",
	},
	MistakeDropoutOn: {
		title:    "Dropout left on at inference",
		setup:    "An MLP 784 → 64 → 64 → 10 without BN, with Dropout(0.5) after each hidden ReLU, trained on 2,000 MNIST images, then asked to predict 500 validation images five times.",
		mistake:  "The Dropout layers are left in train mode at inference: each prediction uses a random half of the units, scaled by 1/(1 − p) = 2.",
		fix:      "model.eval() (Keras handles this in predict() and evaluate()): inverted dropout is the identity at inference and needs no scaling, because training already scaled the survivors.",
		question: "With dropout left on, how much do the predictions scatter and what happens to the accuracy? Why does eval mode need no (1 − p) scaling?",
		answer:   "Each pass samples a different sub-network, so the same image can get different classes (see the disagreement share and the per-pass accuracies), and one pass is usually less accurate than the full network. Inverted dropout keeps each unit with probability 1 − p and scales survivors by 1/(1 − p), so E[output] equals the input in training; at inference dropout is simply the identity. Averaging many dropout passes on purpose is Monte Carlo dropout, an uncertainty estimate, not a replacement for eval().",
	},
}
