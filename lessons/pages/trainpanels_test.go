package pages

import (
	"bnlab/lessons/course"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/train"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"bnlab/lessons"
)

// tpTrained builds lesson id with its defaults changed by set, gives it a
// small synthetic data set, runs steps and returns the lesson.
func tpTrained(t testing.TB, id string, set lessons.Values, steps int) lessons.Lesson {
	t.Helper()
	l, err := course.New(id)
	if err != nil {
		t.Fatal(err)
	}
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

// tpCheckPanel fails unless frag is well-formed (wrapped in a root
// element) and free of scripts, event handlers and inline styles; it
// returns the fragment's text.
func tpCheckPanel(t *testing.T, id, frag string) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader("<root>" + frag + "</root>"))
	dec.Entity = xml.HTMLEntity
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v\n%.400s", id, err, frag)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "script" {
				t.Errorf("%s: has a <script>", id)
			}
			for _, a := range e.Attr {
				if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
					t.Errorf("%s: <%s> has attribute %s", id, e.Name.Local, a.Name.Local)
				}
			}
		case xml.CharData:
			text.Write(e)
			text.WriteString(" ")
		}
	}
	return text.String()
}

// tpCheckOutput checks every panel of out (ids starting with prefix), that
// the wanted panels are there, and that the stage payload encodes to JSON
// of at most maxStage bytes. It returns the panels' texts by id.
func tpCheckOutput(t *testing.T, out Output, prefix string, want []string, maxStage int) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for id, frag := range out.Panels {
		if !strings.HasPrefix(id, prefix) {
			t.Errorf("panel id %q does not start with %q", id, prefix)
		}
		texts[id] = tpCheckPanel(t, id, frag)
	}
	for _, id := range want {
		if _, ok := out.Panels[id]; !ok {
			t.Errorf("panel %q missing", id)
		}
	}
	b, err := json.Marshal(out.Stage)
	if err != nil {
		t.Fatalf("stage payload: %v", err)
	}
	if len(b) > maxStage {
		t.Errorf("stage payload is %d bytes, want at most %d", len(b), maxStage)
	}
	if out.Text == "" {
		t.Error("no text alternative")
	}
	return texts
}

// TestTPFormat: the number formats the renderers share.
func TestTPFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{numfmt.Plain(-0.0123456), "−0.01235"}, {numfmt.Plain(12345.6), "12346"}, {numfmt.Plain(0), "0"},
		{numfmt.Pct(0.9234), "92.3%"}, {tpPts(-0.05), "−5.0 pts"}, {tpPts(0.123), "+12.3 pts"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// cnView builds lesson id from hash (with the synthetic data set for
// lessons that need data), runs steps and returns its view.
func cnView(t testing.TB, hash string, steps int) any {
	t.Helper()
	st, notes := course.ParseHash(hash)
	if len(notes) > 0 {
		t.Fatalf("%s: %v", hash, notes)
	}
	l, err := course.New(st.Lesson)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	for range steps {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return l.View()
}

// cnCheckOutput checks every panel of out (ids start with prefix) and
// that the stage payload encodes to JSON below limit bytes.
func cnCheckOutput(t *testing.T, prefix string, out Output, limit int) []byte {
	t.Helper()
	for id, frag := range out.Panels {
		if !strings.HasPrefix(id, prefix+"-") {
			t.Errorf("panel id %q does not start with %q", id, prefix+"-")
		}
		cnCheckPanel(t, id, frag)
	}
	js, err := json.Marshal(out.Stage)
	if err != nil {
		t.Fatalf("stage does not encode: %v", err)
	}
	if len(js) > limit {
		t.Errorf("stage payload is %d bytes, more than %d", len(js), limit)
	}
	if out.Text == "" {
		t.Error("no text alternative")
	}
	return js
}

// drLessonAfter builds lesson id with hash values, runs steps and returns
// its view.
func drLessonAfter(t testing.TB, hash string, steps int) any {
	t.Helper()
	st, notes := course.ParseHash(hash)
	if len(notes) > 0 {
		t.Fatalf("%s: %v", hash, notes)
	}
	l, err := course.New(st.Lesson)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Configure(st.Values, st.Seed); err != nil {
		t.Fatal(err)
	}
	for range steps {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return l.View()
}

// drCheckPanel fails unless frag is well-formed (wrapped in a root element)
// and free of scripts, event handlers and inline styles.
func drCheckPanel(t *testing.T, id, frag string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader("<root>" + frag + "</root>"))
	dec.Entity = xml.HTMLEntity
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v\n%.400s", id, err, frag)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local == "script" {
				t.Errorf("%s: has a <script>", id)
			}
			for _, a := range se.Attr {
				if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
					t.Errorf("%s: <%s> has attribute %s", id, se.Name.Local, a.Name.Local)
				}
			}
		}
	}
}
