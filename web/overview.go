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
	writeCompare(&b, ls)
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

// writeCompare writes the BN-versus-dropout table (compareRows), each row
// linked to the lessons that show it.
func writeCompare(b *bytes.Buffer, ls []Lesson) {
	num := map[string]int{}
	for _, l := range ls {
		num[l.ID] = l.Number
	}
	b.WriteString("  <h2 id=\"compare\">Batch Normalisation and Dropout side by side</h2>\n")
	b.WriteString("  <div class=\"table-wrap\" tabindex=\"0\"><table class=\"numbers compare\"><caption>What each does, and where the course shows it</caption>\n")
	b.WriteString("    <thead><tr><td></td><th scope=\"col\">Batch Normalisation</th><th scope=\"col\">Dropout</th><th scope=\"col\">See</th></tr></thead><tbody>\n")
	for _, r := range compareRows {
		var see []string
		for _, id := range strings.Fields(r.Lessons) {
			if n, ok := num[id]; ok {
				see = append(see, fmt.Sprintf("<a href=\"#lesson=%s\">lesson %d</a>", html.EscapeString(id), n))
			}
		}
		fmt.Fprintf(b, "    <tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			html.EscapeString(r.Question), html.EscapeString(r.BN), html.EscapeString(r.Dropout), strings.Join(see, ", "))
	}
	b.WriteString("  </tbody></table></div>\n")
}
