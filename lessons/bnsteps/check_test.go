package bnsteps

import (
	"math"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// TestChecks: each check's answer for a state, against the arithmetic its
// feedback states.
func TestChecks(t *testing.T) {
	cases := []struct {
		hash, id string
		want     func(t *testing.T, v *View, a lessons.Answer)
	}{
		{"#lesson=bn-steps", checkXHatVar, func(t *testing.T, v *View, a lessons.Answer) {
			if a.Choice != "under" || !strings.Contains(a.Why, "σ²/(σ² + ε)") {
				t.Errorf("answer %+v (σ² %v)", a, v.Var)
			}
		}},
		{"#lesson=bn-steps&x=5,5,5,5", checkXHatVar, func(t *testing.T, v *View, a lessons.Answer) {
			if a.Choice != "zero" {
				t.Errorf("a constant batch: answer %q", a.Choice)
			}
		}},
		{"#lesson=bn-steps&x=0,1e3,-1e3,0&eps=1e-08", checkXHatVar, func(t *testing.T, v *View, a lessons.Answer) {
			if want := map[bool]string{true: "one", false: "under"}[v.XHatVar == 1]; a.Choice != want {
				t.Errorf("σ² %v, x̂ var %v: answer %q, want %q", v.Var, v.XHatVar, a.Choice, want)
			}
		}},
		{"#lesson=bn-steps", checkRunningVar, func(t *testing.T, v *View, a lessons.Answer) {
			// Before the first batch moving_variance is 1; Keras 3 takes the biased σ².
			want := 0.99*1 + 0.01*v.Var
			if !lessontest.Close(a.Value, want, 1e-12) || v.M != 8 || !strings.Contains(a.Why, "8/7") {
				t.Errorf("moving_variance %v, want 0.99 + 0.01 σ² = %v; why %q", a.Value, want, a.Why)
			}
		}},
		{"#lesson=bn-steps&x=3,5,7,9&batches=4&momentum=0.3", checkRunningVar, func(t *testing.T, v *View, a lessons.Answer) {
			// The typed batch every time: σ² = 5, so after 4 batches 5 − 4·0.99⁴.
			want := 5 - 4*math.Pow(0.99, 4)
			torch := v.Running.Points[4].TorchVar
			if !lessontest.Close(a.Value, want, 1e-12) || !strings.Contains(a.Why, "4/3") || !strings.Contains(a.Why, numfmt.Num(torch)) {
				t.Errorf("moving_variance %v, want %v; why %q", a.Value, want, a.Why)
			}
		}},
	}
	for _, c := range cases {
		l, v := bnStepsFrom(t, c.hash)
		a, err := l.Answer(c.id)
		if err != nil {
			t.Fatalf("%s %s: %v", c.hash, c.id, err)
		}
		c.want(t, v, a)
		ch, _ := lessons.FindCheck(l.Checks(), c.id)
		if _, err := pages.Judge(ch, a, "0"); ch.Kind == lessons.NumberCheck && err != nil {
			t.Errorf("%s: judging a number: %v", c.id, err)
		}
	}
	if _, err := New().(*Lesson).Answer(checkXHatVar); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l, _ := bnStepsFrom(t, "#lesson=bn-steps")
	if _, err := l.Answer("bn-steps-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

// TestTasks: what each guided task asks the student to see.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=bn-steps&x=5,5,5,5&step=3": func(t *testing.T, hash string) {
			_, v := bnStepsFrom(t, hash)
			if v.Var != 0 || v.Step != 3 {
				t.Errorf("σ² %v at step %d", v.Var, v.Step)
			}
			for _, s := range v.Samples {
				if s.Centered != 0 || s.XHat != 0 || math.IsNaN(s.XHat) {
					t.Errorf("sample %+v: want x − μ = x̂ = 0", s)
				}
			}
		},
		"#lesson=bn-steps&x=3,5,7,9&eps=1&step=3": func(t *testing.T, hash string) {
			_, v := bnStepsFrom(t, hash)
			if v.Var != 5 || !lessontest.Close(v.XHatVar, 5.0/6, 1e-12) {
				t.Errorf("σ² %v, x̂ variance %v, want 5 and 5/6", v.Var, v.XHatVar)
			}
			var s float64
			for _, x := range v.Samples {
				s += x.XHat * x.XHat / 4
			}
			if !lessontest.Close(s, 5.0/6, 1e-5) {
				t.Errorf("the x̂ column's variance is %v, want 5/6", s)
			}
		},
	})
}
