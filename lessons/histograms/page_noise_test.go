package histograms

import (
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
)

// TestRenderHistogramsSecondNet: the second network's name and what its
// norm histogram shows come from the view, for plain BN and for BN + noise,
// in every legend, the layer stack's headings and the layer chart.
func TestRenderHistogramsSecondNet(t *testing.T) {
	cases := []struct {
		bnnet, name, after, absent string
	}{
		{"bn", "with BN", "after BN", "noise"},
		{"noisy", "BN + noise", "after BN + noise", "with BN"},
	}
	for _, c := range cases {
		l := lessontest.Trained(t, New(), lessons.Values{"depth": "3", "layer": "2", "bnnet": c.bnnet}, 20)
		v := l.(*Lesson).View()
		out, err := render(v)
		if err != nil {
			t.Fatal(err)
		}
		texts := lessontest.CheckOutput(t, out, "histograms-", hsPanels, 6000)
		for _, id := range []string{"histograms-loss", "histograms-acc", "histograms-grads", "histograms-bands", "histograms-summary", "histograms-stack"} {
			if !strings.Contains(texts[id], c.name) || !strings.Contains(texts[id], "without BN") {
				t.Errorf("%s: %s lacks %q or \"without BN\"", c.bnnet, id, c.name)
			}
		}
		if !strings.Contains(texts["histograms-layer"], c.name+": "+c.after) {
			t.Errorf("%s: the layer chart lacks the legend %q", c.bnnet, c.name+": "+c.after)
		}
		for _, id := range []string{"histograms-stack", "histograms-layer"} {
			if !strings.Contains(texts[id], c.after) {
				t.Errorf("%s: %s lacks %q", c.bnnet, id, c.after)
			}
			if id == "histograms-stack" && strings.Contains(texts[id], c.absent) {
				t.Errorf("%s: %s mentions %q", c.bnnet, id, c.absent)
			}
		}
		st := out.Stage.(Stage)
		if len(st.Nets) != 2 || !strings.HasPrefix(st.Nets[1].Label, c.name) {
			t.Errorf("%s: stage nets %d, second label %q", c.bnnet, len(st.Nets), st.Nets[1].Label)
		}
	}
}
