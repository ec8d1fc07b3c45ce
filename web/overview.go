package web

import (
	"bytes"
	"fmt"
	"html"
	"strings"
)

// OverviewMarker is the comment in index.html where the course overview
// goes (its address is lessons.OverviewHash).
const OverviewMarker = "<!-- overview -->"

// AssembleOverview returns index with the course overview at
// OverviewMarker: a hidden <section data-lesson="overview"> that lists
// every lesson with its summary, its objectives (the items of its
// data-objectives list) and a status the page's script fills in from the
// student's progress, then a review of every check in the course, each
// linked to the lesson that answers it.
func AssembleOverview(index []byte, ls []Lesson) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("<section data-lesson=\"overview\" aria-labelledby=\"h-overview\" hidden>\n")
	b.WriteString("  <p class=\"kicker\">Before lesson 1</p>\n  <h1 id=\"h-overview\">Course overview</h1>\n")
	fmt.Fprintf(&b, "  <p class=\"lede\">%d lessons, each computed live in your browser. A lesson counts as completed once you have answered its checks; your progress stays in this browser.</p>\n", len(ls))
	b.WriteString("  <ol class=\"overview\">\n")
	checks := 0
	for _, l := range ls {
		id := html.EscapeString(l.ID)
		fmt.Fprintf(&b, "    <li><h2><a href=\"#lesson=%s\">%d. %s</a> <span class=\"ov-status\" data-status-for=\"%s\"></span></h2>", id, l.Number, html.EscapeString(l.Title), id)
		if l.Summary != "" {
			fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(l.Summary))
		}
		if obj := objectives(l.Prose); obj != "" {
			fmt.Fprintf(&b, "<p class=\"box-title\">You will learn</p><ul>%s</ul>", obj)
		}
		b.WriteString("</li>\n")
		checks += len(l.Checks)
	}
	b.WriteString("  </ol>\n")
	fmt.Fprintf(&b, "  <h2 id=\"review\">Review: the course's %d checks</h2>\n", checks)
	b.WriteString("  <p>Each question is answered by the engine, for the state of its lesson, once you commit a prediction there. Answered ones are ticked.</p>\n  <ol class=\"review\">\n")
	for _, l := range ls {
		for _, q := range l.Checks {
			fmt.Fprintf(&b, "    <li data-check-ref=\"%s\">%s <a href=\"#lesson=%s\">Answer it in lesson %d</a></li>\n",
				html.EscapeString(q.ID), q.HTML, html.EscapeString(l.ID), l.Number)
		}
	}
	b.WriteString("  </ol>\n</section>")
	return splice(index, "index.html", OverviewMarker, b.Bytes())
}

// objectives returns the <li> items of the prose's data-objectives list.
func objectives(prose string) string {
	i := strings.Index(prose, "data-objectives")
	if i < 0 {
		return ""
	}
	rest := prose[i:]
	start, end := strings.Index(rest, "<ul>"), strings.Index(rest, "</ul>")
	if start < 0 || end < start {
		return ""
	}
	return strings.TrimSpace(rest[start+len("<ul>") : end])
}
