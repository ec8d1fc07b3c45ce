package histograms

import (
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// TestExport: the exported setup follows the state; it is built once per
// state (frames reuse it), and a new state builds a new one. The noisy
// network says what the code leaves out.
func TestExport(t *testing.T) {
	l := lessontest.Open(t, New(), "#lesson=histograms&depth=3&lr=0.5", nil).(*Lesson)
	a, err := l.Export()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := l.Export()
	if len(a.Nets) != 2 || a.Nets[0].Model != b.Nets[0].Model || a.LR != 0.5 || a.Steps != exportSteps {
		t.Fatalf("setup %+v: want two nets, the same models on a second call, lr 0.5", a)
	}
	if n := strings.Count(a.Nets[0].Model.String(), "Linear("); n != 4 {
		t.Errorf("%d Linear layers for 3 hidden layers, want 4", n)
	}
	st := l.State()
	st.Values[train.KeyDepth] = "4"
	st.Values[keyBNNet] = "noisy"
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	c, _ := l.Export()
	if c.Nets[0].Model == a.Nets[0].Model || strings.Count(c.Nets[0].Model.String(), "Linear(") != 5 || c.Nets[1].Omitted == "" {
		t.Errorf("after depth 4 and BN + noise: %d Linear layers, omitted %q", strings.Count(c.Nets[0].Model.String(), "Linear("), c.Nets[1].Omitted)
	}
}
