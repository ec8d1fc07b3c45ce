package course

import (
	"reflect"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/bnsteps"
)

// TestParseHashNotices: bad values are clamped, rounded or ignored, each
// with a notice that names the value, never an error or a panic.
func TestParseHashNotices(t *testing.T) {
	for _, tc := range []struct {
		hash     string
		lesson   string
		seed     uint64
		key, val string // a value expected in the state
		notice   string // a substring of one notice; "" means no notice
	}{
		{"", "bn-steps", 7, "batch", "8", ""},
		{"#lesson=bn-steps&batch=8&gamma=1.5&seed=7", "bn-steps", 7, "gamma", "1.5", ""},
		{"#lesson=bn-steps&gamma=99", "bn-steps", 7, "gamma", "5", "gamma=99 is above the maximum 5; using 5"},
		{"#lesson=bn-steps&gamma=-1e308", "bn-steps", 7, "gamma", "-5", "below the minimum -5"},
		{"#lesson=bn-steps&gamma=1.53", "bn-steps", 7, "gamma", "1.5", "rounded to the step 0.1"},
		{"#lesson=bn-steps&gamma=1.50", "bn-steps", 7, "gamma", "1.5", ""},
		{"#lesson=bn-steps&gamma=NaN", "bn-steps", 7, "gamma", "1", "is not a number"},
		{"#lesson=bn-steps&gamma=Inf", "bn-steps", 7, "gamma", "5", "above the maximum"},
		{"#lesson=bn-steps&eps=0", "bn-steps", 7, "eps", "1e-05", "must be positive"},
		{"#lesson=bn-steps&eps=0.000123456", "bn-steps", 7, "eps", "0.000123", "rounded to 3 significant digits; using 0.000123"},
		{"#lesson=bn-steps&eps=1e-12", "bn-steps", 7, "eps", "1e-08", "below the minimum 1e-08"},
		{"#lesson=bn-steps&x=3,5,7,9", "bn-steps", 7, "x", "3,5,7,9", ""},
		{"#lesson=bn-steps&x=3.0,%205,7", "bn-steps", 7, "x", "3.0,%205,7", ""},
		{"#lesson=bn-steps&x=3,abc,7", "bn-steps", 7, "x", "3,7", "not finite numbers"},
		{"#lesson=bn-steps&x=3,NaN,Inf,7", "bn-steps", 7, "x", "3,7", "not finite numbers"},
		{"#lesson=bn-steps&x=3", "bn-steps", 7, "x", "", "needs at least 2 numbers"},
		{"#lesson=bn-steps&x=1,2," + strings.Repeat("1,", 100), "bn-steps", 7, "x", "1,2," + strings.Repeat("1,", 61) + "1", "more than 64"},
		{"#lesson=bn-steps&x=5000,1", "bn-steps", 7, "x", "1000,1", "clamped"},
		{"#lesson=nope&gamma=2", "bn-steps", 7, "gamma", "2", `there is no lesson "nope"`},
		{"#lesson=bn-steps&seed=-3", "bn-steps", 7, "batch", "8", "seed=-3 is not a whole number"},
		{"#lesson=bn-steps&seed=18446744073709551615", "bn-steps", 18446744073709551615, "batch", "8", ""},
		{"#lesson=bn-steps&colour=red", "bn-steps", 7, "batch", "8", "colour is not a setting"},
		{"#lesson=bn-steps&resample=1", "bn-steps", 7, "batch", "8", "is a button"},
		{"#lesson=bn-steps&gamma=2&gamma=3", "bn-steps", 7, "gamma", "2", "more than once"},
		{"#lesson=bn-steps&gamma=%zz", "bn-steps", 7, "gamma", "1", "could not be read"},
		{"#lesson=histograms&layers=10", "histograms", 7, "depth", "10", "layers is not a setting"},
		{"lesson=bn-steps&batch=3.7", "bn-steps", 7, "batch", "4", "rounded"},
	} {
		st, notes := ParseHash(tc.hash)
		if st.Lesson != tc.lesson || st.Seed != tc.seed {
			t.Errorf("%q: lesson %q seed %d, want %q %d", tc.hash, st.Lesson, st.Seed, tc.lesson, tc.seed)
		}
		want := tc.val
		if tc.key == "x" && strings.Contains(want, "%20") {
			want = "3,5,7"
		}
		if tc.key != "" && st.Values[tc.key] != want {
			t.Errorf("%q: %s = %q, want %q", tc.hash, tc.key, st.Values[tc.key], want)
		}
		var texts []string
		for _, n := range notes {
			texts = append(texts, n.Text)
		}
		all := strings.Join(texts, " | ")
		switch {
		case tc.notice == "" && len(notes) > 0:
			t.Errorf("%q: unexpected notices %q", tc.hash, all)
		case tc.notice != "" && !strings.Contains(all, tc.notice):
			t.Errorf("%q: notices %q, want one containing %q", tc.hash, all, tc.notice)
		}
	}
}

