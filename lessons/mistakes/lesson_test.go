package mistakes

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// runMistake runs a mistakes experiment to the end and returns its view.
func runMistake(t testing.TB, hash string, ds *train.Dataset) (lessons.Lesson, *View) {
	t.Helper()
	l := lessontest.Open(t, New(), hash, ds)
	for i := 0; !l.(*Lesson).View().Done; i++ {
		if i > 10000 {
			t.Fatalf("%s: not done after %d steps", hash, i)
		}
		before := l.(*Lesson).View().Progress
		if err := l.Step(); err != nil {
			t.Fatalf("%s: %v", hash, err)
		}
		if after := l.(*Lesson).View(); !after.Done && after.Progress <= before {
			t.Fatalf("%s: progress went from %v to %v", hash, before, after.Progress)
		}
	}
	return l, l.(*Lesson).View()
}

// TestMistakesDeterministic: each experiment gives the same view for the
// same seed, and a view that encodes to JSON with its question and answer.
func TestMistakesDeterministic(t *testing.T) {
	ds := lessontest.Synthetic(t)
	for _, m := range []string{MistakeEval, MistakeDropoutBN, MistakeTinyBatch, MistakeDropoutOn} {
		hash := "#lesson=mistakes&mistake=" + m + "&steps=50&seed=3"
		_, a := runMistake(t, hash, ds)
		_, b := runMistake(t, hash, ds)
		ja, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s: two runs differ", m)
		}
		if a.Question == "" || a.Answer == "" || a.Title == "" || a.Progress != 1 {
			t.Errorf("%s: question %q, answer %q, progress %v", m, a.Question, a.Answer, a.Progress)
		}
		set := 0
		for _, p := range []bool{a.Eval != nil, a.DropoutBN != nil, a.TinyBatch != nil, a.DropoutOn != nil} {
			if p {
				set++
			}
		}
		if set != 1 {
			t.Errorf("%s: %d results set, want 1", m, set)
		}
	}
}

// TestMistakesModes: in eval mode repeated passes over the validation
// images give bit-identical outputs; in train mode (eval() forgotten) and
// with dropout left on they do not.
func TestMistakesModes(t *testing.T) {
	ds := lessontest.Synthetic(t)
	cases := []struct {
		mistake string
		get     func(*View) *EvalMistake
	}{
		{MistakeEval, func(v *View) *EvalMistake { return v.Eval }},
		{MistakeDropoutOn, func(v *View) *EvalMistake { return v.DropoutOn }},
	}
	for _, c := range cases {
		_, v := runMistake(t, "#lesson=mistakes&steps=100&mistake="+c.mistake, ds)
		r := c.get(v)
		if r == nil || r.Diverged != "" {
			t.Fatalf("%s: result %+v", c.mistake, r)
		}
		if !r.Fix.Identical || r.Fix.Disagree != 0 || r.Fix.MinAcc != r.Fix.MaxAcc || r.Fix.Mode != "eval" {
			t.Errorf("%s: eval-mode passes differ: %+v", c.mistake, r.Fix)
		}
		if r.Mistake.Identical || r.Mistake.ProbStd <= 0 || len(r.Mistake.Acc) != passes {
			t.Errorf("%s: the mistaken passes are identical: %+v", c.mistake, r.Mistake)
		}
		if math.Abs(r.AccLost-(r.Fix.MeanAcc-r.Mistake.MeanAcc)) > 1e-12 {
			t.Errorf("%s: AccLost %v", c.mistake, r.AccLost)
		}
	}
}

// TestMistakesVarianceShift: with dropout before BN the variance the
// second BN's units see in eval mode is clearly below what they see in
// train mode (inverted dropout adds variance in training only: Li et al.
// 2019); with dropout after the last BN the ratio stays close to 1 and to
// the baseline's without dropout.
func TestMistakesVarianceShift(t *testing.T) {
	_, v := runMistake(t, "#lesson=mistakes&steps=100&mistake=dropout-bn", lessontest.Synthetic(t))
	r := v.DropoutBN
	if r == nil || r.Mistake.Diverged || r.Fix.Diverged || len(r.Mistake.Units) != hidden {
		t.Fatalf("result %+v", r)
	}
	dist := func(x float64) float64 { return math.Abs(math.Log(x)) }
	t.Logf("mean eval/train variance ratio: dropout before BN %.3f, after the last BN %.3f", r.Mistake.MeanRatio, r.Fix.MeanRatio)
	if r.Mistake.MeanRatio > 0.8 || dist(r.Fix.MeanRatio) > 0.15 || dist(r.Mistake.MeanRatio) < 2*dist(r.Fix.MeanRatio) {
		t.Errorf("ratios before %.3f, after %.3f: want before ≤ 0.8 and after within e^±0.15 of 1", r.Mistake.MeanRatio, r.Fix.MeanRatio)
	}
	if r.Baseline.Diverged || len(r.Baseline.Units) != hidden || dist(r.FixShift) > 0.15 || r.MistakeShift > 0.85 {
		t.Errorf("against the baseline %.3f: before BN %.3f, after %.3f", r.Baseline.MeanRatio, r.MistakeShift, r.FixShift)
	}
	for _, u := range r.Mistake.Units {
		if u.TrainVar > 0 && math.Abs(u.Ratio-u.EvalVar/u.TrainVar) > 1e-12 {
			t.Errorf("unit %d: ratio %v, want %v", u.Unit, u.Ratio, u.EvalVar/u.TrainVar)
		}
	}
}

