package pages

import (
	"encoding/json"
	"math"
	"testing"

	"bnlab/lessons"
)

func TestNotesList(t *testing.T) {
	cases := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"", ""}, ""},
		{[]string{"a < b", "", "c"}, `<ul class="notes"><li>a &lt; b</li><li>c</li></ul>`},
	}
	for _, c := range cases {
		if got := NotesList(c.in...); got != c.want {
			t.Errorf("notesList(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	got := NoticeTexts([]lessons.Notice{{Text: "clamped"}}, "extra")
	if len(got) != 2 || got[0] != "clamped" || got[1] != "extra" {
		t.Errorf("noticeTexts = %q", got)
	}
}

func TestRoundToEncodes(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{1.23456, 1.235}, {-0.0004, 0}, {math.NaN(), 0}, {math.Inf(-1), 0},
	} {
		got := RoundTo(c.in, 3)
		if got != c.want {
			t.Errorf("roundTo(%v, 3) = %v, want %v", c.in, got, c.want)
		}
		if _, err := json.Marshal(got); err != nil {
			t.Errorf("roundTo(%v, 3) does not encode: %v", c.in, err)
		}
	}
}

// TestLossText: no loss before the first step, the loss after it.
func TestLossText(t *testing.T) {
	if got := LossText(0, 0); got != "—" {
		t.Errorf("step 0: %q", got)
	}
	if got := LossText(3, 0.6931); got != "0.6931" {
		t.Errorf("step 3: %q", got)
	}
}
