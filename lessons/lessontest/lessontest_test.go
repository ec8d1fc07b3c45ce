package lessontest

import (
	"strings"
	"testing"

	"bnlab/lessons"
)

// stub is the smallest lesson: one slider, remembered by Configure.
type stub struct{ v lessons.Values }

func (s *stub) Controls() []lessons.Control {
	return []lessons.Control{{Key: "n", Label: "N", Kind: lessons.Slider, Min: 1, Max: 9, Step: 1, Default: "3"}}
}
func (s *stub) Configure(v lessons.Values, _ uint64) error { s.v = v; return nil }
func (s *stub) Do(string) error                            { return nil }
func (s *stub) Step() error                                { return nil }
func (s *stub) Frame() (lessons.Frame, error)              { return lessons.Frame{Text: s.v["n"]}, nil }

// TestOpenReadsTheHash: Open configures the lesson with the hash's values,
// and Defaults with the controls' defaults.
func TestOpenReadsTheHash(t *testing.T) {
	if got := After[*stub](t, &stub{}, "#lesson=stub&n=7", 2); got.v["n"] != "7" {
		t.Errorf("n = %v, want 7", got.v["n"])
	}
	l, err := Defaults(&stub{})
	if f, _ := l.Frame(); err != nil || f.Text != "3" {
		t.Errorf("defaults: n = %v, err %v; want 3", f.Text, err)
	}
}

// TestCheckPanel: the text of a safe fragment comes back; a script, an
// event handler, an inline style or broken markup fails the check.
func TestCheckPanel(t *testing.T) {
	if got := CheckPanel(t, "ok", `<p class="x">a <b>b</b></p>`); strings.Join(strings.Fields(got), " ") != "a b" {
		t.Errorf("text %q, want %q", got, "a b")
	}
	for _, bad := range []string{`<script>x</script>`, `<p onclick="x">a</p>`, `<p style="x">a</p>`} {
		ft := &fakeT{TB: t}
		CheckPanel(ft, "bad", bad)
		if !ft.failed {
			t.Errorf("%s passed the check", bad)
		}
	}
}

// fakeT records a failure instead of failing the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }
