package bnsteps

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
	"bnlab/palette"
)

// panelIDs are the elements of prose.html that the frame fills.
var panelIDs = []string{"bn-steps-notes", "bn-steps-f1", "bn-steps-f2", "bn-steps-f3", "bn-steps-f4",
	"bn-steps-samples", "bn-steps-means", "bn-steps-before", "bn-steps-after",
	"bn-steps-running", "bn-steps-running-chart", "bn-steps-momentum"}

// bound returns the text of every <mn data-bind=name> in frag, in order.
func bound(frag, name string) []string {
	re := regexp.MustCompile(`<mn (?:class="live" )?data-bind="` + name + `">([^<]*)</mn>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(frag, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestFrameBNSteps: for the typed batch every panel parses, the
// formulas carry μ = 6, σ² = 5 and y₁ with the current step marked, the
// tables hold the samples and the running statistics, the heat-map cells
// take the scale's classes, and the stage payload is small.
func TestFrameBNSteps(t *testing.T) {
	l, v := bnStepsFrom(t, "#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1&features=2&batches=3&step=3")
	out, err := l.render()
	if err != nil {
		t.Fatal(err)
	}
	lessontest.CheckOutput(t, out, "bn-steps-", panelIDs, 2000)
	p := out.Panels
	for _, c := range []struct {
		id, name string
		want     []string
	}{
		{"bn-steps-f1", "mu", []string{"6"}},
		{"bn-steps-f1", "sum", []string{"24"}},
		{"bn-steps-f2", "var", []string{"5"}},
		{"bn-steps-f3", "mu", []string{"6"}},
		{"bn-steps-f3", "x1", []string{"3"}},
		{"bn-steps-f3", "eps", []string{"10⁻⁵"}},
		{"bn-steps-f3", "xhat1", []string{"−1.342"}},
		{"bn-steps-f4", "gamma", []string{"2"}},
		{"bn-steps-f4", "y1", []string{"−1.683"}},
	} {
		if got := bound(p[c.id], c.name); strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s %s = %q, want %q", c.id, c.name, got, c.want)
		}
	}
	for k, id := range []string{"bn-steps-f1", "bn-steps-f2", "bn-steps-f3", "bn-steps-f4"} {
		if got := strings.HasPrefix(p[id], `<p class="formula current" tabindex="0">`); got != (k+1 == v.Step) {
			t.Errorf("%s marked current = %v at step %d", id, got, v.Step)
		}
	}
	if n := strings.Count(p["bn-steps-samples"], "<tr>"); n != 4 {
		t.Errorf("sample table has %d rows, want 4", n)
	}
	if !strings.Contains(p["bn-steps-samples"], `<th scope="row">1</th><td>3</td><td>−3</td><td>−1.342</td><td>−1.683</td>`) {
		t.Errorf("sample row 1: %s", p["bn-steps-samples"])
	}
	if !strings.Contains(p["bn-steps-means"], `<th scope="row">mean</th><td>6</td><td>0</td><td>0</td><td>1</td>`) {
		t.Errorf("column means: %s", p["bn-steps-means"])
	}
	if n := strings.Count(p["bn-steps-running"], "<tr>"); n != 4 {
		t.Errorf("running table has %d rows, want start and 3 batches", n)
	}
	if n := strings.Count(p["bn-steps-running"], `class="latest"`); n != 4 {
		t.Errorf("%d latest cells, want the newest row's 4 running values", n)
	}
	if !strings.Contains(p["bn-steps-running-chart"], "<svg") || strings.Contains(p["bn-steps-running-chart"], ` style="`) {
		t.Error("running chart is not a CSP-safe SVG")
	}
	// Each cell is coloured on its map's symmetric scale, the largest |x|.
	scale := 0.0
	for _, row := range v.Heat.Before {
		scale = max(scale, maxAbs(row))
	}
	for i, row := range v.Heat.Before {
		for j, x := range row {
			want := `class="` + palette.HeatClass(palette.HeatLevel(x, scale)) + `" title="sample ` + strconv.Itoa(i+1) + ", feature " + strconv.Itoa(j+1) + ": " + num(x) + `"`
			if !strings.Contains(p["bn-steps-before"], want) {
				t.Errorf("heat map before lacks %s", want)
			}
		}
	}
	if !strings.Contains(p["bn-steps-before"], palette.HeatClass(palette.HeatLevels)) {
		t.Error("no cell of the map before takes the top of the scale")
	}
	if !strings.Contains(p["bn-steps-after"], "heat-n") || !strings.Contains(p["bn-steps-after"], "heat-p") {
		t.Error("heat map after has no negative or no positive cells")
	}
	var st Stage
	f, err := l.Frame()
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(f.Stage, &st); err != nil {
		t.Fatal(err)
	}
	if st.Step != 3 || len(st.XHat) != 4 || st.Mean != 6 || !strings.HasPrefix(st.Live, "x̂₁ =") {
		t.Errorf("stage payload %+v", st)
	}
	if !strings.Contains(f.Text, "normalised values x̂") {
		t.Errorf("text alternative %q", f.Text)
	}
}

// TestFrameEveryStep: the text alternative and the current formula follow
// the step, 0 to 4.
func TestFrameEveryStep(t *testing.T) {
	l, _ := bnStepsFrom(t, "#lesson=bn-steps&x=3,5,7,9")
	words := []string{"Step to compute its mean", "batch mean μ = 6", "σ² = 5", "normalised values", "scaled by γ = 1"}
	for step, want := range words {
		f, err := l.Frame()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(f.Text, want) {
			t.Errorf("step %d: text %q lacks %q", step, f.Text, want)
		}
		for k := 1; k <= 4; k++ {
			id := "bn-steps-f" + string(rune('0'+k))
			if got := strings.Contains(f.Panels[id], "current"); got != (k == step) {
				t.Errorf("step %d: %s current = %v", step, id, got)
			}
		}
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestProseHasPlaceholderFormulas: the prose carries each formula with a
// dot for every number, in the slot the frame fills.
func TestProseHasPlaceholderFormulas(t *testing.T) {
	if strings.Contains(Prose, "<!-- formula") {
		t.Error("a formula slot was not filled")
	}
	for k := 1; k <= 4; k++ {
		slot := `<div id="bn-steps-f` + string(rune('0'+k)) + `"><p class="formula" tabindex="0"><math`
		if !strings.Contains(Prose, slot) {
			t.Errorf("prose lacks %s…", slot)
		}
	}
	if n := len(bound(Prose, "mu")); n != 2 {
		t.Errorf("prose has %d μ placeholders, want 2 (steps 1 and 3)", n)
	}
	for _, id := range panelIDs {
		if !strings.Contains(Prose, `id="`+id+`"`) {
			t.Errorf("prose has no element %s for its panel", id)
		}
	}
}

// TestFrameBeforeConfigure: a lesson that was never configured gives an
// error, not a panic.
func TestFrameBeforeConfigure(t *testing.T) {
	if _, err := New().Frame(); err == nil {
		t.Error("Frame before Configure: no error")
	}
}
