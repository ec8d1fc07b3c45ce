package traineval

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// TestRenderTrainEval: every panel parses and carries the view's key
// numbers; the stage shows batch statistics and masks in train mode and
// running statistics and no mask in eval mode.
func TestRenderTrainEval(t *testing.T) {
	for _, tc := range []struct {
		name, hash string
		steps      int
	}{
		{"train", "#lesson=train-eval&width=16", 12},
		{"eval", "#lesson=train-eval&width=16&mode=eval", 12},
		{"no step yet", "#lesson=train-eval&width=16", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := lessontest.After[*Lesson](t, New(), tc.hash, tc.steps).View()
			out, err := render(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"train-eval-status", "train-eval-notes", "train-eval-layers", "train-eval-forgot",
				"train-eval-sizes", "train-eval-batch-one", "train-eval-running"} {
				frag, ok := out.Panels[id]
				if !ok || frag == "" {
					t.Fatalf("panel %s missing", id)
				}
				lessontest.CheckPanel(t, id, frag)
			}
			for id, want := range map[string]string{
				"train-eval-status":    "model." + v.Mode + "()",
				"train-eval-batch-one": "Expected more than 1 value per channel when training",
				"train-eval-sizes":     "<strong>" + numfmt.Plain(v.MaxEvalDiff) + "</strong>",
				"train-eval-forgot":    strconv.Itoa(v.Forgot.Passes) + " train-mode predictions",
			} {
				if !strings.Contains(out.Panels[id], want) {
					t.Errorf("%s lacks %q", id, want)
				}
			}
			if !strings.Contains(out.Panels["train-eval-batch-one"], `class="error"`) {
				t.Error("the batch-of-one error is not in an error box")
			}
			if got := strings.Contains(out.Panels["train-eval-running"], "<svg"); got != (tc.steps > 0) {
				t.Errorf("running chart drawn = %v after %d steps", got, tc.steps)
			}
			js, err := json.Marshal(out.Stage)
			if err != nil {
				t.Fatal(err)
			}
			if len(js) > 8000 {
				t.Errorf("stage payload is %d bytes, want a few KB", len(js))
			}
			var st Stage
			if err := json.Unmarshal(js, &st); err != nil {
				t.Fatal(err)
			}
			train := v.Mode == "train"
			var bn, drop int
			for i, l := range st.Layers {
				switch l.Kind {
				case "BatchNorm1d":
					bn++
					if l.Batch != train || len(l.Mean) != stageChannels {
						t.Errorf("layer %s: batch = %v, %d means; want %v, %d", l.Name, l.Batch, len(l.Mean), train, stageChannels)
					}
					if !train && l.Mean[0] != pages.RoundTo(v.Layers[i].RunningMean[0], 4) {
						t.Errorf("layer %s: eval mode shows mean %v, running_mean is %v", l.Name, l.Mean[0], v.Layers[i].RunningMean[0])
					}
				case "Dropout":
					drop++
					if (l.Kept != nil) != train {
						t.Errorf("layer %s: mask shown = %v in %s mode", l.Name, l.Kept != nil, v.Mode)
					}
				}
			}
			if bn != 2 || drop != 2 {
				t.Errorf("stage has %d BN and %d dropout layers, want 2 and 2", bn, drop)
			}
		})
	}
}

func BenchmarkRenderTrainEval(b *testing.B) {
	v := lessontest.After[*Lesson](b, New(), "#lesson=train-eval", 30)
	for b.Loop() {
		if _, err := render(v.View()); err != nil {
			b.Fatal(err)
		}
	}
}
