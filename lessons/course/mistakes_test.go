package course

import (
	"bnlab/lessons"
	"bnlab/lessons/train"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

// runMistake runs a mistakes experiment to the end and returns its view.
func runMistake(t testing.TB, hash string, ds *train.Dataset) (lessons.Lesson, *MistakesView) {
	t.Helper()
	l := trainingLesson(t, hash, ds)
	for i := 0; !l.View().(*MistakesView).Done; i++ {
		if i > 10000 {
			t.Fatalf("%s: not done after %d steps", hash, i)
		}
		before := l.View().(*MistakesView).Progress
		if err := l.Step(); err != nil {
			t.Fatalf("%s: %v", hash, err)
		}
		if after := l.View().(*MistakesView); !after.Done && after.Progress <= before {
			t.Fatalf("%s: progress went from %v to %v", hash, before, after.Progress)
		}
	}
	return l, l.View().(*MistakesView)
}

// TestMistakesDeterministic: each experiment gives the same view for the
// same seed, and a view that encodes to JSON with its question and answer.
func TestMistakesDeterministic(t *testing.T) {
	ds := testSynthetic(t)
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
	ds := testSynthetic(t)
	cases := []struct {
		mistake string
		get     func(*MistakesView) *EvalMistake
	}{
		{MistakeEval, func(v *MistakesView) *EvalMistake { return v.Eval }},
		{MistakeDropoutOn, func(v *MistakesView) *EvalMistake { return v.DropoutOn }},
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
		if r.Mistake.Identical || r.Mistake.ProbStd <= 0 || len(r.Mistake.Acc) != mkPasses {
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
// 2019); with dropout after the last BN the ratio stays close to 1.
func TestMistakesVarianceShift(t *testing.T) {
	_, v := runMistake(t, "#lesson=mistakes&steps=100&mistake=dropout-bn", testSynthetic(t))
	r := v.DropoutBN
	if r == nil || r.Mistake.Diverged || r.Fix.Diverged || len(r.Mistake.Units) != mkWidth {
		t.Fatalf("result %+v", r)
	}
	dist := func(x float64) float64 { return math.Abs(math.Log(x)) }
	t.Logf("mean eval/train variance ratio: dropout before BN %.3f, after the last BN %.3f", r.Mistake.MeanRatio, r.Fix.MeanRatio)
	if r.Mistake.MeanRatio > 0.8 || dist(r.Fix.MeanRatio) > 0.15 || dist(r.Mistake.MeanRatio) < 2*dist(r.Fix.MeanRatio) {
		t.Errorf("ratios before %.3f, after %.3f: want before ≤ 0.8 and after within e^±0.15 of 1", r.Mistake.MeanRatio, r.Fix.MeanRatio)
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
	_, v := runMistake(t, "#lesson=mistakes&steps=50&mistake=tiny-batch", testSynthetic(t))
	r := v.TinyBatch
	if r == nil || len(r.Mistake.ValAcc) != len(mkSizes) || len(r.Fix.ValAcc) != len(mkSizes) || len(r.MeanSpread) != len(mkSizes) {
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
	l, v := runMistake(t, "#lesson=mistakes&steps=50", testSynthetic(t))
	st := l.(lessons.Stateful).State()
	st.Values[mkFixed] = "1"
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	if w := l.View().(*MistakesView); !w.Fixed || !w.Done || w.Eval == nil || w.Eval.Fix.MeanAcc != v.Eval.Fix.MeanAcc {
		t.Errorf("toggling fixed restarted the experiment: done %v fixed %v", w.Done, w.Fixed)
	}
	want := lessons.State{Lesson: "mistakes", Seed: 9, Values: lessons.Values{mkMistake: MistakeTinyBatch, mkFixed: "1", mkSteps: "150"}}
	hash := EncodeHash(want)
	got, notes := ParseHash(hash)
	if len(notes) > 0 || got.Seed != 9 || got.Values[mkMistake] != MistakeTinyBatch || got.Values[mkFixed] != "1" || got.Values[mkSteps] != "150" {
		t.Errorf("%s → %+v, %v", hash, got, notes)
	}
	if again := EncodeHash(trainingLesson(t, "#"+hash, nil).(lessons.Stateful).State()); again != hash {
		t.Errorf("State() encodes to %s, want %s", again, hash)
	}
	if err := l.Configure(lessons.Values{mkSteps: "7"}, 1); err == nil || !l.View().(*MistakesView).Fixed {
		t.Errorf("Configure accepted steps=7 (%v) or changed the state", err)
	}
	m, _ := New("mistakes")
	if err := m.Step(); !errors.Is(err, train.ErrNoData) || !m.View().(*MistakesView).Waiting {
		t.Errorf("without data: Step %v, view %+v", err, m.View())
	}
	if err := m.Do("run"); err == nil {
		t.Error("Do(run) succeeded")
	}
}

// TestOverfittingMistakesClamp: bad address values of both lessons are
// clamped or replaced, each with one notice naming it.
func TestOverfittingMistakesClamp(t *testing.T) {
	cases := []struct{ hash, key, used, inTxt string }{
		{"lesson=overfitting&n=50", ofN, "200", "below the minimum"},
		{"lesson=overfitting&n=99999", ofN, "5000", "above the maximum"},
		{"lesson=overfitting&p=0.95", ofP, "0.8", "above the maximum"},
		{"lesson=overfitting&lr=0", ofLR, ofDefaultLR, "positive"},
		{"lesson=overfitting&lr=40", ofLR, "5", "above the maximum"},
		{"lesson=overfitting&width=4096", ofWidth, "512", "above the maximum"},
		{"lesson=overfitting&steps=abc", ofSteps, "1000", "not a number"},
		{"lesson=mistakes&mistake=nan", mkMistake, MistakeEval, "not one of the choices"},
		{"lesson=mistakes&fixed=2", mkFixed, "0", "not 1 or 0"},
		{"lesson=mistakes&steps=5000", mkSteps, "1000", "above the maximum"},
	}
	for _, c := range cases {
		st, notes := ParseHash(c.hash)
		if len(notes) != 1 || notes[0].Key != c.key || notes[0].Used != c.used || !strings.Contains(notes[0].Text, c.inTxt) {
			t.Errorf("%s: notices %+v, want one for %s using %s (%q)", c.hash, notes, c.key, c.used, c.inTxt)
			continue
		}
		if st.Values[c.key] != c.used {
			t.Errorf("%s: %s=%q, want %q", c.hash, c.key, st.Values[c.key], c.used)
		}
	}
	want := lessons.State{Lesson: "overfitting", Seed: 4, Values: lessons.Values{ofN: "1200", ofP: "0.3", ofLR: "1", ofSteps: "400", ofWidth: "128"}}
	hash := EncodeHash(want)
	if got, notes := ParseHash(hash); len(notes) > 0 || got.Values[ofN] != "1200" || got.Values[ofLR] != "1" || got.Seed != 4 {
		t.Errorf("%s → %+v, %v", hash, got, notes)
	}
	if again := EncodeHash(trainingLesson(t, "#"+hash, nil).(lessons.Stateful).State()); again != hash {
		t.Errorf("State() encodes to %s, want %s", again, hash)
	}
}

// BenchmarkMistakesStep is one Step (a chunk of 25 steps of 32 images) of
// the forgetting-eval experiment.
func BenchmarkMistakesStep(b *testing.B) {
	ds := testSynthetic(b)
	l := trainingLesson(b, "#lesson=mistakes&steps=1000", ds)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if l.View().(*MistakesView).Done {
			b.StopTimer()
			l = trainingLesson(b, "#lesson=mistakes&steps=1000", ds)
			b.StartTimer()
		}
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}
