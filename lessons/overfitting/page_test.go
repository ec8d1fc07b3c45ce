package overfitting

import (
	"fmt"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// TestRenderOverfitting: after training on synthetic data every panel
// parses and holds the results table's numbers; the stage has four nets
// whose curves match the view's.
func TestRenderOverfitting(t *testing.T) {
	l := lessontest.Trained(t, New(), lessons.Values{"n": "200", "steps": "100", "width": "32"}, 100)
	v := l.(*Lesson).View()
	if !v.Done {
		t.Fatalf("after %d of %d steps the view is not done", v.Step, v.Steps)
	}
	out, err := render(v)
	if err != nil {
		t.Fatal(err)
	}
	texts := lessontest.CheckOutput(t, out, "overfitting-", panels, 8000)
	status := strings.Join(strings.Fields(texts["overfitting-status"]), " ")
	if !strings.Contains(status, fmt.Sprintf("Step %d of %d", v.Step, v.Steps)) || !strings.Contains(status, "finished") {
		t.Errorf("status lacks the step or the end: %q", status)
	}
	for _, r := range v.Results {
		for _, want := range []string{short(r.Name), numfmt.Pct(r.BestValAcc), fmt.Sprint(r.BestValStep), numfmt.Pct(r.FinalTrainAcc), numfmt.Pct(r.FinalValAcc), pages.Pts(r.FinalGap)} {
			if !strings.Contains(texts["overfitting-results"], want) {
				t.Errorf("results lack %q for %s", want, r.Name)
			}
		}
	}
	for _, want := range []string{"plain", "BN", "dropout", "BN + dropout", "training images", "validation images"} {
		if !strings.Contains(texts["overfitting-acc"], want) {
			t.Errorf("accuracy chart lacks %q", want)
		}
	}
	st := out.Stage.(Stage)
	if len(st.Nets) != 4 || st.Step != v.Step {
		t.Fatalf("stage has %d nets at step %d, want 4 at %d", len(st.Nets), st.Step, v.Step)
	}
	for i, n := range st.Nets {
		if len(n.X) == 0 || len(n.X) != len(n.Train) || len(n.X) != len(n.Val) || len(n.X) > stagePoints+1 {
			t.Fatalf("net %s: stage curve lengths %d, %d, %d", n.Name, len(n.X), len(n.Train), len(n.Val))
		}
		k := len(n.X) - 1
		if r := v.Results[i]; n.X[k] != r.FinalStep || n.Train[k]-n.Val[k] != pages.RoundTo(r.FinalTrainAcc, 3)-pages.RoundTo(r.FinalValAcc, 3) {
			t.Errorf("net %s: stage ends at step %d with %v−%v, results at %d with gap %v", n.Name, n.X[k], n.Train[k], n.Val[k], r.FinalStep, r.FinalGap)
		}
	}
}

// TestRenderOverfittingWaiting: without data every panel says it waits.
func TestRenderOverfittingWaiting(t *testing.T) {
	l, err := lessontest.Defaults(New())
	if err != nil {
		t.Fatal(err)
	}
	out, err := render(l.(*Lesson).View())
	if err != nil {
		t.Fatal(err)
	}
	texts := lessontest.CheckOutput(t, out, "overfitting-", panels, 200)
	if !strings.Contains(texts["overfitting-acc"], "Waiting") || !out.Stage.(Stage).Waiting {
		t.Error("waiting view not shown as waiting")
	}
	if _, err := render(nil); err == nil {
		t.Error("a nil view rendered")
	}
}

func BenchmarkRenderOverfitting(b *testing.B) {
	v := lessontest.Trained(b, New(), lessons.Values{"n": "200", "steps": "200", "width": "32"}, 200).(*Lesson).View()
	for b.Loop() {
		if _, err := render(v); err != nil {
			b.Fatal(err)
		}
	}
}

// TestResultsUnmeasured: a network with no measurement yet shows dashes,
// not zeros.
func TestResultsUnmeasured(t *testing.T) {
	got := resultsPanel(&View{Results: []Result{{Name: "plain", Label: "Linear → ReLU"}}})
	if strings.Contains(got, "0.0%") || strings.Count(got, "<td>—</td>") != 5 {
		t.Errorf("unmeasured row: %s", got)
	}
}
