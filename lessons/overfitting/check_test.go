package overfitting

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

// mnistRuns caches lessons trained to their budget on MNIST, by address,
// so that the checks' and the tasks' tests share a run.
var mnistRuns sync.Map

// mnistRun returns the lesson at hash trained to its budget on the first
// 5,000 MNIST training and 500 test images (the lesson validates on 500),
// or skips when MNIST cannot be loaded.
func mnistRun(t *testing.T, hash string) *Lesson {
	t.Helper()
	if l, ok := mnistRuns.Load(hash); ok {
		return l.(*Lesson)
	}
	l := lessontest.Open(t, New(), hash, lessontest.MNIST(t, 5000, valSize)).(*Lesson)
	for !l.Done() {
		if err := l.Step(); err != nil {
			t.Fatalf("%s: %v", hash, err)
		}
	}
	mnistRuns.Store(hash, l)
	return l
}

// TestEpochsCheck: steps × batch / training images, read from the
// controls before any data, and from the data when it holds fewer images.
func TestEpochsCheck(t *testing.T) {
	few, err := train.SyntheticDataset(250, 50, 0.5, 2)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		hash string
		open func(hash string) *Lesson
		want float64
	}{
		{"#lesson=overfitting", nil, 1000 * 50 / 500.0},
		{"#lesson=overfitting&n=300&steps=300", nil, 300 * 50 / 300.0},
		{"#lesson=overfitting&n=5000&steps=200", nil, 2},
		// n=400 of 250 images: the lesson trains on all 250.
		{"#lesson=overfitting&n=400", func(h string) *Lesson { return lessontest.Open(t, New(), h, few).(*Lesson) }, 1000 * 50 / 250.0},
	}
	for _, c := range cases {
		var l *Lesson
		if c.open != nil {
			l = c.open(c.hash)
		} else {
			l = lessontest.OpenAs[*Lesson](t, New(), c.hash)
		}
		a, err := l.Answer(checkEpochs)
		if err != nil {
			t.Fatalf("%s: %v", c.hash, err)
		}
		if !lessontest.Close(a.Value, c.want, 1e-12) || !strings.Contains(a.Why, "passes") {
			t.Errorf("%s: %v epochs, want %v; why %q", c.hash, a.Value, c.want, a.Why)
		}
		ch, _ := lessons.FindCheck(l.Checks(), checkEpochs)
		if v, err := pages.Judge(ch, a, strconv.FormatFloat(c.want, 'g', -1, 64)); err != nil || !v.Right {
			t.Errorf("%s: predicting %v: %+v, %v", c.hash, c.want, v, err)
		}
		if v, _ := pages.Judge(ch, a, strconv.FormatFloat(c.want/2, 'g', -1, 64)); v.Right {
			t.Errorf("%s: half the passes judged right", c.hash)
		}
	}
}

// TestGapCheckRun: after a run on MNIST the answer is the net whose last
// training accuracy minus validation accuracy, read from the records, is
// the largest; the feedback quotes every net's gap.
func TestGapCheckRun(t *testing.T) {
	l := mnistRun(t, "#lesson=overfitting&n=200&steps=200")
	a, err := l.Answer(checkGap)
	if err != nil {
		t.Fatal(err)
	}
	best, bestGap := "", -2.0
	for i, n := range l.Harness.Nets {
		tr, _ := l.rec[i].acc.Last()
		va, _ := n.Rec.ValAcc.Last()
		if g := tr - va; g > bestGap {
			best, bestGap = n.Spec.Name, g
		}
		if !strings.Contains(a.Why, pages.Pts(tr-va)) {
			t.Errorf("why lacks %s's gap %s: %q", n.Spec.Name, pages.Pts(tr-va), a.Why)
		}
	}
	if a.Choice != best || len(a.Wrong) != 3 || !strings.Contains(a.Why, "the end of the run") {
		t.Errorf("answer %q with %d wrong hints, want %q (gap %v); why %q", a.Choice, len(a.Wrong), best, bestGap, a.Why)
	}
}

