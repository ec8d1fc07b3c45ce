package placement

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

// pageMNIST is the page's MNIST subset (cmd/serve: 10,000 training and
// 2,000 test images), so that a task's test trains on the batches the
// student's browser draws.
func pageMNIST(t *testing.T) *train.Dataset { return lessontest.MNIST(t, 10000, 2000) }

// trained opens hash on ds and trains it for steps.
func trained(t *testing.T, hash string, ds *train.Dataset, steps int) *Lesson {
	t.Helper()
	l := lessontest.Open(t, New(), hash, ds).(*Lesson)
	for range steps {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// valAt returns each network's validation accuracy at step s, by name.
func valAt(t *testing.T, v *View, s int) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, n := range v.Train.Nets {
		for i, st := range n.ValAcc.Steps {
			if st == s {
				out[n.Name] = n.ValAcc.Values[i]
			}
		}
		if _, ok := out[n.Name]; !ok {
			t.Fatalf("%s has no validation at step %d (steps %v)", n.Name, s, n.ValAcc.Steps)
		}
	}
	return out
}

// TestBNParamsCheck: 2 × width γ and β per hidden layer, counted by the
// engine with and without data, against the arithmetic; the Why states
// the buffers and the redundant biases.
func TestBNParamsCheck(t *testing.T) {
	for _, c := range []struct {
		hash  string
		data  bool
		depth int
	}{
		{"#lesson=placement", false, 3},
		{"#lesson=placement&depth=1&layer=1", false, 1},
		{"#lesson=placement&depth=8&act=tanh", true, 8},
	} {
		var ds *train.Dataset
		if c.data {
			ds = lessontest.Synthetic(t)
		}
		l := lessontest.Open(t, New(), c.hash, ds).(*Lesson)
		if c.data != (l.Harness != nil) {
			t.Fatalf("%s: harness present %v, want %v", c.hash, l.Harness != nil, c.data)
		}
		a, err := l.Answer(checkBNParams)
		if err != nil {
			t.Fatal(err)
		}
		if l.Harness != nil {
			// The Why says BN after the activation adds as many.
			if b, af := countBN(l.Harness.Nets[0].Model), countBN(l.Harness.Nets[1].Model); b.Trained != af.Trained || af.RedundantBias != 0 {
				t.Errorf("before %+v, after %+v", b, af)
			}
		}
		w := train.MLPWidth
		if want := float64(2 * w * c.depth); a.Value != want || a.Tol >= 1 {
			t.Errorf("%s: %v ± %v trained numbers, want %v", c.hash, a.Value, a.Tol, want)
		}
		for _, s := range []string{"2 × 100 = 200", strconv.Itoa(2 * w * c.depth), strconv.Itoa(2*w*c.depth) + " more numbers", strconv.Itoa(w*c.depth) + " biases"} {
			if !strings.Contains(a.Why, s) {
				t.Errorf("%s: why lacks %q: %s", c.hash, s, a.Why)
			}
		}
		ch, _ := lessons.FindCheck(l.Checks(), checkBNParams)
		if v, err := pages.Judge(ch, a, strconv.Itoa(2*w*c.depth)); err != nil || !v.Right {
			t.Errorf("%s: the right count judged %+v, %v", c.hash, v, err)
		}
	}
}

// TestLeaderCheck: the leader at the latest validation, against the
// accuracies the view's curves hold, with the level rule applied
// independently; before the data the answer says nothing is measured.
func TestLeaderCheck(t *testing.T) {
	l := lessontest.Open(t, New(), "#lesson=placement", nil).(*Lesson)
	a, err := l.Answer(checkLeader)
	if err != nil || a.Choice != "level" || !strings.Contains(a.Why, "Nothing has been measured") {
		t.Errorf("waiting: %+v, %v", a, err)
	}
	ds := pageMNIST(t)
	for _, c := range []struct {
		hash  string
		steps int
	}{
		{"#lesson=placement", 0},
		{"#lesson=placement&depth=1&layer=1", 50},
		{"#lesson=placement&depth=1&layer=1&lr=2", 50},
	} {
		l := trained(t, c.hash, ds, c.steps)
		a, err := l.Answer(checkLeader)
		if err != nil {
			t.Fatal(err)
		}
		v := l.View()
		type acc struct {
			name string
			v    float64
		}
		var accs []acc
		for _, n := range v.Train.Nets {
			if k := len(n.ValAcc.Values); !n.Diverged && k > 0 {
				accs = append(accs, acc{n.Name, n.ValAcc.Values[k-1]})
			}
		}
		sort.SliceStable(accs, func(i, j int) bool { return accs[i].v > accs[j].v })
		want := "level"
		if len(accs) == 1 || len(accs) > 1 && math.Round(1000*(accs[0].v-accs[1].v)) > 10 {
			want = accs[0].name
		}
		if a.Choice != want {
			t.Errorf("%s after %d steps: %q, want %q (accuracies %v)", c.hash, c.steps, a.Choice, want, accs)
		}
		if c.steps == 0 && !strings.Contains(a.Why, "√(1 + ε)") {
			t.Errorf("step 0: why does not explain the equal scores: %s", a.Why)
		}
		ch, _ := lessons.FindCheck(l.Checks(), checkLeader)
		for _, o := range ch.Options {
			verdict, err := pages.Judge(ch, a, o.Value)
			if err != nil || verdict.Right != (o.Value == a.Choice) {
				t.Errorf("%s: judging %q: %+v, %v", c.hash, o.Value, verdict, err)
			}
		}
	}
}

// TestLeaderLevelRule: the rule on made-up summaries, including a
// diverged network and a gap of exactly one point.
func TestLeaderLevelRule(t *testing.T) {
	s := func(name string, acc float64, step int, div bool) train.NetSummary {
		return train.NetSummary{Name: name, ValAcc: acc, ValStep: step, Diverged: div}
	}
	for _, c := range []struct {
		sum  []train.NetSummary
		want string
	}{
		{[]train.NetSummary{s("before", 0.95, 300, false), s("after", 0.94, 300, false), s("none", 0.90, 300, false)}, "level"},
		{[]train.NetSummary{s("before", 0.95, 300, false), s("after", 0.938, 300, false), s("none", 0.90, 300, false)}, "before"},
		{[]train.NetSummary{s("before", 0.5, 100, true), s("after", 0.938, 300, false), s("none", 0.90, 300, false)}, "after"},
		{[]train.NetSummary{s("before", 0.5, 100, true), s("after", 0.2, 50, true), s("none", 0.90, 300, false)}, "none"},
		{[]train.NetSummary{s("before", 0.5, 100, true), s("after", 0.2, 50, true), s("none", 0.1, 0, true)}, "level"},
	} {
		a := leaderAnswer(c.sum, 500, "ReLU")
		if a.Choice != c.want {
			t.Errorf("%+v: %q, want %q (%s)", c.sum, a.Choice, c.want, a.Why)
		}
		if a.Choice != "level" && c.sum[0].Diverged && !strings.Contains(a.Wrong["before"], "diverged") {
			t.Errorf("a diverged network's wrong answer does not say so: %q", a.Wrong["before"])
		}
	}
}

// TestProseConstants: every {{…}} slot is filled.
func TestProseConstants(t *testing.T) {
	if i := strings.Index(Prose, "{{"); i >= 0 {
		t.Errorf("an unfilled slot: %q", Prose[i:min(len(Prose), i+30)])
	}
	if !strings.Contains(Prose, "0.2 of a percentage point") {
		t.Error("one validation image's worth is not in the prose")
	}
}

// TestCheckErrors: an unknown check and an unconfigured lesson.
func TestCheckErrors(t *testing.T) {
	if _, err := New().(*Lesson).Answer(checkBNParams); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l := lessontest.Open(t, New(), "#lesson=placement", nil).(*Lesson)
	if _, err := l.Answer("placement-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

// TestTasks: what each guided task asks the student to see, on the page's
// MNIST subset.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=placement&depth=4&layer=4": func(t *testing.T, hash string) {
			v := trained(t, hash, pageMNIST(t), 0).View()
			prev := math.Inf(1)
			for i := range v.Depth {
				b, af, no := v.Reaching[0][i], v.Reaching[1][i], v.Reaching[2][i]
				if math.Abs(b.Mean) > 0.01 || math.Abs(b.Std-1) > 0.01 {
					t.Errorf("layer %d, BN before: mean %v std %v, want 0 and 1", i+1, b.Mean, b.Std)
				}
				if af.Std < 0.5 || af.Std > 0.7 {
					t.Errorf("layer %d, BN after: std %v, want about 0.6", i+1, af.Std)
				}
				if r := no.Std / prev; i > 0 && (r < 0.3 || r > 0.7) {
					t.Errorf("layer %d, no BN: std %v is %v of the previous layer's, want roughly half", i+1, no.Std, r)
				}
				prev = no.Std
				t.Logf("layer %d: before %.3f±%.3f after %.3f±%.3f none %.3f±%.3f", i+1, b.Mean, b.Std, af.Mean, af.Std, no.Mean, no.Std)
			}
			if first := v.Reaching[2][0].Std; first < 0.55 || first > 0.65 || prev >= 0.1 {
				t.Errorf("no BN: layer 1 std %v, layer %d %v: want about 0.6 and under 0.1", first, v.Depth, prev)
			}
		},
		"#lesson=placement&act=sigmoid": func(t *testing.T, hash string) {
			v := trained(t, hash, pageMNIST(t), 100).View()
			acc := valAt(t, v, 100)
			if acc["before"] < 0.8 || acc["after"] < 0.8 || acc["none"] > 0.15 {
				t.Errorf("at step 100: %v, want both BN networks above 80%% and no BN at chance", acc)
			}
			if loss := v.Summary[2].RecentLoss; v.Summary[2].Name != "none" || math.Abs(loss-math.Log(10)) > 0.05 {
				t.Errorf("no BN's training loss %v, want about ln 10 = %v", loss, math.Log(10))
			}
		},
		"#lesson=placement": func(t *testing.T, hash string) {
			v := trained(t, hash, pageMNIST(t), 250).View()
			leaders := map[bool]bool{}
			for s := valEvery; s <= 250; s += valEvery {
				acc := valAt(t, v, s)
				leaders[acc["before"] > acc["after"]] = true
				if d := math.Abs(acc["before"] - acc["after"]); d > 0.02 {
					t.Errorf("step %d: the BN placements are %v apart, want at most 2 points", s, d)
				}
				if acc["none"] >= min(acc["before"], acc["after"]) {
					t.Errorf("step %d: no BN %v is not behind both %v", s, acc["none"], acc)
				}
				t.Logf("step %d: %v", s, acc)
			}
			if len(leaders) != 2 {
				t.Errorf("the lead never changes hands by step 250")
			}
		},
	})
}
