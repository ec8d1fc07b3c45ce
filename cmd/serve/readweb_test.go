package main

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadWebSplicesLessons: the lesson sections under lessons/ are spliced
// into index.html in file-name order and are not served as files of their
// own; a broken section file is a build error naming it.
func TestReadWebSplicesLessons(t *testing.T) {
	web := fstest.MapFS{
		"index.html":         {Data: []byte("<main><!-- lessons --></main>")},
		"style.css":          {Data: []byte("body{}")},
		"embed.go":           {Data: []byte("package web")},
		"lessons/02-b.html":  {Data: []byte(`<section data-lesson="b">B</section>`)},
		"lessons/01-a.html":  {Data: []byte(`<section data-lesson="a">A</section>`)},
		"lessons/README.md":  {Data: []byte("notes")},
		"testdata/skip.html": {Data: []byte("<p>")},
	}
	files := map[string][]byte{}
	if err := readWeb(options{Web: web}, files); err != nil {
		t.Fatal(err)
	}
	got := string(files["index.html"])
	if want := "<main><section data-lesson=\"a\">A</section>\n\n<section data-lesson=\"b\">B</section></main>"; got != want {
		t.Errorf("index.html = %q, want %q", got, want)
	}
	for p := range files {
		if strings.HasPrefix(p, "lessons/") || strings.HasPrefix(p, "testdata/") || strings.HasSuffix(p, ".go") {
			t.Errorf("%s is served as a file", p)
		}
	}

	web["lessons/03-c.html"] = &fstest.MapFile{Data: []byte("<div>not a section</div>")}
	err := readWeb(options{Web: web}, map[string][]byte{})
	if err == nil || !strings.Contains(err.Error(), "lessons/03-c.html") {
		t.Errorf("a broken section: err %v, want it to name lessons/03-c.html", err)
	}
}
