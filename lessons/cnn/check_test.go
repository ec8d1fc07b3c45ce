package cnn

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
)

// judge runs a prediction through the page's verdict.
func judge(t *testing.T, l *Lesson, id, prediction string) pages.Verdict {
	t.Helper()
	a, err := l.Answer(id)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := lessons.FindCheck(l.Checks(), id)
	vd, err := pages.Judge(c, a, prediction)
	if err != nil {
		t.Fatalf("%s: judging %q: %v", id, prediction, err)
	}
	return vd
}

// TestCheckCount: one channel's mean averages N·H·W values, 28 × 28 at
// features.0 and 14 × 14 at features.4.
func TestCheckCount(t *testing.T) {
	for _, c := range []struct {
		hash string
		want float64
	}{
		{"#lesson=cnn", 8 * 28 * 28},
		{"#lesson=cnn&batch=3&channel=31", 3 * 28 * 28},
		{"#lesson=cnn&layer=features.4&batch=5&channel=40", 5 * 14 * 14},
	} {
		l, v := cnnFrom(t, c.hash)
		a, err := l.Answer(checkCount)
		if err != nil {
			t.Fatal(err)
		}
		if a.Value != c.want || a.Tol >= 1 || !strings.Contains(a.Why, pages.Int(int(c.want))) {
			t.Errorf("%s: answer %v ± %v, want %v; why %q", c.hash, a.Value, a.Tol, c.want, a.Why)
		}
		if (v.Conv == "features.4") != strings.Contains(a.Why, "max-pool") {
			t.Errorf("%s: the why should explain 14 × 14 only for features.4: %q", c.hash, a.Why)
		}
		if !judge(t, l, checkCount, strconv.Itoa(int(c.want))).Right || judge(t, l, checkCount, strconv.Itoa(v.Batch)).Right {
			t.Errorf("%s: N·H·W should be right and N alone wrong", c.hash)
		}
	}
}

// TestCheckScale: the choice follows s = γ/√(running_var + ε) recomputed
// from the channel's row, for every channel after training, and is
// "same" for the untrained model.
func TestCheckScale(t *testing.T) {
	want := func(s float64) string {
		switch {
		case s < 0:
			return "flip"
		case s > 1+sameScale:
			return "up"
		case s < 1-sameScale:
			return "down"
		}
		return "same"
	}
	l, v := cnnFrom(t, "#lesson=cnn")
	if a, _ := l.Answer(checkScale); a.Choice != "same" {
		t.Errorf("untrained: s = %v, answer %q", v.Fold.Scale, a.Choice)
	}
	l, v = cnnFrom(t, "#lesson=cnn&steps=3")
	seen := map[string]bool{}
	vals := l.State().Values
	for ch := range v.Channels {
		vals[keyChannel] = strconv.Itoa(ch)
		if err := l.Configure(vals, l.seed); err != nil {
			t.Fatal(err)
		}
		row := l.View().AllChannels[ch]
		s := row.Gamma / math.Sqrt(row.RunningVar+l.View().Stats.Eps)
		a, err := l.Answer(checkScale)
		if err != nil {
			t.Fatal(err)
		}
		if a.Choice != want(s) || !strings.Contains(a.Why, "channel "+strconv.Itoa(ch)) {
			t.Errorf("channel %d: s = %v, answer %q, want %q", ch, s, a.Choice, want(s))
		}
		seen[a.Choice] = true
	}
	if len(seen) < 2 {
		t.Errorf("after training every channel gives %v; the check should depend on the channel", seen)
	}
}

// TestCheckFold: the answer is the fold's measured difference, and any
// prediction within float32 rounding (0 included) is right, a visible
// difference is not.
func TestCheckFold(t *testing.T) {
	for _, hash := range []string{"#lesson=cnn", "#lesson=cnn&steps=3&layer=features.4&channel=9"} {
		l, v := cnnFrom(t, hash)
		a, err := l.Answer(checkFold)
		if err != nil {
			t.Fatal(err)
		}
		f := v.Fold
		if a.Value != f.MaxAbsDiff || a.Tol != f.Tolerance || a.Value > a.Tol || !strings.Contains(a.Why, "t = β − s·running_mean") {
			t.Errorf("%s: answer %v ± %v, fold %v ± %v", hash, a.Value, a.Tol, f.MaxAbsDiff, f.Tolerance)
		}
		if step := float32Step(f.MaxAbsOut); step > f.MaxAbsOut*1.2e-7 || step < f.MaxAbsOut*5.9e-8 {
			t.Errorf("%s: float32 step %v near %v", hash, step, f.MaxAbsOut)
		}
		if !judge(t, l, checkFold, "0").Right || judge(t, l, checkFold, "0.01").Right {
			t.Errorf("%s: 0 should be right and 0.01 wrong", hash)
		}
	}
	if _, err := New().(*Lesson).Answer(checkCount); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l, _ := cnnFrom(t, "#lesson=cnn")
	if _, err := l.Answer("cnn-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

// TestTasks: what each guided task asks the student to see.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=cnn&layer=features.4": func(t *testing.T, hash string) {
			_, v := cnnFrom(t, hash)
			_, v0 := cnnFrom(t, "#lesson=cnn")
			if v.Reduction.Count != 8*14*14 || v.Reduction.Count*4 != v0.Reduction.Count || v.Channels != 64 || len(v.AllChannels) != 64 {
				t.Errorf("features.4: %d values per channel (features.0: %d), %d channels", v.Reduction.Count, v0.Reduction.Count, v.Channels)
			}
			means := map[float64]bool{}
			for _, c := range v.AllChannels {
				means[c.Mean] = true
			}
			if len(means) < 60 {
				t.Errorf("only %d different channel means", len(means))
			}
		},
		"#lesson=cnn&steps=10&pick=1": func(t *testing.T, hash string) {
			l, v := cnnFrom(t, hash)
			vals := l.State().Values
			vals[keyPick] = "0"
			if err := l.Configure(vals, l.seed); err != nil {
				t.Fatal(err)
			}
			v0 := l.View()
			if v.Steps != 10 || v.Stats.Mean == v0.Stats.Mean || v.Stats.Var == v0.Stats.Var {
				t.Errorf("pick 1 μ %v σ² %v, pick 0 μ %v σ² %v: want different batch statistics", v.Stats.Mean, v.Stats.Var, v0.Stats.Mean, v0.Stats.Var)
			}
			for ch, r := range v.AllChannels {
				r0 := v0.AllChannels[ch]
				if r.RunningMean != r0.RunningMean || r.RunningVar != r0.RunningVar || r.RunningMean == 0 {
					t.Errorf("channel %d: running stats %v %v with pick 1, %v %v with pick 0", ch, r.RunningMean, r.RunningVar, r0.RunningMean, r0.RunningVar)
				}
			}
		},
		"#lesson=cnn&steps=10": func(t *testing.T, hash string) {
			_, v := cnnFrom(t, hash)
			f := v.Fold
			if f.RunningMean == 0 || f.RunningVar == 1 || math.Abs(f.Scale-1) < 0.02 || !f.Same {
				t.Errorf("after 10 steps: running %v %v, s = %v, fold same %v (diff %v)", f.RunningMean, f.RunningVar, f.Scale, f.Same, f.MaxAbsDiff)
			}
			for k := range f.Weights {
				if math.Abs(f.Folded[k]-f.Weights[k]) < 0.02*math.Abs(f.Weights[k]) {
					t.Errorf("w′[%d] = %v, w = %v: not visibly different", k, f.Folded[k], f.Weights[k])
				}
			}
		},
	})
}
