package mistakes

import "bnlab/lessons"

// View is the mistakes lesson's view model. Exactly one of Eval,
// DropoutBN, TinyBatch and DropoutOn is set, once the experiment is Done;
// every experiment measures the mistake and its fix, and Fixed says which
// one the student has chosen to look at. Accuracies are shares in [0, 1],
// measured on ValImages validation images.
type View struct {
	// Waiting is true until the page has given the lesson its data; Error
	// is a build or step error; Notices is always empty (kept for the
	// page's common code).
	Waiting bool
	Error   string
	Notices []lessons.Notice
	// Mistake is the experiment's id, Title its name; Fixed is the toggle.
	Mistake string
	Title   string
	Fixed   bool
	Steps   int
	Seed    uint64
	// Setup describes the networks and data in one sentence.
	Setup string
	// Progress is the share of the experiment's training done (0 to 1);
	// Done is true once the measurements are taken.
	Progress float64
	Done     bool
	// ValImages and TrainImages are the image counts used.
	ValImages   int
	TrainImages int
	// Question and Answer: the answer is revealed by the student.
	Question string
	Answer   string
	// MistakeText and FixText say in one sentence what is wrong and what
	// the fix does.
	MistakeText string
	FixText     string

	Eval      *EvalMistake
	DropoutBN *DropoutBNMistake
	TinyBatch *TinyBatchMistake
	DropoutOn *EvalMistake
}

// InferenceRun is the validation images predicted Passes times in one
// mode ("train", "eval" or "dropout-on": eval with Dropout in train mode),
// each pass in a fresh random order of mini-batches of 50.
type InferenceRun struct {
	Mode   string
	Label  string
	Passes int
	// Acc is each pass's accuracy; MeanAcc, MinAcc and MaxAcc summarise it.
	Acc     []float64
	MeanAcc float64
	MinAcc  float64
	MaxAcc  float64
	// Disagree is the share of images whose predicted class is not the same
	// in every pass; ProbStd is the mean over images of the standard
	// deviation across passes of the softmax probability of the true class.
	Disagree float64
	ProbStd  float64
	// Identical is true when every pass gave bit-identical outputs.
	Identical bool
}

// EvalMistake is the result of the "eval" and "dropout-on" experiments:
// one trained network (Net) predicting with the mistake and with the fix
// (model.eval()). AccLost = Fix.MeanAcc − Mistake.MeanAcc. Diverged is the
// engine's message when the net diverged in training (no runs then).
type EvalMistake struct {
	Net      string
	Diverged string
	Mistake  InferenceRun
	Fix      InferenceRun
	AccLost  float64
}

// UnitVariance is one unit of a BN layer: the variance of its input over
// the validation images in train mode (dropout on) and in eval mode
// (dropout off), the running variance BN divides by in eval mode, and
// Ratio = EvalVar / TrainVar (1: no variance shift). Without dropout in
// front the ratio is close to 1 but not exactly: in train mode the first
// BN normalises with the batch's statistics, in eval mode with its running
// ones.
type UnitVariance struct {
	Unit       int
	TrainVar   float64
	EvalVar    float64
	RunningVar float64
	Ratio      float64
}

// BNVariance is what the second BN layer of one network sees.
type BNVariance struct {
	Label     string
	Units     []UnitVariance
	MeanRatio float64
	MinRatio  float64
	MaxRatio  float64
	// ValAcc is the eval-mode validation accuracy.
	ValAcc   float64
	Diverged bool
	Error    string
}

// DropoutBNMistake is the result of the "dropout-bn" experiment: the same
// network with Dropout(P) before the second BN (Mistake), after the last
// BN (Fix) and without dropout (Baseline), trained on the same batches.
// AccLost = Fix.ValAcc − Mistake.ValAcc. The baseline's ratio is not 1
// either (see UnitVariance), so MistakeShift and FixShift are the mean
// ratios divided by the baseline's: the shift dropout itself adds (0 when
// the baseline diverged).
type DropoutBNMistake struct {
	P            float64
	Mistake      BNVariance
	Fix          BNVariance
	Baseline     BNVariance
	AccLost      float64
	MistakeShift float64
	FixShift     float64
}

// BatchSizeCurve is validation accuracy against batch size for one norm.
type BatchSizeCurve struct {
	Label    string
	ValAcc   []float64
	Diverged []bool
}

// TinyBatchMistake is the result of the "tiny-batch" experiment: at every
// batch size in Sizes, a BN net (Mistake) and a LayerNorm net (Fix) trained
// on the same Images images with the learning rate scaled to the batch
// size. MeanSpread[i] is the standard deviation of a
// batch's mean over random batches of Sizes[i] validation inputs of the
// first BN layer (of the BN net trained at batch 32), in units of each
// unit's standard deviation, averaged over units; ExpectedMeanSpread[i] is
// the sampling theory's √((N − m)/((N − 1) m)). VarSpread[i] is the same
// for the batch variance, relative to the unit's variance.
type TinyBatchMistake struct {
	Sizes              []int
	Images             int
	Mistake            BatchSizeCurve
	Fix                BatchSizeCurve
	MeanSpread         []float64
	VarSpread          []float64
	ExpectedMeanSpread []float64
}

// View returns the current *View.
func (l *Lesson) View() *View {
	t := mistakeTexts[l.mistake]
	f := func(s string) string { return fill(s, l.steps) }
	v := &View{Waiting: l.ds == nil, Mistake: l.mistake, Title: t.title, Fixed: l.fixed, Steps: l.steps,
		Seed: l.seed, Setup: f(t.setup), Question: f(t.question), Answer: f(t.answer), MistakeText: f(t.mistake), FixText: f(t.fix)}
	if l.err != nil {
		v.Error = l.err.Error()
	}
	e := l.exp
	if e == nil {
		return v
	}
	v.Progress, v.Done, v.ValImages, v.TrainImages = e.progress(), e.done(), len(e.valY), e.trainSrc.Len()
	if r := e.result; r != nil {
		v.Eval, v.DropoutBN, v.TinyBatch, v.DropoutOn = r.eval, r.dropoutBN, r.tiny, r.dropoutOn
	}
	return v
}

// Done reports whether the experiment has taken its measurements
// (lessons.Finite).
func (l *Lesson) Done() bool { return l.exp != nil && l.exp.done() }