// TestHashRoundTrip: for normalized states, ParseHash(EncodeHash(s)) == s
// with no notices, and the encoding lists controls in declaration order.
func TestHashRoundTrip(t *testing.T) {
	for _, hash := range []string{
		"",
		"#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1",
		"#lesson=bn-steps&batch=64&shift=-10&spread=0&skew=-1&eps=1&step=4&features=8&momentum=0&batches=500&seed=0",
		"#lesson=bn-steps&eps=3.3e-7&x=-0.5,1e-3,1e6,-1000&seed=18446744073709551615",
		"#lesson=dropout",
	} {
		s, _ := ParseHash(hash)
		enc := EncodeHash(s)
		s2, notes := ParseHash(enc)
		if len(notes) > 0 || !reflect.DeepEqual(s, s2) {
			t.Errorf("%q → %q → %+v (notices %v), want %+v", hash, enc, s2, notes, s)
		}
		if EncodeHash(s2) != enc {
			t.Errorf("%q: encoding not canonical", hash)
		}
	}
	got := EncodeHash(lessons.State{Lesson: "bn-steps", Seed: 7, Values: lessons.Defaults(bnsteps.New().Controls())})
	want := "lesson=bn-steps&batch=8&shift=3&spread=2&skew=0&gamma=1&beta=0&eps=1e-05&step=0&features=4&momentum=0.1&batches=1&seed=7"
	if got != want {
		t.Errorf("EncodeHash(defaults) =\n %s\nwant\n %s", got, want)
	}
}

// TestNormalizeIdempotent: normalizing twice changes nothing more.
func TestNormalizeIdempotent(t *testing.T) {
	in := lessons.Values{"gamma": "7.77", "eps": "0.0123456", "x": "1, 2,x,3e400", "batch": "-4", "zzz": "1"}
	once, notes := lessons.Normalize(bnsteps.New().Controls(), in)
	if len(notes) != 5 {
		t.Errorf("%d notices, want 5: %v", len(notes), notes)
	}
	twice, notes2 := lessons.Normalize(bnsteps.New().Controls(), once)
	if len(notes2) > 0 || !reflect.DeepEqual(once, twice) {
		t.Errorf("second Normalize: %v, notices %v; first %v", twice, notes2, once)
	}
}

// TestCourse: course order, fixed ids, numbers from 1, every lesson with
// its titles and summary, and New for every id.
func TestCourse(t *testing.T) {
	want := []string{"bn-steps", "histograms", "placement", "cnn", "dropout", "train-eval", "overfitting", "mistakes", "small-batches", "code"}
	es := Lessons()
	if len(es) != len(want) {
		t.Fatalf("%d lessons, want %d", len(es), len(want))
	}
	for i, e := range es {
		if e.ID != want[i] || e.Number != i+1 || e.Title == "" || e.Short == "" || e.Summary == "" || e.Section == "" {
			t.Errorf("lesson %d = %+v, want id %s, number %d, section, titles and summary", i, e, want[i], i+1)
		}
		if _, err := New(e.ID); err != nil {
			t.Errorf("New(%s): %v", e.ID, err)
		}
		if got, ok := Lookup(e.ID); !ok || got.Number != e.Number {
			t.Errorf("Lookup(%s) = %+v, %v", e.ID, got, ok)
		}
	}
	if _, err := New("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("New(nope) err = %v", err)
	}
}
