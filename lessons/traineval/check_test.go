package traineval

import (
	"math"
	"slices"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
)

// TestChecks: each check's answer for a state, against the arithmetic its
// feedback states.
func TestChecks(t *testing.T) {
	formula := func(u UnitProbe) float64 {
		return u.Gamma*(u.X-u.RunMean)/math.Sqrt(u.RunVar+u.Eps) + u.Beta
	}
	cases := []struct {
		hash, id string
		steps    int
		want     func(t *testing.T, v *View, a lessons.Answer)
	}{
		{"#lesson=train-eval", checkEvalOut, 0, func(t *testing.T, v *View, a lessons.Answer) {
			// Before training: running_mean 0, running_var 1, γ 1, β 0, so y = x/√(1 + ε).
			u := v.Unit
			if u.RunMean != 0 || u.RunVar != 1 || u.Gamma != 1 || u.Beta != 0 || !lessontest.Close(a.Value, u.X/math.Sqrt(1+1e-5), 1e-6) {
				t.Errorf("step 0: %+v, answer %v", u, a.Value)
			}
		}},
		{"#lesson=train-eval&speed=10&unit=7&sample=31", checkEvalOut, 5, func(t *testing.T, v *View, a lessons.Answer) {
			u := v.Unit
			if u.Unit != 7 || u.Sample != 31 || u.RunMean == 0 || !lessontest.Close(a.Value, formula(u), 1e-5) || !strings.Contains(a.Why, "√(") {
				t.Errorf("after 50 steps: %v, formula %v; %+v", a.Value, formula(u), u)
			}
		}},
		{"#lesson=train-eval&speed=10", checkDependsOn, 3, func(t *testing.T, v *View, a lessons.Answer) {
			b := v.Unit.Batches
			if a.Choice != "yes" || b[0].Train == b[1].Train || b[0].Mean == b[1].Mean {
				t.Errorf("train mode: %q, batches %+v", a.Choice, b)
			}
			// Train mode: γ·(x − μ_B)/√(σ²_B + ε) + β for each batch.
			u := v.Unit
			for i, ba := range b {
				want := u.Gamma*(u.X-ba.Mean)/math.Sqrt(ba.Var+u.Eps) + u.Beta
				if !lessontest.Close(ba.Train, want, 1e-4) {
					t.Errorf("batch %d: train output %v, formula %v", i, ba.Train, want)
				}
			}
		}},
		{"#lesson=train-eval&speed=10&mode=eval", checkDependsOn, 3, func(t *testing.T, v *View, a lessons.Answer) {
			u := v.Unit
			if a.Choice != "no" || u.Batches[0].Eval != u.Eval || u.Batches[1].Eval != u.Eval {
				t.Errorf("eval mode: %q, %+v", a.Choice, u)
			}
		}},
	}
	for _, c := range cases {
		l := lessontest.After[*Lesson](t, New(), c.hash, c.steps)
		v := l.View()
		buf := append([]float32(nil), l.bn1.Buffers()[0].Value.Data...)
		a, err := l.Answer(c.id)
		if err != nil {
			t.Fatalf("%s %s: %v", c.hash, c.id, err)
		}
		c.want(t, v, a)
		if got := l.bn1.Buffers()[0].Value.Data; !slices.Equal(got, buf) || l.View().Step != v.Step {
			t.Errorf("%s: answering changed the running statistics or the step", c.id)
		}
		ch, _ := lessons.FindCheck(l.Checks(), c.id)
		pred := "0"
		if ch.Kind == lessons.ChoiceCheck {
			pred = ch.Options[0].Value
		}
		if _, err := pages.Judge(ch, a, pred); err != nil {
			t.Errorf("%s: judging %q: %v", c.id, pred, err)
		}
	}
	if _, err := New().(*Lesson).Answer(checkEvalOut); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	if _, err := trainEvalFrom(t, "#lesson=train-eval&dataset=mnist").Answer(checkEvalOut); err == nil {
		t.Error("a lesson waiting for MNIST answered")
	}
	if _, err := trainEvalFrom(t, "#lesson=train-eval").Answer("train-eval-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

// TestTasks: what each guided task asks the student to see.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=train-eval&mode=eval": func(t *testing.T, hash string) {
			for _, steps := range []int{0, 30} {
				v := lessontest.After[*Lesson](t, New(), hash, steps).View()
				u := v.Unit
				if u.Batches[0].Eval != u.Eval || u.Batches[1].Eval != u.Eval || v.MaxEvalDiff > 1e-6 {
					t.Errorf("step %d: eval outputs %v, %v, %v; batch-size difference %v", steps, u.Eval, u.Batches[0].Eval, u.Batches[1].Eval, v.MaxEvalDiff)
				}
			}
		},
		"#lesson=train-eval&p=0": func(t *testing.T, hash string) {
			v := lessontest.After[*Lesson](t, New(), hash, 20).View()
			sd := 0.0
			for _, s := range v.Forgot.StdProbs {
				sd = max(sd, s)
			}
			b := v.Unit.Batches
			if sd < 1e-3 || b[0].Train == b[1].Train {
				t.Errorf("p = 0: largest sd %v, train outputs %v and %v", sd, b[0].Train, b[1].Train)
			}
		},
		"#lesson=train-eval&momentum=1": func(t *testing.T, hash string) {
			r := lessontest.After[*Lesson](t, New(), hash, 30).View().Running
			if len(r.Steps) != 30 {
				t.Fatalf("%d points", len(r.Steps))
			}
			for i := range r.Steps {
				if !lessontest.Close(r.RunningMean[i], r.BatchMean[i], 1e-6) {
					t.Errorf("step %d: running_mean %v, batch mean %v", r.Steps[i], r.RunningMean[i], r.BatchMean[i])
				}
			}
		},
	})
}
