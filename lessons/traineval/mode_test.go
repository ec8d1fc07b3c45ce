package traineval

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/train"
)

// teWeights copies every parameter and buffer of the lesson's network.
func teWeights(l *Lesson) map[string][]float32 {
	out := map[string][]float32{}
	for _, p := range l.Model.Params() {
		out["param "+p.Name] = append([]float32(nil), p.Value.Data...)
	}
	for _, b := range l.Model.Buffers() {
		out["buffer "+b.Name] = append([]float32(nil), b.Value.Data...)
	}
	return out
}

// teViewJSON is the lesson's current view as JSON.
func teViewJSON(t *testing.T, l *Lesson) string {
	t.Helper()
	b, err := json.Marshal(l.View())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// teSet configures l with one value changed.
func teSet(t *testing.T, l *Lesson, key, value string) {
	t.Helper()
	v := lessons.Values{}
	for k, x := range l.values {
		v[k] = x
	}
	v[key] = value
	if err := l.Configure(v, l.seed); err != nil {
		t.Fatalf("Configure %s=%s: %v", key, value, err)
	}
}

// TestTrainEvalModeToggleKeepsTraining: after n steps, switching the mode
// keeps step n, every parameter and buffer; switching back and forth gives
// identical views; the toggled view equals a run inspected in that mode
// from the start; and training then goes on as if nothing had happened.
func TestTrainEvalModeToggleKeepsTraining(t *testing.T) {
	const hash, n = "#lesson=train-eval&seed=11&width=24&p=0.5", 13 // past a demo refresh (every 10)
	l, _ := trainedView(t, hash+"&mode=train", n)
	weights := teWeights(l)
	views := map[string]string{"train": teViewJSON(t, l)}
	for i, mode := range []string{"eval", "train", "eval", "train", "eval"} {
		teSet(t, l, train.KeyMode, mode)
		v := l.View()
		if v.Step != n || v.Mode != mode {
			t.Fatalf("switch %d to %s: step %d mode %q, want step %d", i, mode, v.Step, v.Mode, n)
		}
		if !reflect.DeepEqual(teWeights(l), weights) {
			t.Fatalf("switch %d to %s changed the network's parameters or buffers", i, mode)
		}
		got := teViewJSON(t, l)
		if want, seen := views[mode]; seen && got != want {
			t.Errorf("switch %d back to %s: the view differs from the first %s view", i, mode, mode)
		}
		views[mode] = got
	}
	if views["train"] == views["eval"] {
		t.Fatal("the train and eval views are identical")
	}
	// The eval view is what a run inspected in eval mode from the start shows.
	_, ev := trainedView(t, hash+"&mode=eval", n)
	if b, _ := json.Marshal(ev); string(b) != views["eval"] {
		t.Error("the toggled eval view differs from a run in eval mode from the start")
	}
	for _, ly := range l.View().Layers {
		if ly.Kind == "BatchNorm1d" && (ly.Training || !strings.Contains(ly.Uses, "running statistics")) {
			t.Errorf("eval: layer %s training %v uses %q", ly.Name, ly.Training, ly.Uses)
		}
	}
	// Training goes on from step n, exactly as without the toggles.
	if err := l.Step(); err != nil {
		t.Fatal(err)
	}
	plain, _ := trainedView(t, hash+"&mode=train", n+1)
	if got := l.View().Step; got != n+1 {
		t.Errorf("after toggling and one more step: step %d, want %d", got, n+1)
	}
	if !reflect.DeepEqual(teWeights(l), teWeights(plain)) {
		t.Error("toggling the mode changed the training: the weights differ from an untoggled run")
	}
}

// TestTrainEvalControlsRestart: the controls that change the experiment
// restart training from step 0; the mode and the pace keep it.
func TestTrainEvalControlsRestart(t *testing.T) {
	const n = 3
	for _, tc := range []struct {
		key, value string
		keeps      bool
	}{
		{train.KeyMode, "eval", true},
		{train.KeySpeed, "7", true},
		{train.KeyDataset, "moons", false},
		{train.KeyWidth, "20", false},
		{train.KeyP, "0.5", false},
		{keyMomentum, "0.2", false},
		{train.KeyBatch, "16", false},
		{train.KeyLR, "0.05", false},
		{keyUnit, "3", false},
		{keySample, "12", false},
	} {
		l, _ := trainedView(t, "#lesson=train-eval&width=24", n)
		teSet(t, l, tc.key, tc.value)
		v := l.View()
		want := 0
		if tc.keeps {
			want = n
		}
		if v.Step != want || len(v.Running.Steps) != want {
			t.Errorf("%s=%s: step %d, %d running points; want %d", tc.key, tc.value, v.Step, len(v.Running.Steps), want)
		}
		if l.values[tc.key] != tc.value {
			t.Errorf("%s=%s: the lesson holds %s=%s", tc.key, tc.value, tc.key, l.values[tc.key])
		}
	}
	// A new seed is a new experiment too.
	l, _ := trainedView(t, "#lesson=train-eval&width=24", n)
	if err := l.Configure(l.values, l.seed+1); err != nil {
		t.Fatal(err)
	}
	if s := l.View().Step; s != 0 {
		t.Errorf("new seed: step %d, want 0", s)
	}
}
