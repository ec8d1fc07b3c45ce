package main

import (
	"strings"
	"testing"
	"testing/fstest"

	"bnlab/web"
)

// TestReadWebSplicesLessons: the lessons are spliced into index.html and
// their list into 404.html; Go sources, Markdown and testdata are not
// served; a page without its markers is a build error.
func TestReadWebSplicesLessons(t *testing.T) {
	ls := []web.Lesson{
		{ID: "a", Number: 1, Section: "S", Short: "A", Title: "All about A", Prose: "<p>A.</p>"},
		{ID: "b", Number: 2, Section: "S", Short: "B", Title: "All about B", Prose: "<p>B.</p>"},
	}
	fsys := fstest.MapFS{
		"index.html":         {Data: []byte("<nav><!-- lesson-list --></nav><main><!-- overview --><!-- lessons --><!-- glossary --></main>")},
		"404.html":           {Data: []byte("<main><!-- lesson-list --></main>")},
		"style.css":          {Data: []byte(":root { /* palette */ }\n/* heat */")},
		"embed.go":           {Data: []byte("package web")},
		"notes/README.md":    {Data: []byte("notes")},
		"testdata/skip.html": {Data: []byte("<p>")},
	}
	files := map[string][]byte{}
	if err := readWeb(options{Web: fsys, Lessons: ls}, files); err != nil {
		t.Fatal(err)
	}
	index := string(files["index.html"])
	for _, want := range []string{`<section data-lesson="a" aria-labelledby="h-a">`, `<h1 id="h-b">All about B</h1>`, `data-id="b"`, `<dd id="gloss-epsilon">`} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s:\n%s", want, index)
		}
	}
	if css := string(files["style.css"]); !strings.Contains(css, "--paper: #") || strings.Contains(css, web.PaletteMarker) || !strings.Contains(css, ".heatmap .heat-0 {") {
		t.Errorf("style.css did not get the palette: %s", css)
	}
	if nf := string(files["404.html"]); !strings.Contains(nf, `href="/#lesson=b"`) {
		t.Errorf("404.html does not link lesson b:\n%s", nf)
	}
	for p := range files {
		if strings.HasPrefix(p, "notes/") || strings.HasPrefix(p, "testdata/") || strings.HasSuffix(p, ".go") {
			t.Errorf("%s is served as a file", p)
		}
	}

	fsys["index.html"] = &fstest.MapFile{Data: []byte("<main>no markers</main>")}
	err := readWeb(options{Web: fsys, Lessons: ls}, map[string][]byte{})
	if err == nil || !strings.Contains(err.Error(), "index.html has 0") {
		t.Errorf("an index without markers: err %v, want it to say so", err)
	}
}

// TestCourseLessonsOnThePage: by default the page shows the course, in
// order, every lesson with its prose.
func TestCourseLessonsOnThePage(t *testing.T) {
	ls := courseLessons()
	if len(ls) < 10 {
		t.Fatalf("%d lessons, want the whole course", len(ls))
	}
	for i, l := range ls {
		if l.Number != i+1 || l.Prose == "" {
			t.Errorf("lesson %d: %s number %d, %d bytes of prose", i+1, l.ID, l.Number, len(l.Prose))
		}
	}
}
