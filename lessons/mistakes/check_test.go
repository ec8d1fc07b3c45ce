package mistakes

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// mnistRuns caches finished experiments on MNIST, by address.
var mnistRuns sync.Map

// mnistRun returns the lesson at hash with its experiment finished on the
// first 2,000 MNIST training and 500 test images, or skips when MNIST
// cannot be loaded.
func mnistRun(t *testing.T, hash string) *Lesson {
	t.Helper()
	if l, ok := mnistRuns.Load(hash); ok {
		return l.(*Lesson)
	}
	l, _ := runMistake(t, hash, lessontest.MNIST(t, trainN, valN))
	mnistRuns.Store(hash, l.(*Lesson))
	return l.(*Lesson)
}

// TestCostBin: the options' edges.
func TestCostBin(t *testing.T) {
	for gain, want := range map[float64]string{-0.2: "worse", -0.011: "worse", -0.01: "none", 0: "none", 0.01: "none", 0.012: "some", 0.05: "some", 0.051: "lots", 0.3: "lots"} {
		if got := costBin(gain); got != want {
			t.Errorf("costBin(%v) = %q, want %q", gain, got, want)
		}
	}
}

// TestCostAnswer: the accuracy the fix wins back, for hand-made results of
// every experiment, and no answer before the measurements.
func TestCostAnswer(t *testing.T) {
	run := func(label string, acc, disagree float64) InferenceRun {
		return InferenceRun{Label: label, MeanAcc: acc, Disagree: disagree}
	}
	cases := []struct {
		name   string
		v      View
		choice string
		inWhy  []string
	}{
		{"waiting", View{Waiting: true}, "", []string{"have not loaded"}},
		{"training", View{Progress: 0.25}, "", []string{"25.0% trained"}},
		{"eval", View{Done: true, Eval: &EvalMistake{Mistake: run("train", 0.85, 0.28), Fix: run("eval", 0.89, 0), AccLost: 0.04}},
			"some", []string{"85.0%", "89.0%", "+4.0 pts", "28.0% of the images changed class"}},
		{"eval diverged", View{Done: true, Eval: &EvalMistake{Diverged: "NaN at step 3"}}, "", []string{"NaN at step 3"}},
		{"dropout-on", View{Done: true, DropoutOn: &EvalMistake{Mistake: run("on", 0.75, 0.5), Fix: run("eval", 0.87, 0)}},
			"lots", []string{"+12.0 pts", "1 − p = 0.5"}},
		{"dropout-bn", View{Done: true, DropoutBN: &DropoutBNMistake{Mistake: BNVariance{Label: "before", ValAcc: 0.886, MeanRatio: 0.63},
			Fix: BNVariance{Label: "after", ValAcc: 0.892, MeanRatio: 0.895}}}, "none", []string{"+0.6 pts", "0.63 with dropout before BN", "0.895 after"}},
		{"dropout-bn worse", View{Done: true, DropoutBN: &DropoutBNMistake{Mistake: BNVariance{ValAcc: 0.9}, Fix: BNVariance{ValAcc: 0.87}}}, "worse", []string{"−3.0 pts"}},
		{"tiny-batch", View{Done: true, TinyBatch: &TinyBatchMistake{Sizes: []int{2, 4}, MeanSpread: []float64{0.69, 0.5},
			Mistake: BatchSizeCurve{ValAcc: []float64{0.516, 0.8}, Diverged: []bool{false, false}},
			Fix:     BatchSizeCurve{ValAcc: []float64{0.806, 0.8}, Diverged: []bool{false, false}}}}, "lots", []string{"BN at batch 2: 51.6%", "+29.0 pts", "0.69"}},
		{"tiny-batch BN diverged", View{Done: true, TinyBatch: &TinyBatchMistake{Sizes: []int{2},
			Mistake: BatchSizeCurve{ValAcc: []float64{0}, Diverged: []bool{true}},
			Fix:     BatchSizeCurve{ValAcc: []float64{0.8}, Diverged: []bool{false}}}}, "lots", []string{"diverged (counted as 0%)"}},
	}
	for _, c := range cases {
		a := costAnswer(&c.v)
		if a.Choice != c.choice {
			t.Errorf("%s: answer %q, want %q (%s)", c.name, a.Choice, c.choice, a.Why)
		}
		for _, w := range c.inWhy {
			if !strings.Contains(a.Why, w) {
				t.Errorf("%s: why lacks %q: %q", c.name, w, a.Why)
			}
		}
		if _, err := pages.Judge(checks[0], a, "none"); err != nil {
			t.Errorf("%s: judging: %v", c.name, err)
		}
	}
}

