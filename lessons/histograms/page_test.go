package histograms

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

var hsPanels = []string{"histograms-status", "histograms-layer", "histograms-stack", "histograms-bands",
	"histograms-grads", "histograms-loss", "histograms-acc", "histograms-summary"}

// TestRenderHistograms: after training on synthetic data every panel
// parses and holds the view's numbers; the stage has both nets with one
// histogram per hidden layer whose shares add up to the whole.
func TestRenderHistograms(t *testing.T) {
	l := lessontest.Trained(t, New(), lessons.Values{"depth": "4", "layer": "3"}, 60)
	v := l.(*Lesson).View()
	out, err := render(v)
	if err != nil {
		t.Fatal(err)
	}
	texts := lessontest.CheckOutput(t, out, "histograms-", hsPanels, 6000)
	flat := func(id string) string { return strings.Join(strings.Fields(texts[id]), " ") }
	if !strings.Contains(flat("histograms-status"), fmt.Sprintf("Step %d ·", v.Train.Step)) {
		t.Errorf("status lacks step %d: %q", v.Train.Step, texts["histograms-status"])
	}
	for _, s := range v.Summary {
		if !strings.Contains(out.Panels["histograms-summary"], html.EscapeString(s.Label)) {
			t.Errorf("summary lacks the full label %q of %s", s.Label, s.Name)
		}
		for _, want := range []string{short(s.Name), numfmt.Plain(s.RecentLoss), numfmt.Pct(s.Saturated), sci(s.GradRatio)} {
			if !strings.Contains(texts["histograms-summary"], want) {
				t.Errorf("summary lacks %q for %s", want, s.Name)
			}
		}
	}
	plain, bn := v.Train.Nets[0], v.Train.Nets[1]
	for i := range plain.Layers {
		p, q := plain.Layers[i], bn.Layers[i]
		row := fmt.Sprintf("μ %s σ %s", fix(q.Norm.Mean), fix(q.Norm.Std))
		if !strings.Contains(flat("histograms-stack"), row) {
			t.Errorf("stack lacks layer %d after-BN stats %q", i+1, row)
		}
		if want := numfmt.Pct(p.Saturated) + " " + numfmt.Pct(q.Saturated) + " " + sci(p.GradNorm) + " " + sci(q.GradNorm); !strings.Contains(flat("histograms-stack"), want) {
			t.Errorf("stack lacks layer %d saturation and gradient norms %q", i+1, want)
		}
	}
	if !strings.Contains(texts["histograms-layer"], "Hidden layer 3") || !strings.Contains(texts["histograms-bands"], "hidden layer 3") {
		t.Error("layer or band chart does not follow the chosen layer 3")
	}
	for _, id := range []string{"histograms-loss", "histograms-acc", "histograms-grads", "histograms-bands"} {
		if !strings.Contains(texts[id], "with BN") || !strings.Contains(texts[id], "without BN") {
			t.Errorf("%s lacks a legend entry for both nets", id)
		}
	}
	st := out.Stage.(Stage)
	if len(st.Nets) != 2 || st.Step != 60 || st.Layer != 3 {
		t.Fatalf("stage has %d nets at step %d layer %d, want 2 at 60, layer 3", len(st.Nets), st.Step, st.Layer)
	}
	for k, n := range st.Nets {
		if len(n.Layers) != v.Depth {
			t.Fatalf("net %s has %d stage layers, want %d", n.Name, len(n.Layers), v.Depth)
		}
		for i, h := range n.Layers {
			sum := h.Under + h.Over
			for _, s := range h.S {
				sum += s
			}
			if sum < 989 || sum > 1011 { // 22 rounded shares
				t.Errorf("net %s layer %d: shares add up to %d‰", n.Name, i+1, sum)
			}
			if want := int(1000*v.Train.Nets[k].Layers[i].Saturated + 0.5); h.Sat != want {
				t.Errorf("net %s layer %d: saturation %d‰, want %d‰", n.Name, i+1, h.Sat, want)
			}
		}
	}
}

// TestRenderHistogramsWaiting: without data every panel says it waits and
// the stage says so.
func TestRenderHistogramsWaiting(t *testing.T) {
	l, err := lessontest.Defaults(New())
	if err != nil {
		t.Fatal(err)
	}
	out, err := render(l.(*Lesson).View())
	if err != nil {
		t.Fatal(err)
	}
	lessontest.CheckOutput(t, out, "histograms-", hsPanels, 500)
	if !out.Stage.(Stage).Waiting || !strings.Contains(out.Panels["histograms-loss"], "Waiting") {
		t.Error("a lesson without data does not say it is waiting")
	}
}

// TestHistogramsSatRange: the shaded ranges are where lessons counts an
// output as saturated.
func TestHistogramsSatRange(t *testing.T) {
	for _, tc := range []struct {
		act    string
		lo, hi float64
	}{{"sigmoid", -3.892, 3.892}, {"tanh", -2.298, 2.298}, {"relu", 0, 5}} {
		lo, hi := satRange(tc.act, 5)
		if pages.RoundTo(lo, 3) != tc.lo || pages.RoundTo(hi, 3) != tc.hi {
			t.Errorf("%s: saturating beyond [%v, %v], want [%v, %v]", tc.act, lo, hi, tc.lo, tc.hi)
		}
	}
}

// BenchmarkRenderHistograms renders the default 10-layer lesson after 50
// steps on synthetic data.
func BenchmarkRenderHistograms(b *testing.B) {
	l := lessontest.Trained(b, New(), nil, 50)
	v := l.(*Lesson).View()
	b.ResetTimer()
	for b.Loop() {
		if _, err := render(v); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHSSci: the stack's compact number format.
func TestHSSci(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{7.224e-05, "7.2e−5"}, {0.4823, "0.48"}, {3.14159, "3.1"}, {0.04776, "0.048"},
		{215.4, "215"}, {12345, "1.2e4"}, {0, "0"}, {-0.2, "−0.20"},
	} {
		if got := sci(tc.in); got != tc.want {
			t.Errorf("hsSci(%g) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
