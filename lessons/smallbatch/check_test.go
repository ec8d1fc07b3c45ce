package smallbatch

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

// spreadAt returns the view's spread point at batch size m.
func spreadAt(t *testing.T, v *View, m int) SpreadPoint {
	t.Helper()
	for _, pt := range v.Spread {
		if pt.M == m {
			return pt
		}
	}
	t.Fatalf("no spread point at m = %d", m)
	return SpreadPoint{}
}

// TestCheckVarFrac: the answer is the m = 2 row's mean batch variance
// over the population variance, recomputed from the sampled variances
// when m = 2 is the current size; it is near (m − 1)/m = 1/2 for dense
// features and near the correlated prediction 1 − ρ/2 − (1 − ρ)/(2·16)
// for conv maps, where 1/2 is a wrong prediction.
func TestCheckVarFrac(t *testing.T) {
	for _, c := range []struct {
		hash    string
		theory  float64
		halfOK  bool
		current bool
	}{
		{"#lesson=small-batches", 1 - rho/2 - (1-rho)/32, false, false},
		{"#lesson=small-batches&batch=2", 1 - rho/2 - (1-rho)/32, false, true},
		{"#lesson=small-batches&shape=dense&batch=2", 0.5, true, true},
		{"#lesson=small-batches&shape=dense&seed=7", 0.5, true, false},
	} {
		l, v := sbFrom(t, c.hash)
		a, err := l.Answer(checkVarFrac)
		if err != nil {
			t.Fatal(err)
		}
		pt := spreadAt(t, v, 2)
		if a.Value != pt.VarMean/v.PopVar || a.Value != pt.VarFrac || math.Abs(a.Value-c.theory) > 0.08 {
			t.Errorf("%s: answer %v, row %v / %v, theory %v", c.hash, a.Value, pt.VarMean, v.PopVar, c.theory)
		}
		if !lessontest.Close(pt.TheoryVarFrac, c.theory, 1e-12) || !strings.Contains(a.Why, "(m − 1)/m") {
			t.Errorf("%s: theory %v, want %v; why %q", c.hash, pt.TheoryVarFrac, c.theory, a.Why)
		}
		if c.current {
			var sum float64
			for _, x := range v.Sampled.Vars {
				sum += x
			}
			if !lessontest.Close(a.Value, sum/float64(len(v.Sampled.Vars))/v.PopVar, 1e-9) {
				t.Errorf("%s: answer %v, sampled variances give %v", c.hash, a.Value, sum/float64(len(v.Sampled.Vars))/v.PopVar)
			}
		}
		if judge(t, l, checkVarFrac, "0.5").Right != c.halfOK || judge(t, l, checkVarFrac, "1").Right {
			t.Errorf("%s: 1/2 right = %v, want %v; 1 should be wrong", c.hash, !c.halfOK, c.halfOK)
		}
	}
}

// TestCheckGNStats: GroupNorm computes N·G means (groups as used, after
// clamping to the channels).
func TestCheckGNStats(t *testing.T) {
	for _, c := range []struct {
		hash string
		want int
	}{
		{"#lesson=small-batches", 4 * 2},
		{"#lesson=small-batches&batch=7&channels=32&groups=8", 7 * 8},
		{"#lesson=small-batches&batch=1&shape=dense&groups=1", 1},
	} {
		l, v := sbFrom(t, c.hash)
		a, err := l.Answer(checkGNStats)
		if err != nil {
			t.Fatal(err)
		}
		if a.Value != float64(c.want) || a.Value != float64(v.Batch*v.Groups) || !strings.Contains(a.Why, strconv.Itoa(c.want)) {
			t.Errorf("%s: answer %v, want %d; why %q", c.hash, a.Value, c.want, a.Why)
		}
		if !judge(t, l, checkGNStats, strconv.Itoa(c.want)).Right || judge(t, l, checkGNStats, strconv.Itoa(c.want+1)).Right {
			t.Errorf("%s: verdicts wrong", c.hash)
		}
	}
	l, _ := sbFrom(t, "#lesson=small-batches&channels=4&groups=32&batch=5")
	if a, _ := l.Answer(checkGNStats); a.Value != 5*4 {
		t.Errorf("clamped groups: answer %v, want 5 × 4", a.Value)
	}
}