// TestBatchOneAnswer: a network with BN stops with the engine's error on
// a batch of one in train mode, before and after training; the dropout
// network without BN runs, and the same image gets different outputs.
func TestBatchOneAnswer(t *testing.T) {
	ds := lessontest.Synthetic(t)
	for kind, want := range map[string]string{MistakeEval: "error", MistakeDropoutBN: "error", MistakeTinyBatch: "error", MistakeDropoutOn: "noisy"} {
		hash := "#lesson=mistakes&steps=50&mistake=" + kind
		for _, data := range []bool{false, true} {
			var l *Lesson
			if data {
				l = lessontest.Open(t, New(), hash, ds).(*Lesson)
				if err := l.Step(); err != nil {
					t.Fatal(err)
				}
			} else {
				l = lessontest.OpenAs[*Lesson](t, New(), hash)
			}
			a, err := l.Answer(checkBatchOne)
			if err != nil {
				t.Fatalf("%s (data %v): %v", kind, data, err)
			}
			if a.Choice != want {
				t.Errorf("%s (data %v): answer %q, want %q: %s", kind, data, a.Choice, want, a.Why)
			}
			if want == "error" && !strings.Contains(a.Why, "Expected more than 1 value per channel when training") {
				t.Errorf("%s: why lacks the engine's error: %s", kind, a.Why)
			}
			if data != strings.Contains(a.Why, "trained for 25 of its") && kind != MistakeTinyBatch {
				t.Errorf("%s (data %v): why does not say how far the copy was trained: %s", kind, data, a.Why)
			}
		}
	}
}

// TestAnswersKeepTheState: asking both checks in the middle of training
// leaves the experiment's result exactly as without them.
func TestAnswersKeepTheState(t *testing.T) {
	ds := lessontest.Synthetic(t)
	for _, kind := range []string{MistakeEval, MistakeDropoutOn} {
		hash := "#lesson=mistakes&steps=100&mistake=" + kind
		_, plain := runMistake(t, hash, ds)
		l := lessontest.Open(t, New(), hash, ds).(*Lesson)
		for !l.Done() {
			for _, c := range checks {
				if _, err := l.Answer(c.ID); err != nil {
					t.Fatal(err)
				}
			}
			if err := l.Step(); err != nil {
				t.Fatal(err)
			}
		}
		a, _ := json.Marshal(plain)
		b, _ := json.Marshal(l.View())
		if string(a) != string(b) {
			t.Errorf("%s: asking the checks changed the result", kind)
		}
	}
}

