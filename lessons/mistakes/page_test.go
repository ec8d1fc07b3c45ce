package mistakes

import (
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// mkFinished trains mistake experiment id to the end on synthetic data.
func mkFinished(t testing.TB, id string) *View {
	t.Helper()
	l := lessontest.Trained(t, New(), lessons.Values{"mistake": id, "steps": "50"}, 0)
	for i := 0; i < 200 && !l.(*Lesson).View().Done; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	v := l.(*Lesson).View()
	if !v.Done {
		t.Fatalf("%s: not done after 200 steps (progress %v)", id, v.Progress)
	}
	return v
}

// TestRenderMistakes: for each experiment, once measured, every panel
// parses, the question and a collapsed answer are there, the results hold
// the measured numbers and the stage carries the key quantity.
func TestRenderMistakes(t *testing.T) {
	for _, id := range []string{"eval", "dropout-bn", "tiny-batch", "dropout-on"} {
		t.Run(id, func(t *testing.T) {
			v := mkFinished(t, id)
			out, err := render(v)
			if err != nil {
				t.Fatal(err)
			}
			texts := lessontest.CheckOutput(t, out, "mistakes-", panels, 8000)
			if !strings.Contains(out.Panels["mistakes-qa"], "<details><summary>") || !strings.Contains(texts["mistakes-qa"], v.Answer[:40]) ||
				!strings.Contains(texts["mistakes-qa"], v.Question[:40]) {
				t.Errorf("question and revealable answer missing: %.300s", out.Panels["mistakes-qa"])
			}
			res := texts["mistakes-results"]
			st := out.Stage.(Stage)
			if !st.Done || st.Mistake != id {
				t.Fatalf("stage: done %v, mistake %q", st.Done, st.Mistake)
			}
			var want []string
			switch id {
			case "eval", "dropout-on":
				e := v.Eval
				if e == nil {
					e = v.DropoutOn
				}
				want = []string{e.Mistake.Label, e.Fix.Label, numfmt.Pct(e.Mistake.MeanAcc), numfmt.Pct(e.Fix.MeanAcc), numfmt.Pct(e.Mistake.Disagree), pages.Pts(e.AccLost)}
				if st.Passes == nil || len(st.Passes.Mistake) != e.Mistake.Passes || len(st.Passes.Fix) != e.Fix.Passes {
					t.Errorf("stage passes: %+v", st.Passes)
				}
				if !e.Fix.Identical || !strings.Contains(res, "bit for bit") {
					t.Errorf("eval mode passes should be identical and say so")
				}
			case "dropout-bn":
				d := v.DropoutBN
				want = []string{d.Mistake.Label, d.Fix.Label, numfmt.Plain(pages.RoundTo(d.Mistake.MeanRatio, 3)), numfmt.Plain(pages.RoundTo(d.Fix.MeanRatio, 3)), numfmt.Pct(d.Mistake.ValAcc), pages.Pts(d.AccLost)}
				if s := st.Variance; s == nil || len(s.MistakeTrain) != min(len(d.Mistake.Units), stageUnits) || len(s.FixEval) != len(s.MistakeTrain) {
					t.Errorf("stage variance: %+v", st.Variance)
				}
			case "tiny-batch":
				b := v.TinyBatch
				want = []string{b.Mistake.Label, b.Fix.Label, numfmt.Pct(b.Mistake.ValAcc[0]), numfmt.Pct(b.Fix.ValAcc[len(b.Fix.ValAcc)-1])}
				if s := st.Batch; s == nil || len(s.Sizes) != len(b.Sizes) || len(s.BN) != len(b.Sizes) || len(s.LN) != len(b.Sizes) {
					t.Errorf("stage batch: %+v", st.Batch)
				}
			}
			for _, w := range want {
				if !strings.Contains(res, w) {
					t.Errorf("results lack %q", w)
				}
			}
		})
	}
}

// TestRenderMistakesProgress: before the end the results say how far
// training is and the question panel is already the final one (so an
// opened answer does not close when frames arrive).
func TestRenderMistakesProgress(t *testing.T) {
	l := lessontest.Trained(t, New(), lessons.Values{"mistake": "eval", "steps": "100"}, 1)
	v := l.(*Lesson).View()
	if v.Done || v.Progress <= 0 {
		t.Fatalf("after one step: done %v, progress %v", v.Done, v.Progress)
	}
	out, err := render(v)
	if err != nil {
		t.Fatal(err)
	}
	texts := lessontest.CheckOutput(t, out, "mistakes-", panels, 1000)
	if !strings.Contains(texts["mistakes-results"], numfmt.Pct(v.Progress)) {
		t.Errorf("results lack the progress %s: %q", numfmt.Pct(v.Progress), texts["mistakes-results"])
	}
	done := mkFinished(t, "eval")
	after, err := render(done)
	if err != nil {
		t.Fatal(err)
	}
	if after.Panels["mistakes-qa"] != out.Panels["mistakes-qa"] {
		t.Error("the question panel changed between training and the end")
	}
	if _, err := render(nil); err == nil {
		t.Error("a nil view rendered")
	}
}

func BenchmarkRenderMistakes(b *testing.B) {
	v := mkFinished(b, "dropout-bn")
	for b.Loop() {
		if _, err := render(v); err != nil {
			b.Fatal(err)
		}
	}
}