// TestGapCheckCases: the answer for hand-made results: mid-run, a tie
// broken by the loss gap, a diverged net left out, every net diverged,
// and no data yet.
func TestGapCheckCases(t *testing.T) {
	row := func(name string, gap, lossGap float64) Result {
		return Result{Name: name, FinalStep: 300, FinalTrainAcc: 0.9, FinalValAcc: 0.9 - gap, FinalGap: gap,
			FinalTrainLoss: 0.1, FinalValLoss: 0.1 + lossGap, Measured: true}
	}
	diverged := func(r Result) Result { r.Diverged, r.DivergedAt, r.FinalStep = true, 120, 100; return r }
	cases := []struct {
		name    string
		v       View
		choice  string
		inWhy   []string
		inWrong map[string]string
	}{
		{"mid-run", View{Step: 310, Steps: 1000, Results: []Result{row("plain", 0.1, 1), row("bn", 0.2, 1), row("dropout", 0.05, 1), row("bn-dropout", 0.15, 1)}},
			"bn", []string{"At step 300, the latest measurement", "to step 1000", "+20.0 pts"}, map[string]string{"plain": "10.0 points less"}},
		{"tie", View{Step: 300, Steps: 300, Done: true, Results: []Result{row("plain", 0.2, 0.5), row("bn", 0.2, 0.9), row("dropout", 0.1, 1), row("bn-dropout", 0.1, 2)}},
			"bn", []string{"the end of the run"}, map[string]string{"plain": "ties with BN"}},
		{"diverged", View{Step: 300, Steps: 300, Done: true, Results: []Result{diverged(row("plain", 0.5, 1)), row("bn", 0.2, 1), diverged(row("dropout", 0.6, 1)), row("bn-dropout", 0.25, 1)}},
			"bn-dropout", []string{"plain diverged at step 120", "dropout diverged"}, nil},
		{"all diverged", View{Step: 300, Steps: 300, Done: true, Results: []Result{diverged(row("plain", 0.5, 1)), diverged(row("bn", 0.5, 1))}},
			"", []string{"Lower the learning rate"}, nil},
		{"no data", View{Steps: 1000}, "", []string{"have not loaded"}, nil},
	}
	for _, c := range cases {
		a := gapAnswer(&c.v)
		if a.Choice != c.choice {
			t.Errorf("%s: answer %q, want %q", c.name, a.Choice, c.choice)
		}
		for _, w := range c.inWhy {
			if !strings.Contains(a.Why, w) {
				t.Errorf("%s: why lacks %q: %q", c.name, w, a.Why)
			}
		}
		for k, w := range c.inWrong {
			if !strings.Contains(a.Wrong[k], w) {
				t.Errorf("%s: the hint for %s lacks %q: %q", c.name, k, w, a.Wrong[k])
			}
		}
		if _, err := pages.Judge(checks[1], a, "plain"); err != nil {
			t.Errorf("%s: judging: %v", c.name, err)
		}
	}
}

// TestChecksErrors: an unknown id and an unconfigured lesson are errors.
func TestChecksErrors(t *testing.T) {
	if _, err := New().(*Lesson).Answer(checkGap); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l := lessontest.OpenAs[*Lesson](t, New(), "#lesson=overfitting")
	if _, err := l.Answer("overfitting-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
	if strings.Contains(Prose, "{{") || !strings.Contains(Prose, "mini-batches</span> of 50") {
		t.Error("the prose's constants are not filled in")
	}
}

// TestTasks: what each guided task asks the student to see, on MNIST.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=overfitting&n=200&steps=200": func(t *testing.T, hash string) {
			v := mnistRun(t, hash).View()
			if v.Epochs != 50 {
				t.Errorf("%v epochs, want 50", v.Epochs)
			}
			for _, r := range v.Results {
				if r.FinalTrainAcc != 1 || r.FinalGap <= 0.2 {
					t.Errorf("%s: training %v, gap %v; want 100%% and above 20 points", r.Name, r.FinalTrainAcc, r.FinalGap)
				}
			}
		},
		"#lesson=overfitting&n=5000&steps=200": func(t *testing.T, hash string) {
			v := mnistRun(t, hash).View()
			small := 1.0
			for _, r := range mnistRun(t, "#lesson=overfitting&n=200&steps=200").View().Results {
				small = min(small, r.FinalGap)
			}
			if v.Epochs != 2 {
				t.Errorf("%v epochs, want 2", v.Epochs)
			}
			for _, r := range v.Results {
				if r.FinalGap*3 > small {
					t.Errorf("%s: gap %v with 5,000 images, not three times under %v with 200", r.Name, r.FinalGap, small)
				}
			}
		},
		"#lesson=overfitting&lr=" + highLR + "&steps=200": func(t *testing.T, hash string) {
			v := mnistRun(t, hash).View()
			for _, r := range v.Results {
				bn := r.Name == "bn" || r.Name == "bn-dropout"
				if bn && (r.Stalled || r.Diverged || r.BestValAcc <= 0.8 || r.FinalValAcc <= 0.8) {
					t.Errorf("%s: %+v; want it learning, above 80%%", r.Name, r)
				}
				if !bn && (!r.Stalled || r.FinalValAcc >= 0.2) {
					t.Errorf("%s: %+v; want it stalled near chance", r.Name, r)
				}
			}
		},
	})
}

// TestThousands: commas between thousands.
func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 50000: "50,000", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
