package course

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/dropout"
	"bnlab/lessons/histograms"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/mistakes"
	"bnlab/lessons/train"
	"bnlab/lessons/traineval"
)

// TestLessonHashRoundTrip: non-default states of the dropout and
// train-eval lessons survive EncodeHash and ParseHash.
func TestLessonHashRoundTrip(t *testing.T) {
	for _, hash := range []string{
		"#lesson=dropout&dataset=moons&noise=0.3&width=5&batch=3&preset=dense&p1=0.35&p2=0.9&mode=classic-no-scale&lr=0.123&speed=9&seed=11",
		"#lesson=train-eval&dataset=circles&mode=eval&momentum=0.37&p=0.2&width=32&passes=40&sample=17&seed=5",
	} {
		s, notes := ParseHash(hash)
		if len(notes) > 0 {
			t.Fatalf("%q: notices %v", hash, notes)
		}
		s2, notes := ParseHash(EncodeHash(s))
		if len(notes) > 0 || !reflect.DeepEqual(s, s2) {
			t.Errorf("%q → %+v (notices %v), want %+v", hash, s2, notes, s)
		}
	}
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
		l := open(t, "#"+hash, nil)
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
	l := open(t, "#lesson=histograms&depth=4&layer=9", nil)
	v := l.(*histograms.Lesson).View()
	if v.Layer != 4 || len(v.Notices) != 1 || v.Notices[0].Key != "layer" || v.Notices[0].Used != "4" {
		t.Errorf("layer 9 of 4: view layer %d, notices %+v", v.Layer, v.Notices)
	}
	if err := l.Configure(lessons.Values{"depth": "77"}, 1); err == nil {
		t.Error("Configure accepted an unnormalized depth=77")
	}
	if again := l.(*histograms.Lesson).View(); again.Depth != 4 {
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
		b, err := json.Marshal(viewOf(l))
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

// TestTrainingLessonsExtremeSettings: the corners of the controls train
// (or diverge) without an error and their views encode to JSON.
func TestTrainingLessonsExtremeSettings(t *testing.T) {
	ds := lessontest.Synthetic(t)
	for _, hash := range []string{
		"#lesson=histograms&depth=20&act=relu&wscale=3&lr=2&batch=2",
		"#lesson=histograms&depth=20&act=tanh&wscale=0.001&lr=0.001&batch=256",
		"#lesson=histograms&depth=3&act=sigmoid&wscale=3&lr=2&batch=2&layer=1",
		"#lesson=placement&depth=8&act=relu&lr=2&batch=2",
		"#lesson=placement&depth=1&act=tanh&lr=0.001&batch=256&layer=1",
	} {
		l := open(t, hash, ds)
		for i := 0; i < 6; i++ {
			if err := l.Step(); err != nil {
				t.Fatalf("%s: step %d: %v", hash, i+1, err)
			}
		}
		b, err := json.Marshal(viewOf(l))
		if err != nil {
			t.Errorf("%s: view does not encode: %v", hash, err)
		}
		t.Logf("%s: %d bytes of JSON, diverged: %v", hash, len(b), strings.Count(string(b), `"diverged":true`))
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
			l := open(t, "#lesson="+id+"&depth=3&batch=16&layer=1", ds)
			for range 5 {
				if err := l.Step(); err != nil {
					t.Fatal(err)
				}
			}
			step := func() int {
				b, err := json.Marshal(viewOf(l))
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

// TestOverfittingMistakesClamp: bad address values of both lessons are
// clamped or replaced, each with one notice naming it.
func TestOverfittingMistakesClamp(t *testing.T) {
	cases := []struct{ hash, key, used, inTxt string }{
		{"lesson=overfitting&n=50", "n", "200", "below the minimum"},
		{"lesson=overfitting&n=99999", "n", "5000", "above the maximum"},
		{"lesson=overfitting&p=0.95", "p", "0.8", "above the maximum"},
		{"lesson=overfitting&lr=0", "lr", "0.1", "positive"},
		{"lesson=overfitting&lr=40", "lr", "5", "above the maximum"},
		{"lesson=overfitting&width=4096", "width", "512", "above the maximum"},
		{"lesson=overfitting&steps=abc", "steps", "1000", "not a number"},
		{"lesson=mistakes&mistake=nan", "mistake", mistakes.MistakeEval, "not one of the choices"},
		{"lesson=mistakes&fixed=2", "fixed", "0", "not 1 or 0"},
		{"lesson=mistakes&steps=5000", "steps", "1000", "above the maximum"},
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
	want := lessons.State{Lesson: "overfitting", Seed: 4, Values: lessons.Values{"n": "1200", "p": "0.3", "lr": "1", "steps": "400", "width": "128"}}
	hash := EncodeHash(want)
	if got, notes := ParseHash(hash); len(notes) > 0 || got.Values["n"] != "1200" || got.Values["lr"] != "1" || got.Seed != 4 {
		t.Errorf("%s → %+v, %v", hash, got, notes)
	}
	if again := EncodeHash(open(t, "#"+hash, nil).(lessons.Stateful).State()); again != hash {
		t.Errorf("State() encodes to %s, want %s", again, hash)
	}
}

// TestMNISTChoiceWaitsForData: "mnist" before SetData waits (Step gives
// ErrNoData); after SetData both lessons train on 784-pixel inputs.
func TestMNISTChoiceWaitsForData(t *testing.T) {
	ds, err := train.SyntheticDataset(200, 50, 0.5, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, hash := range []string{"#lesson=dropout&dataset=mnist&width=16", "#lesson=train-eval&dataset=mnist&width=16&batch=8"} {
		st, _ := ParseHash(hash)
		l, _ := New(st.Lesson)
		if err := l.Configure(st.Values, st.Seed); err != nil {
			t.Fatal(err)
		}
		if err := l.Step(); !errors.Is(err, train.ErrNoData) {
			t.Errorf("%s: Step before data: %v, want ErrNoData", hash, err)
		}
		waiting := false
		switch v := viewOf(l).(type) {
		case *dropout.View:
			waiting = v.Waiting
		case *traineval.View:
			waiting = v.Waiting
		}
		if !waiting {
			t.Errorf("%s: the view before data is not waiting: %+v", hash, viewOf(l))
		}
		nd, ok := l.(train.NeedsData)
		if !ok {
			t.Fatalf("%s does not implement NeedsData", hash)
		}
		if err := nd.SetData(ds); err != nil {
			t.Fatal(err)
		}
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
		switch v := viewOf(l).(type) {
		case *dropout.View:
			if v.Waiting || v.Layers[0].Units != 784 || v.Layers[0].Shown != train.MaxShownInputs || len(v.MC.Input) != 784 {
				t.Errorf("dropout on MNIST: waiting %v, input layer %+v", v.Waiting, v.Layers[0])
			}
		case *traineval.View:
			if v.Waiting || v.Classes != 10 || len(v.Forgot.Probs) != 20 || !v.BatchOfOne.Failed {
				t.Errorf("train-eval on MNIST: %+v", v.Forgot)
			}
		}
	}
}

// TestExtremeSettingsEncode: extreme settings of both lessons train and
// give views that encode as JSON (no NaN or Inf).
func TestExtremeSettingsEncode(t *testing.T) {
	for _, hash := range []string{
		"#lesson=train-eval&p=0&width=4&batch=2&momentum=1&passes=2&unit=127&sample=399",
		"#lesson=train-eval&p=0.9&width=128&batch=128&momentum=0.01&lr=1&dataset=blobs",
		"#lesson=dropout&p1=0.9&p2=0.9&width=2&batch=1&lr=1&mode=classic-no-scale",
		"#lesson=dropout&p1=0&p2=0&width=32&batch=64&dataset=circles&noise=0.5",
	} {
		st, _ := ParseHash(hash)
		l, err := New(st.Lesson)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Configure(st.Values, st.Seed); err != nil {
			t.Fatalf("%s: %v", hash, err)
		}
		for range 25 {
			if err := l.Step(); err != nil && !errors.Is(err, engine.ErrDiverged) {
				t.Fatalf("%s: %v", hash, err)
			}
		}
		if _, err := json.Marshal(viewOf(l)); err != nil {
			t.Errorf("%s: %v", hash, err)
		}
	}
}
