package traineval

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
)

// trainEvalFrom builds train-eval from a hash, failing on notices.
func trainEvalFrom(t testing.TB, hash string) *Lesson {
	t.Helper()
	l := lessontest.OpenAs[*Lesson](t, New(), hash)
	return l
}

// trainedView runs steps×speed training steps and returns the view.
func trainedView(t testing.TB, hash string, steps int) (*Lesson, *View) {
	t.Helper()
	l := trainEvalFrom(t, hash)
	for range steps {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return l, l.View()
}

// TestTrainEvalEvalSameAcrossBatchSizes: in eval mode the chosen sample
// gets the same probabilities in batches of 1, 8 and 64.
func TestTrainEvalEvalSameAcrossBatchSizes(t *testing.T) {
	for _, hash := range []string{"#lesson=train-eval&speed=20", "#lesson=train-eval&dataset=moons&p=0.5&speed=20&sample=3"} {
		_, v := trainedView(t, hash, 3)
		if len(v.Sizes) != 3 {
			t.Fatalf("%d sizes", len(v.Sizes))
		}
		if v.MaxEvalDiff > 1e-6 {
			t.Errorf("%s: eval probabilities differ by %v across batch sizes", hash, v.MaxEvalDiff)
		}
		for _, s := range v.Sizes {
			if !reflect.DeepEqual(s.EvalProbs, v.Sizes[0].EvalProbs) && v.MaxEvalDiff == 0 {
				t.Errorf("size %d: %v vs %v", s.Size, s.EvalProbs, v.Sizes[0].EvalProbs)
			}
			if s.EvalAnswer != v.Forgot.EvalAnswer {
				t.Errorf("size %d answer %d, single eval %d", s.Size, s.EvalAnswer, v.Forgot.EvalAnswer)
			}
		}
	}
}

// TestTrainEvalTrainModeVaries: forgetting eval() gives different
// probabilities from pass to pass.
func TestTrainEvalTrainModeVaries(t *testing.T) {
	_, v := trainedView(t, "#lesson=train-eval&speed=20&passes=30", 3)
	f := v.Forgot
	if len(f.Probs) != 30 || len(f.Answers) != 30 {
		t.Fatalf("%d passes", len(f.Probs))
	}
	differ := false
	for _, pr := range f.Probs[1:] {
		differ = differ || !reflect.DeepEqual(pr, f.Probs[0])
	}
	if !differ {
		t.Error("30 train-mode passes all gave the same probabilities")
	}
	var spread float64
	for _, s := range f.StdProbs {
		spread = max(spread, s)
	}
	if spread < 1e-4 {
		t.Errorf("largest std of the probabilities %v", spread)
	}
}

// TestTrainEvalBatchOfOne: a batch of one in train mode fails with
// PyTorch's message, explained, and nothing panics or changes.
func TestTrainEvalBatchOfOne(t *testing.T) {
	l, v := trainedView(t, "#lesson=train-eval&width=100", 1)
	b := v.BatchOfOne
	want := "Expected more than 1 value per channel when training, got input size (1, 100)"
	if !b.Failed || !strings.Contains(b.Error, want) || b.Explanation == "" {
		t.Errorf("batch of one: %+v, want an error containing %q", b, want)
	}
	if v.Sizes[0].TrainError == "" || v.Sizes[0].TrainAnswer != -1 || v.Sizes[1].TrainError != "" {
		t.Errorf("sizes: %+v", v.Sizes)
	}
	before, _ := json.Marshal(v.Running)
	l.cache = nil
	again := l.View()
	after, _ := json.Marshal(again.Running)
	if string(before) != string(after) {
		t.Error("viewing changed the running statistics")
	}
}

// TestTrainEvalLayers: the toggle changes which statistics and masks the
// layers use.
func TestTrainEvalLayers(t *testing.T) {
	for _, tc := range []struct {
		mode, bnUses, dropUses string
		anyDropped             bool
	}{{"train", "batch statistics", "random mask", true}, {"eval", "running statistics", "identity", false}} {
		_, v := trainedView(t, "#lesson=train-eval&p=0.5&mode="+tc.mode, 1)
		bn, drop := 0, 0
		for _, ly := range v.Layers {
			switch ly.Kind {
			case "BatchNorm1d":
				bn++
				if !strings.Contains(ly.Uses, tc.bnUses) || len(ly.Mean) != 100 || len(ly.RunningVar) != 100 {
					t.Errorf("%s: layer %s uses %q (%d means)", tc.mode, ly.Name, ly.Uses, len(ly.Mean))
				}
				if tc.mode == "eval" && !reflect.DeepEqual(ly.Mean, ly.RunningMean) {
					t.Errorf("eval: layer %s does not use running_mean", ly.Name)
				}
			case "Dropout":
				drop++
				if !strings.Contains(ly.Uses, tc.dropUses) || (ly.Dropped > 0) != tc.anyDropped {
					t.Errorf("%s: layer %s uses %q, dropped %d", tc.mode, ly.Name, ly.Uses, ly.Dropped)
				}
			}
		}
		if bn != 2 || drop != 2 {
			t.Errorf("%s: %d BN and %d dropout layers, want 2 and 2", tc.mode, bn, drop)
		}
	}
}

// TestTrainEvalRunningConverges: with momentum 0.1 the running mean of the
// followed unit approaches the population mean; it lags more with 0.01.
func TestTrainEvalRunningConverges(t *testing.T) {
	gap := func(mom string) float64 {
		_, v := trainedView(t, "#lesson=train-eval&lr=0.001&speed=50&momentum="+mom, 4)
		r := v.Running
		n := len(r.Steps) - 1
		if n < 100 || r.Steps[n] != 200 {
			t.Fatalf("history of %d points ending at %d", n+1, r.Steps[n])
		}
		if r.RunningVar[0] == 1 || r.Momentum <= 0 {
			t.Errorf("running_var did not move: %v", r.RunningVar[:3])
		}
		return abs64(r.RunningMean[n]-r.PopMean[n]) + abs64(r.RunningVar[n]-r.PopVar[n])
	}
	fast, slow := gap("0.1"), gap("0.01")
	if fast > 0.1*(1+slow) || fast >= slow {
		t.Errorf("gap to the population statistics: %v with momentum 0.1, %v with 0.01", fast, slow)
	}
}

func abs64(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestTrainEvalDeterministic: one seed, one view, however often viewed.
func TestTrainEvalDeterministic(t *testing.T) {
	run := func(views int) string {
		l := trainEvalFrom(t, "#lesson=train-eval&speed=5&seed=9")
		for range 3 {
			for range views {
				l.cache = nil
				l.View()
			}
			if err := l.Step(); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := json.Marshal(l.View())
		return string(b)
	}
	if a, b := run(0), run(2); a != b {
		t.Error("viewing changed the training, or one seed gave two results")
	}
}

func BenchmarkTrainEvalStep(b *testing.B) {
	l := trainEvalFrom(b, "#lesson=train-eval")
	for b.Loop() {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrainEvalView(b *testing.B) {
	l := trainEvalFrom(b, "#lesson=train-eval")
	for b.Loop() {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
		l.View()
	}
}
