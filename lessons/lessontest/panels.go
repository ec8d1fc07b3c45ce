package lessontest

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"

	"bnlab/lessons/pages"
)

// CheckPanel fails unless frag is well-formed (wrapped in a root element)
// and free of scripts, event handlers and inline styles; it returns the
// fragment's text.
func CheckPanel(t testing.TB, id, frag string) string {
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

// CheckOutput checks every panel of out with CheckPanel, that each panel
// id starts with prefix and that the wanted panels are there, that there
// is a text alternative, and that the stage payload encodes to JSON of at
// most maxStage bytes. It returns the panels' texts by id.
func CheckOutput(t testing.TB, out pages.Output, prefix string, want []string, maxStage int) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for id, frag := range out.Panels {
		if !strings.HasPrefix(id, prefix) {
			t.Errorf("panel id %q does not start with %q", id, prefix)
		}
		texts[id] = CheckPanel(t, id, frag)
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

// CheckStage is CheckOutput for panels whose ids start with prefix and a
// dash; it returns the stage payload's JSON.
func CheckStage(t testing.TB, prefix string, out pages.Output, maxStage int) []byte {
	t.Helper()
	CheckOutput(t, out, prefix+"-", nil, maxStage)
	b, err := json.Marshal(out.Stage)
	if err != nil {
		t.Fatalf("stage payload: %v", err)
	}
	return b
}

// Close reports whether a is within tol of b, relative to |b| when |b|
// exceeds 1.
func Close(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }
