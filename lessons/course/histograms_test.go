package course

import (
	"bnlab/lessons"
	"bnlab/lessons/train"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// trainingLesson builds a training lesson from a hash (failing on notices)
// and gives it ds.
func trainingLesson(t testing.TB, hash string, ds *train.Dataset) lessons.Lesson {
	t.Helper()
	return open(t, hash, ds)
}

// TestTrainingLessonsURLRoundTrip: every control changed from its default
// survives EncodeHash → ParseHash, and the lesson reports the same state.
func TestTrainingLessonsURLRoundTrip(t *testing.T) {
	cases := []lessons.State{
		{Lesson: "histograms", Seed: 11, Values: lessons.Values{"depth": "5", "act": "tanh", "lr": "0.05", "wscale": "0.3", "batch": "32", "layer": "4", "bnnet": "noisy"}},
		{Lesson: "histograms", Seed: lessons.DefaultSeed, Values: lessons.Values{"depth": "20", "act": "relu", "lr": "2", "wscale": "0.001", "batch": "2", "layer": "1", "bnnet": "bn"}},
		{Lesson: "placement", Seed: 3, Values: lessons.Values{"depth": "2", "act": "sigmoid", "lr": "0.5", "batch": "100", "layer": "2"}},
	}
	for _, want := range cases {
		hash := EncodeHash(want)
		got, notes := ParseHash(hash)
		if len(notes) > 0 || got.Lesson != want.Lesson || got.Seed != want.Seed || len(got.Values) != len(want.Values) {
			t.Fatalf("%s → %+v, notices %v", hash, got, notes)
		}
		for k, v := range want.Values {
			if got.Values[k] != v {
				t.Errorf("%s: %s=%q, want %q", hash, k, got.Values[k], v)
			}
		}
		l := trainingLesson(t, "#"+hash, nil)
		if again := EncodeHash(l.(lessons.Stateful).State()); again != hash {
			t.Errorf("State() encodes to %s, want %s", again, hash)
		}
	}
}

// TestTrainingLessonsClampNotices: bad values in the address are clamped or
// replaced with a notice naming them; a layer deeper than the network is
// shown as the last layer with a notice in the view.
func TestTrainingLessonsClampNotices(t *testing.T) {
	cases := []struct {
		hash  string
		key   string
		used  string
		inTxt string
	}{
		{"lesson=histograms&depth=99", "depth", "20", "above the maximum"},
		{"lesson=histograms&depth=1", "depth", "3", "below the minimum"},
		{"lesson=histograms&lr=-1", "lr", "0.1", "positive"},
		{"lesson=histograms&wscale=50", "wscale", "3", "above the maximum"},
		{"lesson=histograms&act=softmax", "act", "sigmoid", "not one of the choices"},
		{"lesson=histograms&batch=1", "batch", "2", "below the minimum"},
		{"lesson=placement&batch=abc", "batch", "60", "not a number"},
		{"lesson=placement&depth=9", "depth", "8", "above the maximum"},
		{"lesson=placement&act=gelu", "act", "relu", "not one of the choices"},
	}
	for _, c := range cases {
		st, notes := ParseHash(c.hash)
		if len(notes) != 1 || notes[0].Key != c.key || notes[0].Used != c.used || !strings.Contains(notes[0].Text, c.inTxt) {
			t.Errorf("%s: notices %+v, want one for %s using %s (%q)", c.hash, notes, c.key, c.used, c.inTxt)
			continue
		}
		if st.Values[c.key] != c.used {
			t.Errorf("%s: %s=%q, want %q", c.hash, c.key, st.Values[c.key], c.used)
		}
	}
	l := trainingLesson(t, "#lesson=histograms&depth=4&layer=9", nil)
	v := l.View().(*HistogramsView)
	if v.Layer != 4 || len(v.Notices) != 1 || v.Notices[0].Key != "layer" || v.Notices[0].Used != "4" {
		t.Errorf("layer 9 of 4: view layer %d, notices %+v", v.Layer, v.Notices)
	}
	if err := l.Configure(lessons.Values{"depth": "77"}, 1); err == nil {
		t.Error("Configure accepted an unnormalized depth=77")
	}
	if again := l.View().(*HistogramsView); again.Depth != 4 {
		t.Errorf("a refused Configure changed the depth to %d", again.Depth)
	}
}

// TestTrainingLessonsWaitForData: before SetData the view says it is
// waiting and Step returns ErrNoData; unknown actions are errors.
func TestTrainingLessonsWaitForData(t *testing.T) {
	for _, id := range []string{"histograms", "placement"} {
		l, err := New(id)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Step(); !errors.Is(err, train.ErrNoData) {
			t.Errorf("%s: Step without data: %v, want ErrNoData", id, err)
		}
		b, err := json.Marshal(l.View())
		if err != nil || !strings.Contains(string(b), `"waiting":true`) {
			t.Errorf("%s: view %s (%v), want waiting", id, b, err)
		}
		if err := l.Do("jump"); err == nil {
			t.Errorf("%s: Do(jump) succeeded", id)
		}
		if err := l.(train.NeedsData).SetData(&train.Dataset{Name: "empty"}); err == nil {
			t.Errorf("%s: SetData accepted an empty dataset", id)
		}
	}
}

// TestHistogramsView: a short run on synthetic data gives a plain and a BN
// net with a histogram per layer, BN output histograms only in the BN net,
// and a view that encodes to JSON.
func TestHistogramsView(t *testing.T) {
	l := trainingLesson(t, "#lesson=histograms&depth=3&batch=20&layer=2", testSynthetic(t))
	for i := 0; i < 10; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	v := l.View().(*HistogramsView)
	if v.Waiting || v.Train == nil || v.Train.Step != 10 || len(v.Train.Nets) != 2 || len(v.Summary) != 2 {
		t.Fatalf("view: waiting=%v train=%v summary=%d", v.Waiting, v.Train != nil, len(v.Summary))
	}
	for k, n := range v.Train.Nets {
		if n.Name != []string{"plain", "bn"}[k] || len(n.Layers) != 3 || len(n.GradNorms) != 4 || n.HistStep != 10 {
			t.Errorf("net %d: %s, %d layers, %d grad curves, hist step %d", k, n.Name, len(n.Layers), len(n.GradNorms), n.HistStep)
		}
		for _, ls := range n.Layers {
			if (ls.Norm != nil) != (k == 1) || ls.ActIn != []string{"pre", "norm"}[k] {
				t.Errorf("net %s layer %d: norm=%v actIn=%s", n.Name, ls.Layer, ls.Norm != nil, ls.ActIn)
			}
		}
		if len(n.UnitBand.Steps) != 11 || len(n.Loss.Values) != 11 {
			t.Errorf("net %s: %d band points, %d loss points, want 11 (steps 0..10)", n.Name, len(n.UnitBand.Steps), len(n.Loss.Values))
		}
	}
	if _, err := json.Marshal(v); err != nil {
		t.Fatal(err)
	}
	// Choosing another layer for the percentiles keeps the training going.
	before := v.Train.Nets[1].UnitBand
	st := l.(lessons.Stateful).State()
	st.Values[train.KeyLayer] = "1"
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	w := l.View().(*HistogramsView)
	if w.Train.Step != 10 || w.Layer != 1 || w.Train.Layer != 1 || len(w.Train.Nets[1].UnitBand.Steps) != 11 {
		t.Fatalf("after choosing layer 1: step %d, layer %d/%d, %d band points", w.Train.Step, w.Layer, w.Train.Layer, len(w.Train.Nets[1].UnitBand.Steps))
	}
	if slices.Equal(before.P50, w.Train.Nets[1].UnitBand.P50) {
		t.Error("layer 1's band equals layer 2's")
	}
}

// TestTrainingLessonsExtremeSettings: the corners of the controls train
// (or diverge) without an error and their views encode to JSON.
func TestTrainingLessonsExtremeSettings(t *testing.T) {
	ds := testSynthetic(t)
	for _, hash := range []string{
		"#lesson=histograms&depth=20&act=relu&wscale=3&lr=2&batch=2",
		"#lesson=histograms&depth=20&act=tanh&wscale=0.001&lr=0.001&batch=256",
		"#lesson=histograms&depth=3&act=sigmoid&wscale=3&lr=2&batch=2&layer=1",
		"#lesson=placement&depth=8&act=relu&lr=2&batch=2",
		"#lesson=placement&depth=1&act=tanh&lr=0.001&batch=256&layer=1",
	} {
		l := trainingLesson(t, hash, ds)
		for i := 0; i < 6; i++ {
			if err := l.Step(); err != nil {
				t.Fatalf("%s: step %d: %v", hash, i+1, err)
			}
		}
		b, err := json.Marshal(l.View())
		if err != nil {
			t.Errorf("%s: view does not encode: %v", hash, err)
		}
		t.Logf("%s: %d bytes of JSON, diverged: %v", hash, len(b), strings.Count(string(b), `"diverged":true`))
	}
}

// TestHistogramsVanishingGradients: at the default settings (10 sigmoid
// layers, N(0, 0.1²) weights) the plain net's first-layer gradient is
// tiny next to the BN net's, on MNIST (or the synthetic set when MNIST is
// not available).
func TestHistogramsVanishingGradients(t *testing.T) {
	var ds *train.Dataset
	if _, err := mnistOnce(); err == nil {
		ds = testMNIST(t, 2000, 200)
	} else {
		t.Logf("MNIST unavailable (%v); using the synthetic set", err)
		ds = testSynthetic(t)
	}
	l := trainingLesson(t, "#lesson=histograms", ds)
	for i := 0; i < 20; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	s := l.View().(*HistogramsView).Summary
	plain, bn := s[0], s[1]
	t.Logf("first-layer gradient norm: plain %.3g, BN %.3g; last hidden: plain %.3g, BN %.3g", plain.GradFirst, bn.GradFirst, plain.GradLast, bn.GradLast)
	if !(plain.GradFirst < 1e-3*bn.GradFirst) || !(bn.GradFirst > 1e-2) {
		t.Errorf("plain first-layer gradient %.3g is not ≪ BN's %.3g", plain.GradFirst, bn.GradFirst)
	}
	if !(plain.GradRatio < 1e-3) || !(bn.GradRatio > 0.1) {
		t.Errorf("first/last gradient ratio: plain %.3g (want < 1e-3), BN %.3g (want > 0.1)", plain.GradRatio, bn.GradRatio)
	}
}

// BenchmarkHistogramsStep is one training step of both networks at the
// default settings (10 sigmoid layers of 100, batch 60), recording
// included; MNIST when available, otherwise the synthetic set.
func BenchmarkHistogramsStep(b *testing.B) {
	var ds *train.Dataset
	if _, err := mnistOnce(); err == nil {
		ds = testMNIST(b, 10000, 500)
	} else {
		ds = testSynthetic(b)
	}
	l := trainingLesson(b, "#lesson=histograms", ds)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTrainStatusStep: the view's Step (the page's step counter) counts
// the training steps taken and survives a change of the percentile layer,
// which keeps the trained networks; a change of depth rebuilds them and
// starts again at 0.
func TestTrainStatusStep(t *testing.T) {
	ds, err := train.SyntheticDataset(200, 50, 0.5, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"histograms", "placement"} {
		t.Run(id, func(t *testing.T) {
			l := trainingLesson(t, "#lesson="+id+"&depth=3&batch=16&layer=1", ds)
			for range 5 {
				if err := l.Step(); err != nil {
					t.Fatal(err)
				}
			}
			step := func() int {
				b, err := json.Marshal(l.View())
				if err != nil {
					t.Fatal(err)
				}
				var v struct{ Step int }
				if err := json.Unmarshal(b, &v); err != nil {
					t.Fatal(err)
				}
				return v.Step
			}
			if got := step(); got != 5 {
				t.Fatalf("after 5 steps the view says step %d", got)
			}
			vals := l.(lessons.Stateful).State().Values
			vals["layer"] = "2"
			if err := l.Configure(vals, lessons.DefaultSeed); err != nil {
				t.Fatal(err)
			}
			if got := step(); got != 5 {
				t.Errorf("after changing the layer the view says step %d, want 5 (networks kept)", got)
			}
			vals["depth"] = "4"
			if err := l.Configure(vals, lessons.DefaultSeed); err != nil {
				t.Fatal(err)
			}
			if got := step(); got != 0 {
				t.Errorf("after changing the depth the view says step %d, want 0 (networks rebuilt)", got)
			}
		})
	}
}
