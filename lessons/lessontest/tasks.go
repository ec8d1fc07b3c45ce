package lessontest

import (
	"html"
	"regexp"
	"slices"
	"sort"
	"testing"
)

// tryLink matches a guided task's link in a lesson's prose.
var tryLink = regexp.MustCompile(`<a data-try href="([^"]*)"`)

// TryLinks returns the addresses of the guided tasks (<a data-try
// href="#lesson=…">) in prose, in order, with their HTML entities decoded.
func TryLinks(prose string) []string {
	var out []string
	for _, m := range tryLink.FindAllStringSubmatch(prose, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// Tasks runs every guided task of prose: observe maps each task's address
// to the test of the observation its text asks the student to make. A
// task in the prose without a test, or a test for an address the prose no
// longer has, fails, so the prose cannot claim what is not tested.
func Tasks(t *testing.T, prose string, observe map[string]func(t *testing.T, hash string)) {
	t.Helper()
	links := TryLinks(prose)
	if len(links) < 2 {
		t.Errorf("the prose has %d guided tasks (<a data-try>), want at least 2", len(links))
	}
	var tested []string
	for h := range observe {
		tested = append(tested, h)
	}
	sort.Strings(tested)
	for _, h := range links {
		if _, ok := observe[h]; !ok {
			t.Errorf("the guided task %q has no test of its observation", h)
		}
	}
	for _, h := range tested {
		if !slices.Contains(links, h) {
			t.Errorf("a task test's address %q is not in the prose", h)
			continue
		}
		t.Run(h, func(t *testing.T) { observe[h](t, h) })
	}
}
