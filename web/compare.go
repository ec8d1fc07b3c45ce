package web

// compareRows is the course's side-by-side of Batch Normalisation and
// Dropout (the syllabus's comparison, corrected where it errs), one row per
// question, each with the lessons that show it. The overview draws it;
// TestCompareLinks checks that every lesson it links to exists.
var compareRows = []struct{ Question, BN, Dropout, Lessons string }{
	{"What it does", "Centres and scales each feature over the mini-batch, then applies a learned scale γ and shift β.",
		"Zeroes each unit with probability p and scales the survivors by 1/(1 − p) (inverted dropout).", "bn-steps dropout"},
	{"What it learns", "γ and β per feature (per channel in a CNN); the running mean and variance are buffers, not trained.",
		"Nothing: p is a hyperparameter.", "code cnn"},
	{"Train mode", "Normalises with the batch's own statistics and updates the running statistics.",
		"Draws a fresh random mask for every sample at every step.", "train-eval dropout"},
	{"Eval mode", "Normalises with the running statistics: a sample's output no longer depends on the rest of the batch.",
		"Passes everything through unchanged.", "train-eval"},
	{"What it is for", "Faster, steadier training: activations stay in their useful range and larger learning rates work.",
		"Regularisation: a smaller gap between training and validation accuracy.", "histograms overfitting"},
	{"Batch size", "Noisy statistics on small batches, and no training at all on one value per channel; GroupNorm and LayerNorm avoid the dependence.",
		"Independent of the batch.", "small-batches mistakes"},
	{"Where it goes", "Usually between the Linear or Conv layer and its activation; after the activation also trains.",
		"After a hidden layer's activation; not just before a BN layer (variance shift).", "placement mistakes"},
	{"Used together", "BN often reduces the need for dropout (BN-Inception dropped it).",
		"If both, put dropout after the last BN, where it cannot shift BN's statistics.", "overfitting mistakes code"},
	{"Forgetting model.eval()", "Test outputs depend on the test batch and the running statistics keep moving.",
		"Test outputs stay random: each pass drops different units, so predictions vary from run to run.", "mistakes train-eval"},
}
