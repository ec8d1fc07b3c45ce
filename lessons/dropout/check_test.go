package dropout

import (
	"math"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
)

// TestChecks: each check's answer for a state, against the arithmetic its
// feedback states.
func TestChecks(t *testing.T) {
	uniform := func(n, draws float64) float64 { return -math.Expm1(draws * math.Log1p(-math.Pow(2, -n))) }
	cases := []struct {
		hash, id string
		steps    int
		want     func(t *testing.T, l *Lesson, a lessons.Answer)
	}{
		{"#lesson=dropout", checkDropped, 1, func(t *testing.T, l *Lesson, a lessons.Answer) {
			lv := l.View().Layers[1]
			if a.Value != 4 || !strings.Contains(a.Why, "dropped "+itoa(lv.Dropped)+" for the first sample") {
				t.Errorf("8 units at p = 0.5: %v, why %q", a.Value, a.Why)
			}
		}},
		{"#lesson=dropout&width=10&p1=0.3", checkDropped, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if !lessontest.Close(a.Value, 3, 1e-12) || !strings.Contains(a.Why, "One step") {
				t.Errorf("10 units at p = 0.3, no step yet: %v, why %q", a.Value, a.Why)
			}
		}},
		{"#lesson=dropout", checkKeptOut, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Value != 2 {
				t.Errorf("inverted, p = 0.5: %v, want 1/(1 − 0.5) = 2", a.Value)
			}
		}},
		{"#lesson=dropout&mode=inverted-scaled&p2=0.75", checkKeptOut, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Value != 4 || !strings.Contains(a.Why, "once too often") {
				t.Errorf("both scalings, p = 0.75: %v, want 4; why %q", a.Value, a.Why)
			}
		}},
		{"#lesson=dropout&mode=classic", checkKeptOut, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Value != 1 || !strings.Contains(a.Why, "1 − p = 0.5") {
				t.Errorf("classic: %v, want 1 (no scaling in training); why %q", a.Value, a.Why)
			}
		}},
		{"#lesson=dropout&mode=classic-no-scale", checkKeptOut, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Value != 1 {
				t.Errorf("no scaling: %v, want 1", a.Value)
			}
		}},
		// n = 16, 160,000 draws: 1 − (1 − 2⁻¹⁶)^160000 ≈ 0.913.
		{"#lesson=dropout", checkCoverage, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if s := uniform(16, 160000); a.Choice != "most" || s < 0.9 || s > 0.92 || !strings.Contains(a.Why, "step 4096 ") {
				t.Errorf("n = 16: %q (closed form %v); why %q", a.Choice, s, a.Why)
			}
		}},
		{"#lesson=dropout&width=10", checkCoverage, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if s := uniform(20, 160000); a.Choice != "some" || s < 0.01 || s > 0.5 {
				t.Errorf("n = 20: %q (closed form %v)", a.Choice, s)
			}
		}},
		{"#lesson=dropout&width=4", checkCoverage, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Choice != "all" {
				t.Errorf("n = 8: %q", a.Choice)
			}
		}},
		{"#lesson=dropout&width=32", checkCoverage, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Choice != "none" {
				t.Errorf("n = 64: %q", a.Choice)
			}
		}},
		{"#lesson=dropout&p1=0&p2=0", checkCoverage, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Choice != "all" || !strings.Contains(a.Why, "only one network") {
				t.Errorf("nothing dropped: %q, why %q", a.Choice, a.Why)
			}
		}},
		{"#lesson=dropout&p1=0.1&p2=0.1&width=6", checkCoverage, 0, func(t *testing.T, l *Lesson, a lessons.Answer) {
			// 4096 masks and 160,000 draws, but most masks are rare (the all-dropped one has π = 10⁻¹²): about a third are met.
			if a.Choice != "some" || !strings.Contains(a.Why, "p ≠ 0.5") {
				t.Errorf("p = 0.1, n = 12: %q, why %q", a.Choice, a.Why)
			}
		}},
		{"#lesson=dropout&p1=0", checkMC, 1, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Choice != "exact" || !strings.Contains(a.Why, "softmax") {
				t.Errorf("p1 = 0: %q, why %q", a.Choice, a.Why)
			}
		}},
		{"#lesson=dropout", checkMC, 1, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Choice != "near" {
				t.Errorf("both layers drop: %q", a.Choice)
			}
		}},
		{"#lesson=dropout&mode=inverted-scaled", checkMC, 1, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Choice != "apart" || !strings.Contains(a.Why, "0.5 (hidden 1) and 0.5 (hidden 2)") {
				t.Errorf("both scalings: %q, why %q", a.Choice, a.Why)
			}
		}},
		{"#lesson=dropout&mode=inverted-scaled&p1=0&p2=0", checkMC, 1, func(t *testing.T, l *Lesson, a lessons.Answer) {
			if a.Choice != "exact" {
				t.Errorf("nothing dropped, so no wrong factor: %q", a.Choice)
			}
		}},
	}
	for _, c := range cases {
		l := lessontest.After[*Lesson](t, New(), c.hash, c.steps)
		before := l.View().Step
		a, err := l.Answer(c.id)
		if err != nil {
			t.Fatalf("%s %s: %v", c.hash, c.id, err)
		}
		c.want(t, l, a)
		if l.View().Step != before {
			t.Errorf("%s: answering changed the state", c.id)
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
	if _, err := New().(*Lesson).Answer(checkDropped); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l := dropoutFrom(t, "#lesson=dropout&dataset=mnist")
	if _, err := l.Answer(checkDropped); err == nil {
		t.Error("a lesson waiting for MNIST answered")
	}
	l = dropoutFrom(t, "#lesson=dropout")
	if _, err := l.Answer("dropout-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

func itoa(n int) string { return pages.Int(n) }

// TestCoverage: the expected distinct masks against the closed form at
// p = 0.5 and against enumerating every mask at other p; the steps to 63%
// and 99% at the defaults (2¹⁶ draws, and ln 100 · 2¹⁶, of 16 per step).
func TestCoverage(t *testing.T) {
	n16 := []layerMask{{8, 0.5}, {8, 0.5}}
	for _, d := range []float64{0, 1, 1000, 65536, 1e6} {
		want := 65536 * -math.Expm1(d*math.Log1p(-math.Pow(2, -16)))
		if got := expectedDistinct(n16, d); !lessontest.Close(got, want, 1e-9) {
			t.Errorf("n = 16, %v draws: %v, want %v", d, got, want)
		}
	}
	ls := []layerMask{{3, 0.3}, {2, 0.8}}
	for _, d := range []float64{1, 10, 500} {
		var want float64
		for m := range 1 << 5 {
			pi := 1.0
			for j := range 5 {
				p := 0.3
				if j >= 3 {
					p = 0.8
				}
				if m&(1<<j) != 0 {
					pi *= p
				} else {
					pi *= 1 - p
				}
			}
			want += 1 - math.Pow(1-pi, d)
		}
		if got := expectedDistinct(ls, d); !lessontest.Close(got, want, 1e-9) {
			t.Errorf("p = 0.3, 0.8, %v draws: %v, want %v by enumeration", d, got, want)
		}
	}
	c := coverage(n16, 0, 16)
	if c.Steps63 != 4096 || c.Steps99 != math.Ceil(math.Log(100)/-math.Log1p(-math.Pow(2, -16))/16) {
		t.Errorf("defaults: 63%% by step %v, 99%% by step %v; want 4096 and about 18,863", c.Steps63, c.Steps99)
	}
	if c := coverage(nil, 0, 16); c.ExpectedShare != 1 || c.Steps63 != 1 {
		t.Errorf("nothing droppable: %+v", c)
	}
}

// TestRuleScores: the right rule's accuracy is the lesson's eval accuracy;
// with the biases after the dropout layers set to 0, a wrong factor scales
// every logit alike, so no point changes class and only the confidence
// moves (down for both scalings, up for none).
func TestRuleScores(t *testing.T) {
	for _, tc := range []struct {
		mode string
		less bool
	}{{ModeInvertedScaled, true}, {ModeClassicNoScale, false}} {
		l := lessontest.After[*Lesson](t, New(), "#lesson=dropout&mode="+tc.mode+"&speed=20", 5)
		r := l.View().Rules
		if r.Right.Accuracy != l.View().Accuracy || r.Points != 400 {
			t.Errorf("%s: right rule %v against the eval accuracy %v, %d points", tc.mode, r.Right.Accuracy, l.View().Accuracy, r.Points)
		}
		for _, i := range []int{3, 6} {
			b := l.Model.Children()[i].Layer.(*engine.Linear).Bias.Value
			clear(b.Data)
		}
		z, err := l.scoreRules()
		if err != nil {
			t.Fatal(err)
		}
		if z.Changed != 0 || z.Chosen.Accuracy != z.Right.Accuracy || (z.Chosen.Confidence < z.Right.Confidence) != tc.less {
			t.Errorf("%s without biases: %+v", tc.mode, z)
		}
	}
}

// TestTasks: what each guided task asks the student to see.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=dropout&width=4": func(t *testing.T, hash string) {
			e := lessontest.After[*Lesson](t, New(), hash, 100).View().Ensemble
			if e.SubNetworks != "256" || e.MasksDrawn != 1600 || e.Distinct < 250 || math.Abs(float64(e.Distinct)-e.Coverage.ExpectedDistinct) > 5 {
				t.Errorf("n = 8 after 100 steps: %d distinct of %d draws, expected %v", e.Distinct, e.MasksDrawn, e.Coverage.ExpectedDistinct)
			}
		},
		"#lesson=dropout&width=32": func(t *testing.T, hash string) {
			e := lessontest.After[*Lesson](t, New(), hash, 200).View().Ensemble
			if int64(e.Distinct) != e.MasksDrawn || e.MasksDrawn != 3200 || e.Coverage.Steps63 < 1e18 || e.Coverage.Steps63 > 2e18 {
				t.Errorf("n = 64: %d distinct of %d, 63%% by step %v", e.Distinct, e.MasksDrawn, e.Coverage.Steps63)
			}
		},
		"#lesson=dropout&p1=0": func(t *testing.T, hash string) {
			for _, steps := range []int{50, 300} {
				mc := lessontest.After[*Lesson](t, New(), hash, steps).View().MC
				for i, gap := range mc.LogitGap {
					if gap > 5*mc.StdErr[i]+1e-5 {
						t.Errorf("step %d, k = %d: gap %v, standard error %v", steps, mc.K[i], gap, mc.StdErr[i])
					}
				}
				if last := len(mc.K) - 1; mc.K[last] != 256 || mc.LogitGap[last] >= mc.StdErr[0] {
					t.Errorf("step %d: gap %v at k = %d, not below one pass's spread %v", steps, mc.LogitGap[last], mc.K[last], mc.StdErr[0])
				}
			}
		},
		"#lesson=dropout&mode=inverted-scaled": func(t *testing.T, hash string) {
			for _, steps := range []int{200, 400, 800} {
				v := lessontest.After[*Lesson](t, New(), hash, steps).View()
				for _, lv := range v.Layers[1:3] {
					if math.Abs(lv.Expect.Ratio-0.5) > 0.05 {
						t.Errorf("step %d, %s: eval ÷ training %v, want 0.5", steps, lv.Name, lv.Expect.Ratio)
					}
				}
				r := v.Rules
				if r.Chosen.Confidence >= r.Right.Confidence || r.Changed == 0 || r.Chosen.Accuracy >= r.Right.Accuracy {
					t.Errorf("step %d: %+v", steps, r)
				}
			}
		},
	})
}
