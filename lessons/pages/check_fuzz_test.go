package pages

import (
	"math"
	"strings"
	"testing"

	"bnlab/lessons"
)

// FuzzJudge: any typed prediction is judged or refused with a message,
// never a panic; a verdict never carries the prediction's markup, and
// never reads NaN or Inf.
func FuzzJudge(f *testing.F) {
	for _, s := range []string{"1.2", "−3,5", "30%", "1e309", "NaN", "", "<script>", "0x1p-2", "  7  ", "%"} {
		f.Add(s, 1.095, 0.01)
	}
	num := lessons.Check{ID: "x-n", Kind: lessons.NumberCheck}
	choice := lessons.Check{ID: "x-c", Kind: lessons.ChoiceCheck, Options: []lessons.Option{{Value: "a", Label: "A"}, {Value: "b", Label: "B"}}}
	f.Fuzz(func(t *testing.T, pred string, value, tol float64) {
		if math.IsNaN(value) || math.IsInf(value, 0) {
			return // answers come from the engine, which reports divergence before this
		}
		for _, c := range []lessons.Check{num, choice} {
			v, err := Judge(c, lessons.Answer{Value: value, Tol: tol, Choice: "a"}, pred)
			if err != nil {
				if err.Error() == "" {
					t.Errorf("an empty error for %q", pred)
				}
				continue
			}
			if strings.Contains(v.HTML, "<script") || strings.Contains(v.HTML, "NaN") || strings.Contains(v.HTML, "Inf") {
				t.Errorf("verdict for %q: %s", pred, v.HTML)
			}
		}
	})
}
