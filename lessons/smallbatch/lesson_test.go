package smallbatch

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// sbFrom configures small-batches from a hash, failing on any notice.
func sbFrom(t testing.TB, hash string) (*Lesson, *View) {
	t.Helper()
	l := lessontest.OpenAs[*Lesson](t, New(), hash)
	return l, l.View()
}

// TestSmallBatchesIndependence: LayerNorm's and GroupNorm's output for a
// sample is bit-for-bit the same whatever batch it is in; BN's is not.
func TestSmallBatchesIndependence(t *testing.T) {
	for _, hash := range []string{
		"#lesson=small-batches",
		"#lesson=small-batches&batch=1&shape=dense",
		"#lesson=small-batches&batch=2&channels=32&groups=8",
		"#lesson=small-batches&batch=16&shape=dense&channels=4&groups=1&seed=3",
		"#lesson=small-batches&batch=64&channels=16&groups=4",
	} {
		_, v := sbFrom(t, hash)
		if v.Compare.Size != max(v.Batch, 2) || len(v.Compare.Rows) != 3 {
			t.Fatalf("%s: compare %+v", hash, v.Compare)
		}
		for _, r := range v.Compare.Rows {
			wantSame := r.Key != "bn"
			if r.Same != wantSame || (r.MaxDiff == 0) != wantSame {
				t.Errorf("%s: %s same=%v max diff %v, want same=%v", hash, r.Kind, r.Same, r.MaxDiff, wantSame)
			}
			if len(r.Out1) != v.PerSample {
				t.Errorf("%s: %s shows %d outputs, want %d", hash, r.Kind, len(r.Out1), v.PerSample)
			}
		}
	}
}

// TestSmallBatchesStatsShapes: BN has one statistic per channel over N·S
// values, LayerNorm one per sample over C·S, GroupNorm one per sample and
// group over (C/G)·S; LayerNorm's and GroupNorm-with-one-group's agree.
func TestSmallBatchesStatsShapes(t *testing.T) {
	for _, tc := range []struct {
		hash            string
		m, c, g, s      int
		lnEqualsGNGroup bool
	}{
		{"#lesson=small-batches&batch=4&channels=8&groups=2", 4, 8, 2, 16, false},
		{"#lesson=small-batches&batch=3&channels=16&groups=1", 3, 16, 1, 16, true},
		{"#lesson=small-batches&batch=5&channels=4&groups=4&shape=dense", 5, 4, 4, 1, false},
	} {
		_, v := sbFrom(t, tc.hash)
		want := [][2]int{{tc.c, tc.m * tc.s}, {tc.m, tc.c * tc.s}, {tc.m * tc.g, tc.c / tc.g * tc.s}}
		for i, n := range v.Norms {
			if n.NumStats != want[i][0] || n.Count != want[i][1] || len(n.Means) != n.NumStats || len(n.Labels) != n.NumStats {
				t.Errorf("%s: %s has %d stats (%d means) over %d values, want %d over %d", tc.hash, n.Kind, n.NumStats, len(n.Means), n.Count, want[i][0], want[i][1])
			}
		}
		if tc.lnEqualsGNGroup {
			for k := range tc.m {
				if !lessontest.Close(v.Norms[1].Means[k], v.Norms[2].Means[k], 1e-12) || !lessontest.Close(v.Norms[1].Vars[k], v.Norms[2].Vars[k], 1e-12) {
					t.Errorf("%s: sample %d LayerNorm (%v, %v) vs GroupNorm(1) (%v, %v)", tc.hash, k,
						v.Norms[1].Means[k], v.Norms[1].Vars[k], v.Norms[2].Means[k], v.Norms[2].Vars[k])
				}
			}
		}
	}
}

// TestSmallBatchesBatchOfOne: BN in train mode refuses one dense sample
// with PyTorch's message, in the norms, the spread curve and the
// batch-of-one panel; a conv map of one sample passes.
func TestSmallBatchesBatchOfOne(t *testing.T) {
	const msg = "Expected more than 1 value per channel when training"
	_, v := sbFrom(t, "#lesson=small-batches&batch=1&shape=dense")
	if !strings.Contains(v.Norms[0].Error, msg) || v.Norms[0].Means != nil {
		t.Errorf("BN error %q means %v", v.Norms[0].Error, v.Norms[0].Means)
	}
	if v.Norms[1].Error != "" || v.Norms[2].Error != "" {
		t.Errorf("LN/GN errors %q %q", v.Norms[1].Error, v.Norms[2].Error)
	}
	if !v.Spread[0].Failed || v.Spread[0].M != 1 || !strings.Contains(v.Sampled.Error, msg) {
		t.Errorf("spread at m=1: %+v, sampled error %q", v.Spread[0], v.Sampled.Error)
	}
	if !strings.Contains(v.BatchOfOne.DenseError, msg) || !v.BatchOfOne.ConvOK {
		t.Errorf("batch of one: %+v", v.BatchOfOne)
	}
	_, v = sbFrom(t, "#lesson=small-batches&batch=1&shape=conv")
	if v.Norms[0].Error != "" || v.Spread[0].Failed {
		t.Errorf("conv, m=1: BN error %q, spread %+v", v.Norms[0].Error, v.Spread[0])
	}
}

