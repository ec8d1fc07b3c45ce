package smallbatch

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
)

// TestRenderSmallBatches: panels parse and carry the engine's numbers:
// the spread at every size, the batch-of-one error, each norm's
// statistics, and the experiment's accuracies once it has run.
func TestRenderSmallBatches(t *testing.T) {
	for _, hash := range []string{
		"#lesson=small-batches",
		"#lesson=small-batches&norm=gn&shape=dense&batch=1&channels=4&groups=4",
		"#lesson=small-batches&norm=ln&batch=16&experiment=1",
	} {
		v := lessontest.After[*Lesson](t, New(), hash, 0).View()
		out, err := render(v)
		if err != nil {
			t.Fatalf("%s: %v", hash, err)
		}
		js := lessontest.CheckStage(t, "small-batches", out, 4000)
		want := map[string][]string{
			"small-batches-spread": {"<svg", "σ/√m"},
			"small-batches-one":    {v.BatchOfOne.DenseShape, "Expected more than 1 value per channel when training"},
		}
		for _, pt := range v.Spread {
			if !pt.Failed {
				want["small-batches-current"] = append(want["small-batches-current"], numfmt.Num(pt.MeanStd), numfmt.Num(pt.VarMean))
			}
		}
		for _, n := range v.Norms {
			want["small-batches-norms"] = append(want["small-batches-norms"], n.Kind, strconv.Itoa(n.NumStats)+" × "+strconv.Itoa(n.Count))
			if n.Error == "" {
				want["small-batches-norms"] = append(want["small-batches-norms"], numfmt.Num(n.Means[0]), numfmt.Num(n.Vars[0]))
			}
		}
		for _, r := range v.Compare.Rows {
			if !r.Same {
				want["small-batches-compare"] = append(want["small-batches-compare"], numfmt.Num(r.MaxDiff))
			}
		}
		if e := v.Experiment; e != nil {
			want["small-batches-experiment"] = []string{"<svg"}
			for _, r := range e.Rows {
				for _, a := range r.Accuracy {
					want["small-batches-experiment"] = append(want["small-batches-experiment"], strconv.FormatFloat(100*a, 'f', 1, 64)+"%")
				}
			}
		} else if !strings.Contains(out.Panels["small-batches-experiment"], "Run the experiment") {
			t.Errorf("%s: no hint to run the experiment", hash)
		}
		for id, ws := range want {
			for _, w := range ws {
				if !strings.Contains(out.Panels[id], w) {
					t.Errorf("%s: panel %s lacks %q", hash, id, w)
				}
			}
		}
		var st Stage
		if err := json.Unmarshal(js, &st); err != nil {
			t.Fatal(err)
		}
		if st.Norm != v.Norm || st.N != v.Batch || st.C != v.Channels || st.G != v.Groups || len(st.Norms) != 3 {
			t.Errorf("%s: stage %+v does not match the view", hash, st)
		}
	}
}

func BenchmarkRenderSmallBatches(b *testing.B) {
	v := lessontest.After[*Lesson](b, New(), "#lesson=small-batches", 0)
	for b.Loop() {
		if _, err := render(v.View()); err != nil {
			b.Fatal(err)
		}
	}
}
