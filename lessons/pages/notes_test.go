package pages

import (
	"encoding/json"
	"math"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/train"
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

// TestShrinkHist: 40 bins merge into 20 in pairs, every share in
// thousandths of all values, with those outside the range apart.
func TestShrinkHist(t *testing.T) {
	h := train.Hist{N: 100, Under: 5, Over: 15, Counts: make([]int, 40)}
	h.Counts[0], h.Counts[1], h.Counts[39] = 30, 20, 30
	got := ShrinkHist(h, 20)
	if len(got.S) != 20 || got.S[0] != 500 || got.S[19] != 300 || got.Under != 50 || got.Over != 150 {
		t.Errorf("got %+v", got)
	}
	if empty := ShrinkHist(train.Hist{}, 20); len(empty.S) != 20 || empty.Under != 0 {
		t.Errorf("empty histogram: %+v", empty)
	}
}