// TestCheckDepends: only BatchNorm's output for A changes with its
// companions, as the comparison measured; the answer follows the rows.
func TestCheckDepends(t *testing.T) {
	for _, hash := range []string{
		"#lesson=small-batches",
		"#lesson=small-batches&shape=dense&batch=1",
		"#lesson=small-batches&batch=64&channels=32&groups=32",
	} {
		l, v := sbFrom(t, hash)
		a, err := l.Answer(checkDepends)
		if err != nil {
			t.Fatal(err)
		}
		changed := 0
		for _, r := range v.Compare.Rows {
			if !r.Same {
				changed++
			}
		}
		if a.Choice != "bn" || changed != 1 || v.Compare.Rows[0].Same || !strings.Contains(a.Why, "BatchNorm") {
			t.Errorf("%s: answer %q (%d rows changed)", hash, a.Choice, changed)
		}
		if vd := judge(t, l, checkDepends, "bn-gn"); vd.Right || !strings.Contains(vd.HTML, "groups of channels") {
			t.Errorf("%s: bn-gn verdict %+v", hash, vd)
		}
	}
	// The answer is read from the rows: an unexpected comparison is an error.
	v := &View{Compare: Compare{Rows: []CompareRow{{Key: "bn"}, {Key: "ln"}, {Key: "gn", Same: true}}}}
	if _, err := dependsAnswer(v); err == nil {
		t.Error("BN and LN changing, GN not: answered")
	}
	v.Compare.Rows[1].Same = true
	if a, err := dependsAnswer(v); err != nil || a.Choice != "bn" {
		t.Errorf("rows bn changed: %q, %v", a.Choice, err)
	}
	if _, err := New().(*Lesson).Answer(checkDepends); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l, _ := sbFrom(t, "#lesson=small-batches")
	if _, err := l.Answer("small-batches-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

// TestTasks: what each guided task asks the student to see.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=small-batches&shape=dense&batch=2": func(t *testing.T, hash string) {
			_, v := sbFrom(t, hash)
			_, conv := sbFrom(t, "#lesson=small-batches&batch=2")
			dense, cv := spreadAt(t, v, 2), spreadAt(t, conv, 2)
			if math.Abs(dense.VarFrac-0.5) > 0.08 || math.Abs(cv.VarFrac-0.75) > 0.08 || cv.VarFrac < dense.VarFrac+0.15 {
				t.Errorf("at m = 2 the variance fraction is %v for dense features, %v for conv maps; want about 1/2 and 3/4", dense.VarFrac, cv.VarFrac)
			}
		},
		"#lesson=small-batches&shape=dense&batch=1": func(t *testing.T, hash string) {
			_, v := sbFrom(t, hash)
			bn, ln, gn := v.norm("bn"), v.norm("ln"), v.norm("gn")
			if !strings.Contains(bn.Error, "Expected more than 1 value per channel when training") || ln.Error != "" || gn.Error != "" {
				t.Errorf("BN error %q, LN %q, GN %q", bn.Error, ln.Error, gn.Error)
			}
			out, err := render(v)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.Panels["small-batches-norms"], "refused") || len(ln.Means) != 1 || len(gn.Means) != v.Groups {
				t.Errorf("norms panel or LN/GN statistics: %d, %d", len(ln.Means), len(gn.Means))
			}
		},
		"#lesson=small-batches&shape=dense&channels=8&groups=8&norm=gn": func(t *testing.T, hash string) {
			_, v := sbFrom(t, hash)
			gn := v.norm("gn")
			if gn.Count != 1 || len(gn.Vars) != v.Batch*8 {
				t.Fatalf("GroupNorm: %d values per group, %d variances", gn.Count, len(gn.Vars))
			}
			for k, x := range gn.Vars {
				if x != 0 {
					t.Errorf("group %d: variance %v, want 0", k, x)
				}
			}
			for _, r := range v.Compare.Rows {
				if r.Key != "gn" {
					continue
				}
				for _, o := range append(r.Out1, r.Out2...) {
					if o != 0 {
						t.Errorf("GroupNorm output %v, want β = 0", o)
					}
				}
			}
		},
	})
}
