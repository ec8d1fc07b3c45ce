package placement

import (
	"fmt"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

var plPanels = []string{"placement-status", "placement-loss", "placement-acc", "placement-dist", "placement-bands", "placement-results"}

// TestRenderPlacement: after training on synthetic data every panel
// parses and holds the view's numbers; the stage has three nets with one
// histogram per hidden layer.
func TestRenderPlacement(t *testing.T) {
	l := lessontest.Trained(t, New(), lessons.Values{"depth": "2", "layer": "2"}, 60)
	v := l.(*Lesson).View()
	out, err := render(v)
	if err != nil {
		t.Fatal(err)
	}
	texts := lessontest.CheckOutput(t, out, "placement-", plPanels, 8000)
	if !strings.Contains(strings.Join(strings.Fields(texts["placement-status"]), " "), fmt.Sprintf("Step %d ·", v.Train.Step)) {
		t.Errorf("status lacks the step %d: %q", v.Train.Step, texts["placement-status"])
	}
	for _, s := range v.Summary {
		for _, want := range []string{short(s.Name, v.Activation), numfmt.Pct(s.BestValAcc), fmt.Sprint(s.BestValStep), numfmt.Plain(pages.RoundTo(s.RecentLoss, 3))} {
			if !strings.Contains(texts["placement-results"], want) {
				t.Errorf("results lack %q for %s", want, s.Name)
			}
		}
	}
	for i := 1; i <= v.Depth; i++ {
		if !strings.Contains(texts["placement-dist"], fmt.Sprintf("Hidden layer %d", i)) {
			t.Errorf("distribution panel lacks hidden layer %d", i)
		}
	}
	for _, want := range []string{"BN before ReLU", "BN after ReLU", "no BN"} {
		if !strings.Contains(texts["placement-acc"], want) {
			t.Errorf("accuracy chart lacks legend %q", want)
		}
	}
	st := out.Stage.(Stage)
	if len(st.Nets) != 3 || st.Step != 60 {
		t.Fatalf("stage has %d nets at step %d, want 3 at 60", len(st.Nets), st.Step)
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
			// Rounding each of 22 shares moves the total by at most 11‰.
			if sum < 989 || sum > 1011 {
				t.Errorf("net %s layer %d: stage shares add up to %d‰", n.Name, i+1, sum)
			}
			if want := pages.RoundTo(v.Reaching[k][i].Mean, 3); h.Mean != want {
				t.Errorf("net %s layer %d: stage mean %v, want %v", n.Name, i+1, h.Mean, want)
			}
		}
	}
	// BN before the activation: what reaches it has mean ≈ β ≈ 0 and std ≈ γ ≈ 1.
	if h := st.Nets[0].Layers[0]; h.Std < 0.7 || h.Std > 1.3 {
		t.Errorf("BN-before input to ReLU has std %v, want about 1", h.Std)
	}
}

// TestRenderPlacementWaiting: without data every panel says it waits.
func TestRenderPlacementWaiting(t *testing.T) {
	l, err := lessontest.Defaults(New())
	if err != nil {
		t.Fatal(err)
	}
	out, err := render(l.(*Lesson).View())
	if err != nil {
		t.Fatal(err)
	}
	texts := lessontest.CheckOutput(t, out, "placement-", plPanels, 200)
	if !strings.Contains(texts["placement-results"], "Waiting") || !out.Stage.(Stage).Waiting {
		t.Errorf("waiting view not shown as waiting: %q", texts["placement-results"])
	}
}

func BenchmarkRenderPlacement(b *testing.B) {
	v := lessontest.Trained(b, New(), nil, 30).(*Lesson).View()
	for b.Loop() {
		if _, err := render(v); err != nil {
			b.Fatal(err)
		}
	}
}
