package cnn

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
)

// TestRenderCNN: panels parse and carry the engine's numbers; the stage
// payload decodes back to the view's maps (within quantisation).
func TestRenderCNN(t *testing.T) {
	for _, tc := range []struct {
		hash  string
		steps int
		limit int
	}{
		{"#lesson=cnn", 0, 30000},
		{"#lesson=cnn&layer=features.4&batch=5&channel=63&sample=4", 0, 30000},
		{"#lesson=cnn&batch=32&channel=7", 2, 90000},
	} {
		v := lessontest.After[*Lesson](t, New(), tc.hash, tc.steps).View()
		out, err := render(v)
		if err != nil {
			t.Fatalf("%s: %v", tc.hash, err)
		}
		js := lessontest.CheckStage(t, "cnn", out, tc.limit)
		for id, want := range map[string][]string{
			"cnn-stats":    {numfmt.Num(v.Stats.Mean), numfmt.Num(v.Stats.Var), numfmt.Num(v.Stats.Gamma), strconv.Itoa(v.Reduction.Count)},
			"cnn-print":    {"BatchNorm2d(64, eps=1e-05", v.ParamCountText},
			"cnn-fold":     {numfmt.Num(v.Fold.MaxAbsDiff), numfmt.Sig(v.Fold.FoldedBias, 6), numfmt.Sig(v.Fold.Scale, 6), "<math"},
			"cnn-bias":     {numfmt.Num(v.Bias.Bias), "bias=False"},
			"cnn-channels": {"<svg", "biased variance"},
		} {
			for _, w := range want {
				if !strings.Contains(out.Panels[id], w) {
					t.Errorf("%s: panel %s lacks %q", tc.hash, id, w)
				}
			}
		}
		if tc.steps > 0 && !strings.Contains(out.Panels["cnn-loss"], "<svg") {
			t.Errorf("%s: no loss chart after %d steps", tc.hash, tc.steps)
		}
		var st Stage
		if err := json.Unmarshal(js, &st); err != nil {
			t.Fatal(err)
		}
		if st.N != v.Batch || st.Channel != v.Channel || len(st.Maps) != v.Batch*v.H*v.W ||
			len(st.Inputs) != v.Batch*28*28 || len(st.SampleMaps) != v.Channels*st.SH*st.SW || st.SH > 14 {
			t.Fatalf("%s: stage sizes N=%d maps=%d inputs=%d sample=%d (%d×%d)", tc.hash, st.N, len(st.Maps), len(st.Inputs), len(st.SampleMaps), st.SH, st.SW)
		}
		// Every quantised map value is within one step of the view's value.
		for n, m := range v.ConvMaps {
			for i, x := range m.Values {
				got := (float64(st.Maps[n*v.H*v.W+i]) - 128) / 127 * st.MapScale
				if d := got - x; d > st.MapScale/127 || d < -st.MapScale/127 {
					t.Fatalf("%s: map %d value %d: stage %v, view %v", tc.hash, n, i, got, x)
				}
			}
		}
	}
}

func BenchmarkRenderCNN(b *testing.B) {
	v := lessontest.After[*Lesson](b, New(), "#lesson=cnn", 0)
	for b.Loop() {
		if _, err := render(v.View()); err != nil {
			b.Fatal(err)
		}
	}
}