// TestMistakesTinyBatch: the spread of the batch mean follows sampling
// theory (σ/√m with the finite-population correction) and shrinks as the
// batch grows; every batch size has an accuracy for both norms.
func TestMistakesTinyBatch(t *testing.T) {
	_, v := runMistake(t, "#lesson=mistakes&steps=50&mistake=tiny-batch", lessontest.Synthetic(t))
	r := v.TinyBatch
	if r == nil || len(r.Mistake.ValAcc) != len(sizes) || len(r.Fix.ValAcc) != len(sizes) || len(r.MeanSpread) != len(sizes) {
		t.Fatalf("result %+v", r)
	}
	for i := range r.Sizes {
		if rel := r.MeanSpread[i] / r.ExpectedMeanSpread[i]; rel < 0.8 || rel > 1.2 {
			t.Errorf("batch %d: mean spread %.3f, theory %.3f", r.Sizes[i], r.MeanSpread[i], r.ExpectedMeanSpread[i])
		}
		if i > 0 && !(r.MeanSpread[i] < r.MeanSpread[i-1] && r.VarSpread[i] < r.VarSpread[i-1]) {
			t.Errorf("spread does not shrink from batch %d to %d: %v %v", r.Sizes[i-1], r.Sizes[i], r.MeanSpread, r.VarSpread)
		}
	}
}

// TestMistakesControls: the fixed toggle keeps the measurements; the URL
// round-trips; bad values are replaced with notices; no data means
// waiting.
func TestMistakesControls(t *testing.T) {
	l, v := runMistake(t, "#lesson=mistakes&steps=50", lessontest.Synthetic(t))
	st := l.(lessons.Stateful).State()
	st.Values[keyFixed] = "1"
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	if w := l.(*Lesson).View(); !w.Fixed || !w.Done || w.Eval == nil || w.Eval.Fix.MeanAcc != v.Eval.Fix.MeanAcc {
		t.Errorf("toggling fixed restarted the experiment: done %v fixed %v", w.Done, w.Fixed)
	}
	want := lessons.State{Lesson: "mistakes", Seed: 9, Values: lessons.Values{keyMistake: MistakeTinyBatch, keyFixed: "1", keySteps: "150"}}
	hash := lessontest.EncodeHash(New(), want)
	got, notes := lessontest.ParseHash(New(), hash)
	if len(notes) > 0 || got.Seed != 9 || got.Values[keyMistake] != MistakeTinyBatch || got.Values[keyFixed] != "1" || got.Values[keySteps] != "150" {
		t.Errorf("%s → %+v, %v", hash, got, notes)
	}
	if again := lessontest.EncodeHash(New(), lessontest.Open(t, New(), "#"+hash, nil).(lessons.Stateful).State()); again != hash {
		t.Errorf("State() encodes to %s, want %s", again, hash)
	}
	if err := l.Configure(lessons.Values{keySteps: "7"}, 1); err == nil || !l.(*Lesson).View().Fixed {
		t.Errorf("Configure accepted steps=7 (%v) or changed the state", err)
	}
	m, _ := lessontest.Defaults(New())
	if err := m.Step(); !errors.Is(err, train.ErrNoData) || !m.(*Lesson).View().Waiting {
		t.Errorf("without data: Step %v, view %+v", err, m.(*Lesson).View())
	}
	if err := m.Do("run"); err == nil {
		t.Error("Do(run) succeeded")
	}
}

// BenchmarkMistakesStep is one Step (a chunk of 25 steps of 32 images) of
// the forgetting-eval experiment.
func BenchmarkMistakesStep(b *testing.B) {
	ds := lessontest.Synthetic(b)
	l := lessontest.Open(b, New(), "#lesson=mistakes&steps=1000", ds)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if l.(*Lesson).View().Done {
			b.StopTimer()
			l = lessontest.Open(b, New(), "#lesson=mistakes&steps=1000", ds)
			b.StartTimer()
		}
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}
