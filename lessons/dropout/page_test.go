package dropout

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
)

// TestRenderDropout: every panel parses, carries the view's key numbers,
// and the stage payload is small and holds the masks.
func TestRenderDropout(t *testing.T) {
	for _, tc := range []struct {
		name, hash string
		steps      int
		wrong      bool
	}{
		{"inverted", "#lesson=dropout", 30, false},
		{"classic", "#lesson=dropout&mode=classic", 5, false},
		{"both scalings", "#lesson=dropout&mode=inverted-scaled", 5, true},
		{"no scaling", "#lesson=dropout&mode=classic-no-scale&p1=0", 5, true},
		{"no step yet", "#lesson=dropout", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := lessontest.After[*Lesson](t, New(), tc.hash, tc.steps).View()
			out, err := render(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"dropout-status", "dropout-verdict", "dropout-notes", "dropout-expect",
				"dropout-expect-chart", "dropout-ensemble", "dropout-mc"} {
				frag, ok := out.Panels[id]
				if !ok || frag == "" {
					t.Fatalf("panel %s missing", id)
				}
				lessontest.CheckPanel(t, id, frag)
			}
			if got := strings.Contains(out.Panels["dropout-verdict"], `class="error"`); got != tc.wrong {
				t.Errorf("verdict flagged as wrong = %v, want %v", got, tc.wrong)
			}
			h1 := v.Layers[1].Expect
			for id, want := range map[string]string{
				"dropout-status":   "Step <strong>" + strconv.Itoa(v.Step) + "</strong>",
				"dropout-expect":   strconv.FormatInt(h1.Kept, 10),
				"dropout-ensemble": v.Ensemble.SubNetworks,
				"dropout-notes":    "DROP probability",
			} {
				if !strings.Contains(out.Panels[id], want) {
					t.Errorf("%s lacks %q", id, want)
				}
			}
			if tc.steps > 0 && !strings.Contains(out.Panels["dropout-expect-chart"], "<svg") {
				t.Error("expectation chart has no SVG")
			}
			if !strings.Contains(out.Panels["dropout-mc"], "<svg") {
				t.Error("Monte Carlo panel has no SVG")
			}
			js, err := json.Marshal(out.Stage)
			if err != nil {
				t.Fatal(err)
			}
			if len(js) > 8000 {
				t.Errorf("stage payload is %d bytes, want a few KB", len(js))
			}
			var st Stage
			if err := json.Unmarshal(js, &st); err != nil {
				t.Fatal(err)
			}
			if len(st.Layers) != 4 || tc.steps > 0 && len(st.Layers[1].Kept) != v.Layers[1].Units || st.Layers[1].Dropped != v.Layers[1].Dropped {
				t.Errorf("stage layers do not carry the masks: %+v", st.Layers)
			}
			if out.Text == "" {
				t.Error("no text alternative")
			}
		})
	}
}

func BenchmarkRenderDropout(b *testing.B) {
	v := lessontest.After[*Lesson](b, New(), "#lesson=dropout", 100)
	for b.Loop() {
		if _, err := render(v.View()); err != nil {
			b.Fatal(err)
		}
	}
}

// ExampleDropoutStage renders the dropout lesson after one step: the
// stage payload holds the four columns and each hidden layer's mask and
// 1/(1 − p) factor.
func ExampleStage() {
	l, err := lessontest.Defaults(New())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := l.Step(); err != nil {
		fmt.Println(err)
		return
	}
	out, err := render(l.(*Lesson).View())
	if err != nil {
		fmt.Println(err)
		return
	}
	st := out.Stage.(Stage)
	h := st.Layers[1]
	fmt.Println(len(st.Layers), h.Name, h.P, h.Scale, len(h.Kept))
	// Output: 4 hidden 1 0.5 2 8
}
