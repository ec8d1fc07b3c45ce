package web

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// LessonMarker is the comment in index.html where the lessons' sections go.
const LessonMarker = "<!-- lessons -->"

// PaletteMarker is the comment in style.css's :root rule where the
// colours' custom properties go (palette.CSS).
const PaletteMarker = "/* palette */"

// HeatMarker is the comment in style.css where the heat-map cell classes
// go (palette.HeatCSS).
const HeatMarker = "/* heat */"

// ListMarker is the comment in index.html, and in 404.html, where the
// list of lessons goes.
const ListMarker = "<!-- lesson-list -->"

// Lesson is what the page shows of one lesson of the course (cmd/serve
// fills it from lessons/course): its id, number, section, short and full
// titles, and its prose, the body of its <section> after the title.
type Lesson struct {
	ID      string
	Number  int
	Section string
	Short   string
	Title   string
	Prose   string
	// Summary is one sentence on what the lesson does (the overview).
	Summary string
	// Checks are the lesson's predict-then-check questions, for the
	// course overview's review.
	Checks []Question
}

// Question is one check of a lesson: its form's id and its question (HTML).
type Question struct {
	ID, HTML string
}

// AssembleIndex returns index with the course spliced in: the lesson list
// (links, numbers and short titles) at ListMarker, and at LessonMarker one
// <section> per lesson, in order, with its kicker and title written from
// the course and its prose after them. Only the first section is visible
// before the page's script runs. Each marker must appear exactly once, and
// every lesson needs an id, a title and prose that holds no <section> of
// its own.
func AssembleIndex(index []byte, ls []Lesson) ([]byte, error) {
	if err := check(ls); err != nil {
		return nil, err
	}
	var secs bytes.Buffer
	for i, l := range ls {
		hidden := " hidden"
		if i == 0 {
			hidden = ""
		}
		id := html.EscapeString(l.ID)
		fmt.Fprintf(&secs, "<section data-lesson=\"%s\" aria-labelledby=\"h-%s\"%s>\n", id, id, hidden)
		fmt.Fprintf(&secs, "  <p class=\"kicker\">Lesson %d · %s</p>\n", l.Number, html.EscapeString(l.Section))
		fmt.Fprintf(&secs, "  <h1 id=\"h-%s\">%s</h1>\n", id, html.EscapeString(l.Title))
		for _, line := range strings.Split(strings.TrimRight(l.Prose, "\n"), "\n") {
			if line != "" {
				secs.WriteString("  ")
			}
			secs.WriteString(line)
			secs.WriteByte('\n')
		}
		secs.WriteString("</section>")
		if i < len(ls)-1 {
			secs.WriteString("\n\n")
		}
	}
	var list bytes.Buffer
	fmt.Fprintf(&list, "<p class=\"progress-note\" id=\"progress-note\">0 of %d lessons visited</p>\n    <ol>\n", len(ls))
	for _, l := range ls {
		id := html.EscapeString(l.ID)
		fmt.Fprintf(&list, "      <li><a href=\"#lesson=%s\" data-id=\"%s\"><span class=\"num\">%d</span> %s</a></li>\n", id, id, l.Number, html.EscapeString(l.Short))
	}
	list.WriteString("    </ol>")
	out, err := splice(index, "index.html", LessonMarker, secs.Bytes())
	if err != nil {
		return nil, err
	}
	return splice(out, "index.html", ListMarker, list.Bytes())
}

// GlossaryMarker is the comment in index.html where the glossary panel
// goes.
const GlossaryMarker = "<!-- glossary -->"

// AssembleGlossary returns index.html with the glossary panel (HTML from
// package glossary) at GlossaryMarker, which must appear exactly once.
func AssembleGlossary(index []byte, panel string) ([]byte, error) {
	return splice(index, "index.html", GlossaryMarker, []byte(panel))
}

// AssembleNotFound returns the 404 page with links to every lesson at
// ListMarker, which must appear exactly once.
func AssembleNotFound(page []byte, ls []Lesson) ([]byte, error) {
	if err := check(ls); err != nil {
		return nil, err
	}
	var list bytes.Buffer
	list.WriteString("<ol class=\"lesson-links\">\n")
	for _, l := range ls {
		fmt.Fprintf(&list, "    <li><a href=\"/#lesson=%s\">%s</a></li>\n", html.EscapeString(l.ID), html.EscapeString(l.Title))
	}
	list.WriteString("  </ol>")
	return splice(page, "404.html", ListMarker, list.Bytes())
}

// check refuses a course the page cannot show.
func check(ls []Lesson) error {
	if len(ls) == 0 {
		return fmt.Errorf("web: no lessons to show")
	}
	for i, l := range ls {
		switch {
		case l.ID == "" || l.Title == "" || l.Short == "":
			return fmt.Errorf("web: lesson %d has no id, title or short title", i+1)
		case strings.TrimSpace(l.Prose) == "":
			return fmt.Errorf("web: lesson %s has no prose", l.ID)
		case strings.Contains(l.Prose, "<section") || strings.Contains(l.Prose, "</section"):
			return fmt.Errorf("web: the prose of lesson %s holds a <section>; the page writes the lesson's own", l.ID)
		case l.Number != i+1:
			return fmt.Errorf("web: lesson %s is number %s, want %d", l.ID, strconv.Itoa(l.Number), i+1)
		}
	}
	return nil
}

// splice replaces the one marker in page (named name in errors) with part.
func splice(page []byte, name, marker string, part []byte) ([]byte, error) {
	if n := bytes.Count(page, []byte(marker)); n != 1 {
		return nil, fmt.Errorf("web: %s has %d %q markers, want 1", name, n, marker)
	}
	at := bytes.Index(page, []byte(marker))
	out := make([]byte, 0, len(page)+len(part))
	out = append(out, page[:at]...)
	out = append(out, part...)
	return append(out, page[at+len(marker):]...), nil
}

// AssembleStyle returns the style sheet with the palette's custom property
// declarations (palette.CSS) at PaletteMarker and the heat-map classes
// (palette.HeatCSS) at HeatMarker; each marker must appear once.
func AssembleStyle(css []byte, decls, heat string) ([]byte, error) {
	out, err := splice(css, "style.css", PaletteMarker, []byte(decls))
	if err != nil {
		return nil, err
	}
	return splice(out, "style.css", HeatMarker, []byte(heat))
}
