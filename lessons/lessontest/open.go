package lessontest

import (
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/train"
)

// Open configures the new lesson l from hash, an address such as
// "#lesson=dropout&p=0.5&seed=7", read against l's own controls, and gives
// it ds when ds is not nil. A notice or an error fails the test, so every
// hash a test uses is a valid address for that lesson. l must come fresh
// from its constructor.
func Open(t testing.TB, l lessons.Lesson, hash string, ds *train.Dataset) lessons.Lesson {
	t.Helper()
	st, notes := lessons.ParseHash(hash, one{l})
	if len(notes) > 0 {
		t.Fatalf("ParseHash(%q) notices: %v", hash, notes)
	}
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	if ds != nil {
		nd, ok := l.(train.NeedsData)
		if !ok {
			t.Fatalf("%s: the lesson takes no data", hash)
		}
		if err := nd.SetData(ds); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// OpenAs is Open without data, asserted to the lesson's own type.
func OpenAs[L lessons.Lesson](t testing.TB, l lessons.Lesson, hash string) L {
	t.Helper()
	got, ok := Open(t, l, hash, nil).(L)
	if !ok {
		t.Fatalf("%s: the lesson is a %T, not a %T", hash, l, got)
	}
	return got
}

// After is OpenAs followed by steps calls of Step.
func After[L lessons.Lesson](t testing.TB, l lessons.Lesson, hash string, steps int) L {
	t.Helper()
	got := OpenAs[L](t, l, hash)
	for range steps {
		if err := got.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return got
}

// Trained configures l with its defaults changed by set and the default
// seed, gives a lesson that needs data a small synthetic set, and runs
// steps.
func Trained(t testing.TB, l lessons.Lesson, set lessons.Values, steps int) lessons.Lesson {
	t.Helper()
	v := lessons.Defaults(l.Controls())
	for k, x := range set {
		v[k] = x
	}
	if err := l.Configure(v, lessons.DefaultSeed); err != nil {
		t.Fatal(err)
	}
	if nd, ok := l.(train.NeedsData); ok {
		ds, err := train.SyntheticDataset(600, 200, 0.8, 3)
		if err != nil {
			t.Fatal(err)
		}
		if err := nd.SetData(ds); err != nil {
			t.Fatal(err)
		}
	}
	for range steps {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// one is a catalog of a single lesson: every id reads l's controls, so the
// hash's lesson name is not checked, only its values.
type one struct{ l lessons.Lesson }

func (c one) First() string { return "" }

func (c one) ControlsOf(string) ([]lessons.Control, bool) { return c.l.Controls(), true }

// Defaults configures the new lesson l with its defaults and the default
// seed, as the course does when it opens a lesson.
func Defaults(l lessons.Lesson) (lessons.Lesson, error) {
	return l, l.Configure(lessons.Defaults(l.Controls()), lessons.DefaultSeed)
}

// ParseHash reads hash against l's controls (lessons.ParseHash).
func ParseHash(l lessons.Lesson, hash string) (lessons.State, []lessons.Notice) {
	return lessons.ParseHash(hash, one{l})
}

// EncodeHash writes the hash of s against l's controls (lessons.EncodeHash).
func EncodeHash(l lessons.Lesson, s lessons.State) string { return lessons.EncodeHash(s, one{l}) }
