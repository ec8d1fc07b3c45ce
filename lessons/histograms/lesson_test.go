package histograms

import (
	"encoding/json"
	"slices"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// TestHistogramsView: a short run on synthetic data gives a plain and a BN
// net with a histogram per layer, BN output histograms only in the BN net,
// and a view that encodes to JSON.
func TestHistogramsView(t *testing.T) {
	l := lessontest.Open(t, New(), "#lesson=histograms&depth=3&batch=20&layer=2", lessontest.Synthetic(t))
	for i := 0; i < 10; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	v := l.(*Lesson).View()
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
	w := l.(*Lesson).View()
	if w.Train.Step != 10 || w.Layer != 1 || w.Train.Layer != 1 || len(w.Train.Nets[1].UnitBand.Steps) != 11 {
		t.Fatalf("after choosing layer 1: step %d, layer %d/%d, %d band points", w.Train.Step, w.Layer, w.Train.Layer, len(w.Train.Nets[1].UnitBand.Steps))
	}
	if slices.Equal(before.P50, w.Train.Nets[1].UnitBand.P50) {
		t.Error("layer 1's band equals layer 2's")
	}
}

// TestHistogramsVanishingGradients: at the default settings (10 sigmoid
// layers, N(0, 0.1²) weights) the plain net's first-layer gradient is
// tiny next to the BN net's, on MNIST (or the synthetic set when MNIST is
// not available).
func TestHistogramsVanishingGradients(t *testing.T) {
	var ds *train.Dataset
	if _, err := lessontest.LoadMNIST(); err == nil {
		ds = lessontest.MNIST(t, 2000, 200)
	} else {
		t.Logf("MNIST unavailable (%v); using the synthetic set", err)
		ds = lessontest.Synthetic(t)
	}
	l := lessontest.Open(t, New(), "#lesson=histograms", ds)
	for i := 0; i < 20; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	s := l.(*Lesson).View().Summary
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
	if _, err := lessontest.LoadMNIST(); err == nil {
		ds = lessontest.MNIST(b, 10000, 500)
	} else {
		ds = lessontest.Synthetic(b)
	}
	l := lessontest.Open(b, New(), "#lesson=histograms", ds)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReLUAtLR2PlainDivergesBNDoesNot is the prose's "Try it": with ReLU
// and learning rate 2 the plain network diverges and the BN one does not.
func TestReLUAtLR2PlainDivergesBNDoesNot(t *testing.T) {
	ds := lessontest.Synthetic(t)
	if _, err := lessontest.LoadMNIST(); err == nil {
		ds = lessontest.MNIST(t, 2000, 200)
	}
	l := lessontest.Open(t, New(), "#lesson=histograms&act=relu&lr=2", ds)
	for range 200 {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	v := l.(*Lesson).View()
	if v.Train == nil || len(v.Train.Nets) != 2 {
		t.Fatalf("no two networks in the view")
	}
	plain, bn := v.Train.Nets[0], v.Train.Nets[1]
	if !plain.Diverged || bn.Diverged {
		t.Errorf("%s diverged %v, %s diverged %v: want the plain one only", plain.Label, plain.Diverged, bn.Label, bn.Diverged)
	}
}
