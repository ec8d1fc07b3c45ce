package course

import (
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/bnsteps"
	"bnlab/lessons/cnn"
	"bnlab/lessons/code"
	"bnlab/lessons/dropout"
	"bnlab/lessons/histograms"
	"bnlab/lessons/mistakes"
	"bnlab/lessons/overfitting"
	"bnlab/lessons/placement"
	"bnlab/lessons/smallbatch"
	"bnlab/lessons/train"
	"bnlab/lessons/traineval"
)

// open is how the lesson tests start: it parses hash, builds its lesson,
// configures it with the hash's values and seed and, when ds is not nil,
// gives it the data. A notice or an error fails the test, so every hash a
// test uses is a valid address.
func open(t testing.TB, hash string, ds *train.Dataset) lessons.Lesson {
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
		if err := l.(train.NeedsData).SetData(ds); err != nil {
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

// viewOf returns the typed view model of any lesson of the course (nil for
// a lesson it does not know).
func viewOf(l lessons.Lesson) any {
	switch l := l.(type) {
	case *bnsteps.Lesson:
		return l.View()
	case *histograms.Lesson:
		return l.View()
	case *placement.Lesson:
		return l.View()
	case *cnn.Lesson:
		return l.View()
	case *dropout.Lesson:
		return l.View()
	case *traineval.Lesson:
		return l.View()
	case *overfitting.Lesson:
		return l.View()
	case *mistakes.Lesson:
		return l.View()
	case *smallbatch.Lesson:
		return l.View()
	case *code.Lesson:
		return l.View()
	}
	return nil
}
