package pages

import (
	"strings"
	"testing"

	"bnlab/lessons"
)

func TestJudge(t *testing.T) {
	num := lessons.Check{ID: "x-check-n", Kind: lessons.NumberCheck, Label: "value"}
	choice := lessons.Check{ID: "x-check-c", Kind: lessons.ChoiceCheck, Label: "which",
		Options: []lessons.Option{{Value: "a", Label: "A <one>"}, {Value: "b", Label: "B"}}}
	cases := []struct {
		name       string
		c          lessons.Check
		a          lessons.Answer
		prediction string
		right      bool
		want       []string // substrings of the verdict
		err        bool
	}{
		{"number within tol", num, lessons.Answer{Value: 1.095, Tol: 0.01, Why: "because"}, "1.1", true, []string{"Right", "1.095", "because"}, false},
		{"number below", num, lessons.Answer{Value: 1.095, Tol: 0.01}, "0.5", false, []string{"Not quite", "0.595 below"}, false},
		{"number above, shown", num, lessons.Answer{Value: 8, Tol: 0.5, Shown: "8 units"}, "12", false, []string{"8 units", "4 above"}, false},
		{"unicode minus and comma", num, lessons.Answer{Value: -1.5, Tol: 0.01}, " −1,5 ", true, []string{"Right"}, false},
		{"percent", num, lessons.Answer{Value: 0.3, Tol: 0.01}, "30%", true, []string{"Right"}, false},
		{"not a number", num, lessons.Answer{Value: 1}, "abc", false, nil, true},
		{"empty", num, lessons.Answer{Value: 1}, "", false, nil, true},
		{"overflow", num, lessons.Answer{Value: 1}, "1e309", false, nil, true},
		{"NaN", num, lessons.Answer{Value: 1}, "NaN", false, nil, true},
		{"choice right", choice, lessons.Answer{Choice: "a"}, "a", true, []string{"Right", "A &lt;one&gt;"}, false},
		{"choice wrong with hint", choice, lessons.Answer{Choice: "a", Wrong: map[string]string{"b": "B forgets ε."}}, "b", false, []string{"You picked “B”", "B forgets ε."}, false},
		{"choice unknown", choice, lessons.Answer{Choice: "a"}, "<script>", false, nil, true},
	}
	for _, tc := range cases {
		v, err := Judge(tc.c, tc.a, tc.prediction)
		if tc.err {
			if err == nil {
				t.Errorf("%s: no error, verdict %q", tc.name, v.HTML)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if v.Right != tc.right {
			t.Errorf("%s: right = %v, want %v (%s)", tc.name, v.Right, tc.right, v.HTML)
		}
		for _, w := range tc.want {
			if !strings.Contains(v.HTML, w) {
				t.Errorf("%s: verdict %q lacks %q", tc.name, v.HTML, w)
			}
		}
	}
}

func TestWithChecks(t *testing.T) {
	cs := []lessons.Check{
		{ID: "x-check-n", Kind: lessons.NumberCheck, Question: "How many?", Label: "count"},
		{ID: "x-check-c", Kind: lessons.ChoiceCheck, Question: "Which?", Label: "pick", Options: []lessons.Option{{Value: "a", Label: "A"}, {Value: "b", Label: "B"}}},
	}
	got := WithChecks("<p>1</p>"+CheckPlaceholder("x-check-n")+"<p>2</p>"+CheckPlaceholder("x-check-c"), cs)
	for _, w := range []string{`data-check="x-check-n"`, `id="x-check-n-feedback"`, `name="prediction" inputmode="decimal"`,
		`data-check="x-check-c"`, `type="radio" name="prediction" value="a" required`, `value="b">`, "How many?", "Which?"} {
		if !strings.Contains(got, w) {
			t.Errorf("forms lack %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "<!-- check") {
		t.Errorf("a placeholder is left: %s", got)
	}
}

// TestJudgeNotYet: an answer the lesson cannot give yet is a note with
// the reason, of the class the page does not count, for any prediction.
func TestJudgeNotYet(t *testing.T) {
	a := lessons.Answer{NotYet: true, Why: "Press Play first."}
	for _, c := range []lessons.Check{
		{ID: "x-n", Kind: lessons.NumberCheck},
		{ID: "x-c", Kind: lessons.ChoiceCheck, Options: []lessons.Option{{Value: "a", Label: "A"}}},
	} {
		v, err := Judge(c, a, "a")
		if err != nil || v.Right || !strings.Contains(v.HTML, `class="verdict unanswered"`) || !strings.Contains(v.HTML, "Press Play first.") || strings.Contains(v.HTML, "Not this time") {
			t.Errorf("%s: %+v, %v", c.ID, v, err)
		}
	}
}
