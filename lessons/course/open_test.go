package course

import (
	"testing"

	"bnlab/lessons"
)

// open is how the lesson tests start: it parses hash, builds its lesson,
// configures it with the hash's values and seed and, when ds is not nil,
// gives it the data. A notice or an error fails the test, so every hash a
// test uses is a valid address.
func open(t testing.TB, hash string, ds *Dataset) lessons.Lesson {
	t.Helper()
	st, notes := ParseHash(hash)
	if len(notes) > 0 {
		t.Fatalf("ParseHash(%q) notices: %v", hash, notes)
	}
	l, err := New(st.Lesson)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	if ds != nil {
		if err := l.(NeedsData).SetData(ds); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// openAs is open without data, asserted to the lesson's own type.
func openAs[L lessons.Lesson](t testing.TB, hash string) L {
	t.Helper()
	l, ok := open(t, hash, nil).(L)
	if !ok {
		t.Fatalf("%s: the lesson is not a %T", hash, l)
	}
	return l
}
