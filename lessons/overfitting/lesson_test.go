package overfitting

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// runOverfitting trains an overfitting lesson to its budget (or at most
// limit steps) and returns its view.
func runOverfitting(t testing.TB, hash string, ds *train.Dataset, limit int) *View {
	t.Helper()
	l := lessontest.Open(t, New(), hash, ds)
	for i := 0; i < limit && !l.(*Lesson).View().Done; i++ {
		if err := l.Step(); err != nil {
			t.Fatalf("%s: step %d: %v", hash, i+1, err)
		}
	}
	return l.(*Lesson).View()
}

// TestOverfittingDeterministic: the same values and seed give the same
// view; another seed gives other curves.
func TestOverfittingDeterministic(t *testing.T) {
	ds := lessontest.Synthetic(t)
	enc := func(hash string) string {
		b, err := json.Marshal(runOverfitting(t, hash, ds, 30))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	a := enc("#lesson=overfitting&n=300&width=32&steps=100&seed=5")
	if b := enc("#lesson=overfitting&n=300&width=32&steps=100&seed=5"); a != b {
		t.Error("two runs with seed 5 differ")
	}
	if c := enc("#lesson=overfitting&n=300&width=32&steps=100&seed=6"); a == c {
		t.Error("seeds 5 and 6 gave the same view")
	}
}

// TestOverfittingGapAndTable: on 200 MNIST images (synthetic data when
// MNIST cannot be loaded: too easy to overfit, so only the table is
// checked) the plain net's training accuracy exceeds its validation
// accuracy by a clear margin, and every row of the results table is read
// off the curves.
func TestOverfittingGapAndTable(t *testing.T) {
	m, err := lessontest.LoadMNIST()
	var ds *train.Dataset
	if err == nil {
		ds, err = train.DatasetFromMNIST(m, 1000, 500)
	}
	if err != nil {
		t.Logf("MNIST unavailable (%v): synthetic data, the gap is not checked", err)
		ds = lessontest.Synthetic(t)
	}
	v := runOverfitting(t, "#lesson=overfitting&n=200&steps=200&width=64", ds, 1000)
	if !v.Done || v.Step != 200 || len(v.Nets) != 4 || len(v.Results) != 4 || v.N != min(200, ds.Train.Len()) {
		t.Fatalf("done %v at step %d with %d nets, %d results, n %d", v.Done, v.Step, len(v.Nets), len(v.Results), v.N)
	}
	names := []string{"plain", "bn", "dropout", "bn-dropout"}
	for i, n := range v.Nets {
		r := v.Results[i]
		if n.Name != names[i] || r.Name != names[i] {
			t.Fatalf("net %d is %s/%s, want %s", i, n.Name, r.Name, names[i])
		}
		if n.Diverged {
			t.Fatalf("%s diverged at lr 0.1: %s", n.Name, n.Error)
		}
		k := len(n.ValAcc.Values)
		if k != 200/valEvery+1 || len(n.TrainAcc.Values) != k || len(n.Gap.Values) != k || n.Gap.Steps[k-1] != 200 {
			t.Fatalf("%s: %d validation points, %d train, %d gap", n.Name, k, len(n.TrainAcc.Values), len(n.Gap.Values))
		}
		best := slices.Max(n.ValAcc.Values)
		at := n.ValAcc.Steps[slices.Index(n.ValAcc.Values, best)]
		if r.BestValAcc != best || r.BestValStep != at {
			t.Errorf("%s: table best %v at %d, curve best %v at %d", n.Name, r.BestValAcc, r.BestValStep, best, at)
		}
		for j := range n.Gap.Values {
			if g := n.TrainAcc.Values[j] - n.ValAcc.Values[j]; g != n.Gap.Values[j] {
				t.Errorf("%s: gap %v at step %d, want %v", n.Name, n.Gap.Values[j], n.Gap.Steps[j], g)
			}
		}
		if r.FinalTrainAcc != n.TrainAcc.Values[k-1] || r.FinalValAcc != n.ValAcc.Values[k-1] || r.FinalGap != n.Gap.Values[k-1] || r.FinalStep != 200 {
			t.Errorf("%s: final row %+v does not match the curves' last points", n.Name, r)
		}
	}
	if ds.Name == "MNIST" {
		p := v.Results[0]
		if p.FinalTrainAcc < 0.95 || p.FinalGap < 0.1 {
			t.Errorf("plain net on 200 images: train %.3f, validation %.3f, gap %.3f; want train ≥ 0.95 and gap ≥ 0.1",
				p.FinalTrainAcc, p.FinalValAcc, p.FinalGap)
		}
	}
	// Past the budget Step does nothing.
	l := lessontest.Open(t, New(), "#lesson=overfitting&n=200&steps=100&width=16", lessontest.Synthetic(t))
	for i := 0; i < 105; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if s := l.(*Lesson).View().Step; s != 100 {
		t.Errorf("after 105 calls with a budget of 100: step %d", s)
	}
}

// TestOverfittingHighLR: at the highest learning rate nothing fails: a
// net that diverges is reported in the view with curves that stop there,
// and the view still encodes to JSON. The preset actions move lr.
func TestOverfittingHighLR(t *testing.T) {
	l := lessontest.Open(t, New(), "#lesson=overfitting&n=300&lr=5&steps=100&width=32", lessontest.Synthetic(t))
	for i := 0; i < 100; i++ {
		if err := l.Step(); err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}
	v := l.(*Lesson).View()
	if _, err := json.Marshal(v); err != nil {
		t.Fatal(err)
	}
	for i, n := range v.Nets {
		if !n.Diverged {
			continue
		}
		if !v.Results[i].Diverged || v.Results[i].DivergedAt != n.DivergedAt || n.Error == "" {
			t.Errorf("%s diverged at %d but the table says %+v", n.Name, n.DivergedAt, v.Results[i])
		}
		if k := len(n.ValAcc.Steps); k > 0 && n.ValAcc.Steps[k-1] >= n.DivergedAt {
			t.Errorf("%s: validation curve goes on to step %d after diverging at %d", n.Name, n.ValAcc.Steps[k-1], n.DivergedAt)
		}
	}
	if err := l.Do(ActDefaultLR); err != nil || l.(lessons.Stateful).State().Values[keyLR] != defaultLR {
		t.Errorf("Do(%s): %v, lr %s", ActDefaultLR, err, l.(lessons.Stateful).State().Values[keyLR])
	}
	if err := l.Do(ActHighLR); err != nil || l.(lessons.Stateful).State().Values[keyLR] != highLR || l.(*Lesson).View().Step != 0 {
		t.Errorf("Do(%s): %v, lr %s", ActHighLR, err, l.(lessons.Stateful).State().Values[keyLR])
	}
	if err := l.Do("jump"); err == nil {
		t.Error("Do(jump) succeeded")
	}
}

// TestOverfittingWaitsForData: without data Step returns ErrNoData and the
// view says it is waiting; SetData refuses an empty data set.
func TestOverfittingWaitsForData(t *testing.T) {
	l, err := lessontest.Defaults(New())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Step(); !errors.Is(err, train.ErrNoData) {
		t.Errorf("Step without data: %v", err)
	}
	if v := l.(*Lesson).View(); !v.Waiting || v.N != 500 || v.LR != 0.1 || v.Width != 64 || math.Abs(v.P-0.5) > 0 {
		t.Errorf("view without data: %+v", v)
	}
	if err := l.(train.NeedsData).SetData(&train.Dataset{Name: "empty"}); err == nil {
		t.Error("SetData accepted an empty data set")
	}
}

// BenchmarkOverfittingStep is one training step of the four nets at the
// defaults (width 64, batch 50), validation every 25 steps included.
func BenchmarkOverfittingStep(b *testing.B) {
	l := lessontest.Open(b, New(), "#lesson=overfitting&steps=3000", lessontest.Synthetic(b))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if l.(*Lesson).View().Done {
			b.StopTimer()
			l = lessontest.Open(b, New(), "#lesson=overfitting&steps=3000", lessontest.Synthetic(b))
			b.StartTimer()
		}
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOverfittingFewerImages: asking for more training images than the
// data holds uses them all, with a notice in the view.
func TestOverfittingFewerImages(t *testing.T) {
	ds, err := train.SyntheticDataset(250, 50, 0.5, 2)
	if err != nil {
		t.Fatal(err)
	}
	l := lessontest.Open(t, New(), "#lesson=overfitting&n=400", ds)
	v := l.(*Lesson).View()
	if v.N != 250 || len(v.Notices) != 1 || v.Notices[0].Key != keyN || v.Notices[0].Used != "250" {
		t.Errorf("n=400 of 250 images: view n %d, notices %+v", v.N, v.Notices)
	}
}
