package glossary

import (
	"regexp"
	"strings"
	"testing"
)

// TestTerms: at least 20 terms, ids unique and usable in data-term, each
// with a name and a definition that ends a sentence.
func TestTerms(t *testing.T) {
	if len(Terms) < 20 {
		t.Errorf("%d terms, want at least 20", len(Terms))
	}
	id := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	seen := map[string]bool{}
	for _, x := range Terms {
		if !id.MatchString(x.ID) || seen[x.ID] {
			t.Errorf("term id %q: not lower-case-with-hyphens, or repeated", x.ID)
		}
		seen[x.ID] = true
		if x.Name == "" || !strings.HasSuffix(x.Def, ".") {
			t.Errorf("term %q: name %q, definition %q", x.ID, x.Name, x.Def)
		}
		if got, ok := Lookup(x.ID); !ok || got != x {
			t.Errorf("Lookup(%q) = %v, %v", x.ID, got, ok)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found an unknown term")
	}
}

// TestHTML: the panel lists every term with its definition under DefID.
func TestHTML(t *testing.T) {
	h := HTML()
	for _, x := range Terms {
		if !strings.Contains(h, `<dd id="`+DefID(x.ID)+`">`) {
			t.Errorf("the panel lacks %q's definition", x.ID)
		}
	}
	if strings.Count(h, "<dt ") != len(Terms) {
		t.Errorf("%d entries for %d terms", strings.Count(h, "<dt "), len(Terms))
	}
}
