package bnsteps

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
)

// bnStepsFrom configures bn-steps from a hash, failing on any notice.
func bnStepsFrom(t *testing.T, hash string) (*Lesson, *View) {
	t.Helper()
	l := lessontest.OpenAs[*Lesson](t, New(), hash)
	return l, l.View()
}

// TestBNStepsTypedBatch is the case: x = 3, 5, 7, 9 with γ = 2,
// β = 1 gives μ = 6, σ² = 5 and y = 2·(x − 6)/√(5 + 1e-5) + 1, checked
// against an independent float64 computation.
func TestBNStepsTypedBatch(t *testing.T) {
	_, v := bnStepsFrom(t, "#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1")
	if v.M != 4 || !v.Typed {
		t.Fatalf("m=%d typed=%v, want 4 true", v.M, v.Typed)
	}
	if v.Mean != 6 || v.Var != 5 {
		t.Fatalf("μ=%v σ²=%v, want 6 and 5", v.Mean, v.Var)
	}
	if !lessontest.Close(v.VarUnbiased, 20.0/3, 1e-12) {
		t.Errorf("unbiased σ² = %v, want 20/3", v.VarUnbiased)
	}
	for i, x := range []float64{3, 5, 7, 9} {
		xhat := (x - 6) / math.Sqrt(5+1e-5)
		want := 2*xhat + 1
		s := v.Samples[i]
		if s.X != x || s.Centered != x-6 || !lessontest.Close(s.XHat, xhat, 1e-6) || !lessontest.Close(s.Y, want, 1e-6) {
			t.Errorf("sample %d = %+v, want x=%v x−μ=%v x̂=%v y=%v", i+1, s, x, x-6, xhat, want)
		}
	}
	if got := v.Formulas[0].Live; got != "μ = (3 + 5 + 7 + 9) / 4 = 6" {
		t.Errorf("step 1 formula %q", got)
	}
	if got := v.Formulas[1].Live; got != "σ² = ((−3)² + (−1)² + 1² + 3²) / 4 = 5" {
		t.Errorf("step 2 formula %q", got)
	}
	if got := v.Formulas[3].Live; got != "y₁ = 2 · (−1.342) + 1 = −1.683" {
		t.Errorf("step 4 formula %q", got)
	}
}

// TestBNStepsConstantBatch: a constant batch gives x̂ = 0 and y = β with
// finite numbers, for the smallest ε too.
func TestBNStepsConstantBatch(t *testing.T) {
	for _, eps := range []string{"1e-08", "1e-05", "1"} {
		l, _ := bnStepsFrom(t, "#lesson=bn-steps&beta=0.5&eps="+eps)
		if err := l.Do(ActConstant); err != nil {
			t.Fatal(err)
		}
		v := l.View()
		if !v.Constant || v.Var != 0 {
			t.Fatalf("eps %s: constant=%v σ²=%v", eps, v.Constant, v.Var)
		}
		for _, s := range v.Samples {
			if s.XHat != 0 || s.Y != 0.5 {
				t.Errorf("eps %s: sample %+v, want x̂=0 y=0.5", eps, s)
			}
		}
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("eps %s: view does not serialise: %v", eps, err)
		}
		if !strings.Contains(strings.Join(v.Notes, " "), "ε keeps the division finite") {
			t.Errorf("eps %s: notes %q do not explain ε", eps, v.Notes)
		}
	}
}

// TestBNStepsRunningStats checks the running statistics after k batches
// against an independent computation of both rules from the batches' data.
func TestBNStepsRunningStats(t *testing.T) {
	for _, tc := range []struct {
		hash string
		k    int
	}{
		{"#lesson=bn-steps&batches=12&momentum=0.1&seed=3", 12},
		{"#lesson=bn-steps&batches=5&momentum=0.5&batch=2&skew=0.7", 5},
		{"#lesson=bn-steps&batches=3&momentum=1&x=1,2,4", 3},
	} {
		l, v := bnStepsFrom(t, tc.hash)
		if len(v.Running.Points) != tc.k+1 {
			t.Fatalf("%s: %d points, want %d", tc.hash, len(v.Running.Points), tc.k+1)
		}
		tm, tv, km, kv := 0.0, 1.0, 0.0, 1.0
		mom := l.p.momentum
		for b := 1; b <= tc.k; b++ {
			data := batch(l.p, l.seed, b)
			col := make([]float64, l.p.m)
			mu := 0.0
			for i := range col {
				col[i] = float64(data[i*l.p.d])
				mu += col[i]
			}
			mu /= float64(len(col))
			ss := 0.0
			for _, x := range col {
				ss += (x - mu) * (x - mu)
			}
			biased, unbiased := ss/float64(len(col)), ss/float64(len(col)-1)
			tm, tv = (1-mom)*tm+mom*mu, (1-mom)*tv+mom*unbiased
			km, kv = 0.99*km+0.01*mu, 0.99*kv+0.01*biased
			p := v.Running.Points[b]
			if !lessontest.Close(p.TorchMean, tm, 1e-5) || !lessontest.Close(p.TorchVar, tv, 1e-5) ||
				!lessontest.Close(p.KerasMean, km, 1e-9) || !lessontest.Close(p.KerasVar, kv, 1e-9) {
				t.Errorf("%s batch %d: got %+v, want torch (%v, %v) keras (%v, %v)", tc.hash, b, p, tm, tv, km, kv)
			}
		}
	}
}

// TestBNStepsActionsRoundTrip: actions and Step change the URL state, and
// that state restores the same view.
func TestBNStepsActionsRoundTrip(t *testing.T) {
	l, _ := bnStepsFrom(t, "#lesson=bn-steps&gamma=1.5&seed=7")
	for _, act := range []string{ActNextBatch, ActNextBatch, ActResample, ActConstant} {
		if err := l.Do(act); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Step(); err != nil {
		t.Fatal(err)
	}
	st := l.State()
	if st.Seed != 8 || st.Values[keyBatches] != "3" || st.Values[keyStep] != "1" || st.Values[keyX] != "5,5,5,5,5,5,5,5" {
		t.Fatalf("state after actions: %+v", st)
	}
	_, v2 := bnStepsFrom(t, lessontest.EncodeHash(New(), st))
	a, _ := json.Marshal(l.View())
	b, _ := json.Marshal(v2)
	if string(a) != string(b) {
		t.Errorf("view restored from %q differs", lessontest.EncodeHash(New(), st))
	}
	if err := l.Do("explode"); err == nil || !strings.Contains(err.Error(), "explode") {
		t.Errorf("unknown action: err = %v", err)
	}
}

// TestBNStepsRefusesBadValues: Configure names the bad value and keeps
// the previous state.
func TestBNStepsRefusesBadValues(t *testing.T) {
	l, before := bnStepsFrom(t, "#lesson=bn-steps")
	err := l.Configure(lessons.Values{"gamma": "99"}, 1)
	if err == nil || !strings.Contains(err.Error(), "gamma=99") {
		t.Fatalf("err = %v, want it to name gamma=99", err)
	}
	if l.View() != before || l.seed != lessons.DefaultSeed {
		t.Error("state changed after a refused Configure")
	}
}

// TestBNStepsMultiFeature: each column of the output has mean β and
// variance γ²σ²/(σ²+ε), independently of its input statistics.
func TestBNStepsMultiFeature(t *testing.T) {
	_, v := bnStepsFrom(t, "#lesson=bn-steps&features=8&batch=32&gamma=2&beta=-1&skew=0.5")
	if len(v.Heat.Before) != 32 || len(v.Heat.Before[0]) != 8 {
		t.Fatalf("heat map %d×%d", len(v.Heat.Before), len(v.Heat.Before[0]))
	}
	for j := range 8 {
		wantVar := 4 * v.Heat.VarBefore[j] / (v.Heat.VarBefore[j] + 1e-5)
		if !lessontest.Close(v.Heat.MeanAfter[j], -1, 1e-5) || !lessontest.Close(v.Heat.VarAfter[j], wantVar, 1e-4) {
			t.Errorf("column %d: mean %v var %v, want -1 and %v", j, v.Heat.MeanAfter[j], v.Heat.VarAfter[j], wantVar)
		}
	}
	if v.Heat.MeanBefore[7]-v.Heat.MeanBefore[0] < 3 {
		t.Errorf("columns should have different centres: %v", v.Heat.MeanBefore)
	}
}

// benchValues is the heaviest bn-steps state: m = 64, d = 8, 100 batches.
func benchValues(l lessons.Lesson) lessons.Values {
	v := lessons.Defaults(l.Controls())
	v[keyBatch], v[keyFeatures], v[keyBatches] = "64", "8", "100"
	return v
}

// BenchmarkBNStepsConfigure is a slider move that keeps the data (γ here):
// the cached batches go through the engine layer again.
func BenchmarkBNStepsConfigure(b *testing.B) {
	l, _ := lessontest.Defaults(New())
	v := benchValues(l)
	gammas := []string{"1", "1.5"}
	i := 0
	for b.Loop() {
		v[keyGamma] = gammas[i%2]
		i++
		if err := l.Configure(v, 7); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBNStepsConfigureNewData is a move that redraws every batch (a
// new seed each time).
func BenchmarkBNStepsConfigureNewData(b *testing.B) {
	l, _ := lessontest.Defaults(New())
	v := benchValues(l)
	seed := uint64(0)
	for b.Loop() {
		seed++
		if err := l.Configure(v, seed); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRunningNoteArithmetic: the note's update of running_var is the
// table's last row: (1 − momentum) · the row before + momentum · the
// unbiased batch variance.
func TestRunningNoteArithmetic(t *testing.T) {
	_, v := bnStepsFrom(t, "#lesson=bn-steps&batches=3")
	pts := v.Running.Points
	if len(pts) < 2 {
		t.Fatalf("%d running points", len(pts))
	}
	prev, cur, mom := pts[len(pts)-2].TorchVar, pts[len(pts)-1].TorchVar, v.Running.Momentum
	if !lessontest.Close((1-mom)*prev+mom*v.VarUnbiased, cur, 1e-5) {
		t.Errorf("(1 − %v)·%v + %v·%v ≠ %v", mom, prev, mom, v.VarUnbiased, cur)
	}
	note := v.Notes[len(v.Notes)-1]
	for _, want := range []string{num(v.VarUnbiased), num(prev), num(cur), "after this batch running_var"} {
		if !strings.Contains(note, want) {
			t.Errorf("note %q lacks %q", note, want)
		}
	}
}
