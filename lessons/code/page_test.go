package code

import (
	"encoding/json"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
)

// TestRenderCode: the code blocks mark the topic's lines, the print and
// the Keras summary carry the engine's counts, and the stage's layer
// stacks add up to the models' totals.
func TestRenderCode(t *testing.T) {
	for _, tc := range []struct {
		hash            string
		torchHidden     bool
		kerasHidden     bool
		hotTorch, hotKs []string
	}{
		{"#lesson=code", false, false, []string{"features.1", "features.5", "classifier.2"}, []string{"batch_normalization", "batch_normalization_1", "batch_normalization_2"}},
		{"#lesson=code&framework=pytorch&topic=dropout", false, true, []string{"classifier.4", "classifier.7"}, []string{"dropout"}},
		{"#lesson=code&framework=keras&topic=size", true, false, []string{"classifier.1"}, []string{"dense"}},
	} {
		v := lessontest.After[*Lesson](t, New(), tc.hash, 0).View()
		out, err := render(v)
		if err != nil {
			t.Fatalf("%s: %v", tc.hash, err)
		}
		js := lessontest.CheckStage(t, "code", out, 6000)
		for id, want := range map[string][]string{
			"code-print":    {"ConvNetWithBNDropout(", "1,693,130", "1,219"},
			"code-summary":  {"825,866", "825,162", "704", "803072", "(None, 7, 7, 64)"},
			"code-defaults": {"eps=1e-5", "epsilon=1e-3", `class="hot"`},
			"code-momentum": {"<svg", v.Momentum.Text[:20]},
		} {
			for _, w := range want {
				if !strings.Contains(out.Panels[id], w) {
					t.Errorf("%s: panel %s lacks %q", tc.hash, id, w)
				}
			}
		}
		for _, c := range []struct {
			id     string
			block  Block
			hidden bool
		}{{"code-pytorch", v.PyTorch, tc.torchHidden}, {"code-keras", v.Keras, tc.kerasHidden}} {
			got := strings.Count(out.Panels[c.id], "<mark>")
			if c.hidden && got != 0 || !c.hidden && got != len(c.block.Marks) {
				t.Errorf("%s: %s has %d marked lines, want %d (hidden %v)", tc.hash, c.id, got, len(c.block.Marks), c.hidden)
			}
		}
		var st Stage
		if err := json.Unmarshal(js, &st); err != nil {
			t.Fatal(err)
		}
		for _, side := range []struct {
			layers []StageLayer
			total  int
			hot    []string
		}{{st.Torch, v.TorchParams, tc.hotTorch}, {st.Keras, v.KerasTotal, tc.hotKs}} {
			sum, hot := 0, []string{}
			for _, l := range side.layers {
				sum += l.Params
				if l.Hot {
					hot = append(hot, l.Name)
				}
			}
			if sum != side.total || strings.Join(hot, ",") != strings.Join(side.hot, ",") {
				t.Errorf("%s: stack sums to %d (want %d), hot %v (want %v)", tc.hash, sum, side.total, hot, side.hot)
			}
		}
		if v.Topic == "dropout" {
			// Only the dropout layers, not the class name ConvNetWithBNDropout.
			for _, m := range v.PyTorch.Marks {
				if line := v.PyTorch.Lines[m.Line-1]; !strings.Contains(line, "nn.Dropout(") {
					t.Errorf("%s: marked line %q", tc.hash, line)
				}
			}
			if len(v.PyTorch.Marks) != 2 || len(v.Keras.Marks) != 1 {
				t.Errorf("%s: %d PyTorch and %d Keras lines marked, want 2 and 1", tc.hash, len(v.PyTorch.Marks), len(v.Keras.Marks))
			}
		}
		if len(st.Torch) != 17 || len(st.Keras) != 14 {
			t.Errorf("%s: %d PyTorch and %d Keras layers, want 17 and 14", tc.hash, len(st.Torch), len(st.Keras))
		}
	}
}

// TestCodeShortLabel: the stage's labels keep the sizes only.
func TestCodeShortLabel(t *testing.T) {
	for _, tc := range []struct{ kind, args, want string }{
		{"Conv2d", "1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)", "Conv2d(1, 32)"},
		{"Linear", "in_features=3136, out_features=512, bias=True", "Linear(3136, 512)"},
		{"Dropout", "p=0.5, inplace=False", "Dropout(p=0.5)"},
		{"ReLU", "", "ReLU"},
	} {
		if got := shortLabel(tc.kind, tc.args); got != tc.want {
			t.Errorf("codeShortLabel(%q, %q) = %q, want %q", tc.kind, tc.args, got, tc.want)
		}
	}
}

func BenchmarkRenderCode(b *testing.B) {
	v := lessontest.After[*Lesson](b, New(), "#lesson=code", 0)
	for b.Loop() {
		if _, err := render(v.View()); err != nil {
			b.Fatal(err)
		}
	}
}
