package placement

import (
	"encoding/json"
	"slices"
	"testing"

	"bnlab/lessons/lessontest"
)

// TestPlacementView: three nets from the same initial weights; the
// histogram reaching each activation is BN's output for "before" and the
// Linear's output for "after" and "none"; "after" normalises the
// activation's output.
func TestPlacementView(t *testing.T) {
	l := lessontest.Open(t, New(), "#lesson=placement&depth=2&batch=20&layer=2", lessontest.Synthetic(t))
	p := l.(*Lesson)
	w := p.Harness.Linears(0)[0].Weight.Value.Data
	for i, n := range p.Harness.Nets[1:] {
		if !slices.Equal(w, p.Harness.Linears(i + 1)[0].Weight.Value.Data) {
			t.Errorf("net %s does not start from the same weights", n.Spec.Name)
		}
	}
	for i := 0; i < 10; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	v := l.(*Lesson).View()
	if v.Train == nil || len(v.Train.Nets) != 3 || len(v.Reaching) != 3 || len(v.Summary) != 3 {
		t.Fatalf("view has %v nets, %d reaching rows, %d summaries", v.Train != nil, len(v.Reaching), len(v.Summary))
	}
	want := []struct {
		name, actIn string
		norm, after bool
	}{{"before", "norm", true, false}, {"after", "pre", true, true}, {"none", "pre", false, false}}
	for k, n := range v.Train.Nets {
		w := want[k]
		if n.Name != w.name || len(n.Layers) != 2 || len(v.Reaching[k]) != 2 {
			t.Fatalf("net %d: %s with %d layers, want %s with 2", k, n.Name, len(n.Layers), w.name)
		}
		for i, ls := range n.Layers {
			if ls.ActIn != w.actIn || (ls.Norm != nil) != w.norm || ls.NormAfterAct != w.after {
				t.Errorf("%s layer %d: actIn %s norm %v after %v", n.Name, i+1, ls.ActIn, ls.Norm != nil, ls.NormAfterAct)
			}
			reach := ls.Pre
			if w.actIn == "norm" {
				reach = *ls.Norm
			}
			if !slices.Equal(v.Reaching[k][i].Counts, reach.Counts) {
				t.Errorf("%s layer %d: Reaching is not the %s histogram", n.Name, i+1, w.actIn)
			}
		}
	}
	if _, err := json.Marshal(v); err != nil {
		t.Fatal(err)
	}
}