// TestChecksErrors: an unknown id and an unconfigured lesson are errors.
func TestChecksErrors(t *testing.T) {
	if _, err := New().(*Lesson).Answer(checkCost); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l := lessontest.OpenAs[*Lesson](t, New(), "#lesson=mistakes")
	if _, err := l.Answer("mistakes-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

// TestTextsFilled: every experiment's texts and the prose carry the code's
// constants, with no field left unfilled; the tiny-batch set-up states the
// images each net trains on, from the steps.
func TestTextsFilled(t *testing.T) {
	if strings.Contains(Prose, "{{") {
		t.Error("the prose has an unfilled field")
	}
	for _, steps := range []string{"50", "300", "1000"} {
		for kind := range mistakeTexts {
			v := lessontest.OpenAs[*Lesson](t, New(), "#lesson=mistakes&mistake="+kind+"&steps="+steps).View()
			all := v.Setup + v.MistakeText + v.FixText + v.Question + v.Answer
			if strings.Contains(all, "{{") || !strings.Contains(v.Setup, "first 2,000 MNIST") || !strings.Contains(v.Setup, "64 → 64") {
				t.Errorf("%s at %s steps: %q", kind, steps, v.Setup)
			}
		}
	}
	v := lessontest.OpenAs[*Lesson](t, New(), "#lesson=mistakes&mistake=tiny-batch&steps=300").View()
	if !strings.Contains(v.Setup, "8 × 300 = 2,400 images") || !strings.Contains(v.Setup, "0.05 × m / 32") {
		t.Errorf("tiny-batch set-up: %q", v.Setup)
	}
	if v := lessontest.OpenAs[*Lesson](t, New(), "#lesson=mistakes&mistake=dropout-on").View(); !strings.Contains(v.MistakeText, "1/(1 − p) = 2") {
		t.Errorf("dropout-on: %q", v.MistakeText)
	}
}

// TestTasks: what each guided task asks the student to see, on MNIST.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=mistakes&mistake=eval": func(t *testing.T, hash string) {
			e := mnistRun(t, hash).View().Eval
			if e.Mistake.Disagree <= 0.2 || e.Mistake.MaxAcc >= e.Fix.MinAcc || !e.Fix.Identical || len(e.Mistake.Acc) != passes {
				t.Errorf("train mode: %s change class, accuracies %v; eval mode %v (identical %v)", numfmt.Pct(e.Mistake.Disagree), e.Mistake.Acc, e.Fix.Acc, e.Fix.Identical)
			}
		},
		"#lesson=mistakes&mistake=dropout-bn": func(t *testing.T, hash string) {
			d := mnistRun(t, hash).View().DropoutBN
			if d.MistakeShift >= 0.8 || d.FixShift < 0.9 || d.FixShift > 1.1 || d.AccLost <= -0.02 || d.AccLost >= 0.02 {
				t.Errorf("against the baseline %.3f: before BN %.3f, after %.3f; accuracies differ by %v", d.Baseline.MeanRatio, d.MistakeShift, d.FixShift, d.AccLost)
			}
			if !lessontest.Close(d.MistakeShift, d.Mistake.MeanRatio/d.Baseline.MeanRatio, 1e-12) {
				t.Errorf("MistakeShift %v is not the ratio of the ratios", d.MistakeShift)
			}
		},
		"#lesson=mistakes&mistake=tiny-batch": func(t *testing.T, hash string) {
			b := mnistRun(t, hash).View().TinyBatch
			if b.Sizes[0] != 2 || b.Fix.ValAcc[0]-b.Mistake.ValAcc[0] <= 0.2 {
				t.Errorf("batch %d: BN %v, LayerNorm %v", b.Sizes[0], b.Mistake.ValAcc[0], b.Fix.ValAcc[0])
			}
			for i, m := range b.Sizes {
				if m >= 16 && b.Mistake.ValAcc[i] <= b.Fix.ValAcc[i] {
					t.Errorf("batch %d: BN %v is not ahead of LayerNorm %v", m, b.Mistake.ValAcc[i], b.Fix.ValAcc[i])
				}
			}
		},
	})
}

// TestAnswersOnMNIST: at the tasks' states the cost check's answer is read
// off the results the tasks show.
func TestAnswersOnMNIST(t *testing.T) {
	for _, h := range []string{"#lesson=mistakes&mistake=eval", "#lesson=mistakes&mistake=dropout-bn", "#lesson=mistakes&mistake=tiny-batch"} {
		l := mnistRun(t, h)
		v := l.View()
		var gain float64
		switch {
		case v.Eval != nil:
			gain = v.Eval.Fix.MeanAcc - v.Eval.Mistake.MeanAcc
		case v.DropoutBN != nil:
			gain = v.DropoutBN.Fix.ValAcc - v.DropoutBN.Mistake.ValAcc
		default:
			gain = v.TinyBatch.Fix.ValAcc[0] - v.TinyBatch.Mistake.ValAcc[0]
		}
		a, err := l.Answer(checkCost)
		if err != nil || a.Choice != costBin(gain) || !strings.Contains(a.Why, pages.Pts(gain)) {
			t.Errorf("%s: answer %q (%v), want %q for a gain of %v: %s", h, a.Choice, err, costBin(gain), gain, a.Why)
		}
		ch, _ := lessons.FindCheck(checks, checkCost)
		if v, err := pages.Judge(ch, a, a.Choice); err != nil || !v.Right {
			t.Errorf("%s: judging the right answer: %+v %v", h, v, err)
		}
	}
}
