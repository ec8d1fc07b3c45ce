package web

import (
	"strings"
	"testing"

	"bnlab/lessons/course"
)

// TestAssembleOverview: the overview lists every lesson with its summary
// and objectives, and every check with a link to its lesson.
func TestAssembleOverview(t *testing.T) {
	ls := []Lesson{
		{ID: "a", Number: 1, Title: "All about A", Summary: "A & more.", Prose: `<aside data-objectives><p>You will learn</p><ul><li>one</li><li>two</li></ul></aside><p>A.</p>`,
			Checks: []Question{{ID: "a-check-x", HTML: "How <var>x</var>?"}}},
		{ID: "b", Number: 2, Title: "All about B", Prose: "<p>B.</p>"},
	}
	out, err := AssembleOverview([]byte("<main><!-- overview --></main>"), ls)
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)
	for _, w := range []string{`<section data-lesson="overview"`, `<a href="#lesson=a">1. All about A</a>`, "A &amp; more.", "<li>one</li><li>two</li>",
		`<a href="#lesson=b">2. All about B</a>`, `data-status-for="b"`, "the course's 1 checks", `<li data-check-ref="a-check-x">How <var>x</var>? <a href="#lesson=a">Answer it in lesson 1</a>`} {
		if !strings.Contains(page, w) {
			t.Errorf("the overview lacks %q:\n%s", w, page)
		}
	}
	if _, err := AssembleOverview([]byte("<main></main>"), ls); err == nil {
		t.Error("no marker: no error")
	}
}

// TestCompareLinks: every lesson the comparison table links to is in the
// course, and the overview draws every row.
func TestCompareLinks(t *testing.T) {
	ids := map[string]bool{}
	for _, l := range course.Lessons() {
		ids[l.ID] = true
	}
	for _, r := range compareRows {
		if len(strings.Fields(r.Lessons)) == 0 {
			t.Errorf("%q links to no lesson", r.Question)
		}
		for _, id := range strings.Fields(r.Lessons) {
			if !ids[id] {
				t.Errorf("%q links to %q, which is not a lesson", r.Question, id)
			}
		}
	}
}
