package web

import (
	"io/fs"
	"strings"
	"testing"
)

func TestAssembleIndex(t *testing.T) {
	index := []byte("<main>\n<!-- lessons -->\n</main>")
	secs := map[string][]byte{
		"02-b.html": []byte(`<section data-lesson="b"><h1>B</h1></section>`),
		"01-a.html": []byte("\n<section data-lesson=\"a\" hidden><h1>A</h1></section>\n"),
	}
	got, err := AssembleIndex(index, secs)
	if err != nil {
		t.Fatal(err)
	}
	want := "<main>\n<section data-lesson=\"a\" hidden><h1>A</h1></section>\n\n<section data-lesson=\"b\"><h1>B</h1></section>\n</main>"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAssembleIndexBad(t *testing.T) {
	cases := []struct {
		name  string
		index string
		secs  map[string][]byte
		want  string
	}{
		{"no marker", "<main></main>", nil, "0 \"<!-- lessons -->\" markers"},
		{"two markers", "<!-- lessons --><!-- lessons -->", nil, "2 \"<!-- lessons -->\" markers"},
		{"not a section", "<!-- lessons -->", map[string][]byte{"01-x.html": []byte("<div>x</div>")}, "lessons/01-x.html is not one"},
		{"no data-lesson", "<!-- lessons -->", map[string][]byte{"01-x.html": []byte("<section><p data-lesson=x></p></section>")}, "lessons/01-x.html is not one"},
	}
	for _, c := range cases {
		_, err := AssembleIndex([]byte(c.index), c.secs)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

// TestEmbeddedIndex: the shipped page assembles, with one section per
// lesson file, and every section file is a lesson of the course.
func TestEmbeddedIndex(t *testing.T) {
	index, err := fs.ReadFile(FS(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(FS(), LessonDir)
	if err != nil {
		t.Fatal(err)
	}
	secs := map[string][]byte{}
	for _, e := range entries {
		b, err := fs.ReadFile(FS(), LessonDir+"/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		secs[e.Name()] = b
	}
	page, err := AssembleIndex(index, secs)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "<section data-lesson="); n != len(secs) || n < 10 {
		t.Errorf("%d lesson sections from %d files, want one per file and at least 10", n, len(secs))
	}
}