// TestSmallBatchesSpread: the spread of BN's batch means follows the
// independent-sampling prediction and shrinks like 1/√m; the biased
// batch variance is low by the factor (m − 1)/m for dense inputs.
func TestSmallBatchesSpread(t *testing.T) {
	for _, shape := range []string{"dense", "conv"} {
		_, v := sbFrom(t, "#lesson=small-batches&batch=8&shape="+shape)
		byM := map[int]SpreadPoint{}
		for _, pt := range v.Spread {
			byM[pt.M] = pt
			if pt.Failed {
				continue
			}
			// 200 batches estimate a standard deviation to about 5%.
			if math.Abs(pt.MeanStd/pt.TheoryMeanStd-1) > 0.2 {
				t.Errorf("%s m=%d: spread %v, theory %v", shape, pt.M, pt.MeanStd, pt.TheoryMeanStd)
			}
		}
		if r := byM[4].MeanStd / byM[64].MeanStd; r < 3 || r > 5.3 {
			t.Errorf("%s: spread at m=4 / m=64 = %v, want about √16 = 4", shape, r)
		}
		if shape == "dense" {
			want := v.PopVar * 3 / 4
			if math.Abs(byM[4].VarMean/want-1) > 0.15 {
				t.Errorf("dense m=4: mean batch variance %v, want about %v", byM[4].VarMean, want)
			}
		}
		if byM[2].OutputRMS <= byM[64].OutputRMS {
			t.Errorf("%s: output error at m=2 %v not above m=64 %v", shape, byM[2].OutputRMS, byM[64].OutputRMS)
		}
		if !byM[8].Current || len(v.Sampled.Means) != batches {
			t.Errorf("%s: current point %+v, %d sampled means", shape, byM[8], len(v.Sampled.Means))
		}
	}
}

// TestSmallBatchesClampAndRoundTrip: groups above channels is clamped with
// a notice and State carries the value used; resample moves the seed and
// the address restores the same view.
func TestSmallBatchesClampAndRoundTrip(t *testing.T) {
	l, v := sbFrom(t, "#lesson=small-batches&channels=4&groups=32&batch=5")
	if v.Groups != 4 || len(v.Notices) != 1 || v.Notices[0].Key != keyGroups || l.State().Values[keyGroups] != "4" {
		t.Fatalf("groups %d notices %v state %v", v.Groups, v.Notices, l.State().Values)
	}
	if err := l.Do(ActResample); err != nil {
		t.Fatal(err)
	}
	st := l.State()
	if st.Seed != lessons.DefaultSeed+1 {
		t.Errorf("seed after resample %d", st.Seed)
	}
	_, v2 := sbFrom(t, "#"+lessontest.EncodeHash(New(), st))
	a, _ := json.Marshal(l.View())
	b, _ := json.Marshal(v2)
	if string(a) != string(b) {
		t.Errorf("view restored from %q differs", lessontest.EncodeHash(New(), st))
	}
	before := l.View()
	if err := l.Configure(lessons.Values{keyBatch: "0"}, 1); err == nil || !strings.Contains(err.Error(), "batch=0") {
		t.Errorf("batch=0: err = %v", err)
	}
	if l.View() != before {
		t.Error("a refused Configure changed the view")
	}
	if err := l.Do("explode"); err == nil {
		t.Error("unknown action accepted")
	}
}

// BenchmarkSmallBatchesConfigure is a batch-size move at the largest
// channel count; every iteration has a seed of its own, so the memo of
// views never answers.
func BenchmarkSmallBatchesConfigure(b *testing.B) {
	l, _ := sbFrom(b, "#lesson=small-batches&channels=32&groups=8")
	v := l.State().Values
	sizes := []string{"3", "64"}
	seed := uint64(1000)
	for b.Loop() {
		v[keyBatch] = sizes[seed%2]
		seed++
		if err := l.Configure(v, seed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSmallBatchesStep is a resample.
func BenchmarkSmallBatchesStep(b *testing.B) {
	l, _ := sbFrom(b, "#lesson=small-batches&channels=32&groups=8&batch=64")
	for b.Loop() {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSmallBatchesExperiment: the experiment trains every norm at every
// batch size on the stand-in data, learns (well above chance at batch 16),
// is deterministic, and is restored from the address.
func TestSmallBatchesExperiment(t *testing.T) {
	l, v := sbFrom(t, "#lesson=small-batches")
	if v.Experiment != nil {
		t.Fatal("experiment shown before it was asked for")
	}
	if err := l.Do(ActExperiment); err != nil {
		t.Fatal(err)
	}
	e := l.View().Experiment
	if e == nil || len(e.Rows) != 3 || len(e.Sizes) != len(expSizes) {
		t.Fatalf("experiment %+v", e)
	}
	for _, r := range e.Rows {
		if len(r.Accuracy) != len(e.Sizes) || len(r.Loss) != len(e.Sizes) {
			t.Fatalf("%s: %d accuracies, %d losses", r.Kind, len(r.Accuracy), len(r.Loss))
		}
		for i, a := range r.Accuracy {
			if !(a >= 0 && a <= 1) || !(r.Loss[i] > 0) {
				t.Errorf("%s batch %d: accuracy %v loss %v", r.Kind, e.Sizes[i], a, r.Loss[i])
			}
		}
		if r.Accuracy[3] < 0.5 {
			t.Errorf("%s at batch 16: accuracy %v, the network did not learn", r.Kind, r.Accuracy[3])
		}
	}
	st := l.State()
	if st.Values[keyExp] != "1" {
		t.Fatalf("state %v", st.Values)
	}
	_, v2 := sbFrom(t, "#"+lessontest.EncodeHash(New(), st))
	a, _ := json.Marshal(l.View())
	b, _ := json.Marshal(v2)
	if string(a) != string(b) {
		t.Errorf("experiment restored from %q differs", lessontest.EncodeHash(New(), st))
	}
	if err := l.SetData(&train.Dataset{Name: "broken"}); err == nil {
		t.Error("SetData accepted a data set without samples")
	}
	var _ train.NeedsData = l
}
