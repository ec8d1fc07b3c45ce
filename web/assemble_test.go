package web

import (
	"bnlab/palette"
	"io/fs"
	"strings"
	"testing"
)

// two is a course of two lessons.
var two = []Lesson{
	{ID: "a", Number: 1, Section: "S", Short: "A", Title: "All about A", Prose: "<p>A.</p>\n\n<pre>x\ny</pre>\n"},
	{ID: "b", Number: 2, Section: "T & U", Short: "B", Title: "B <b>", Prose: "<p>B.</p>\n"},
}

// TestAssembleIndex: the sections come in course order with their kicker
// and title written from the course, only the first visible; the lesson
// list links every lesson with its number and short title.
func TestAssembleIndex(t *testing.T) {
	index := []byte("<nav><!-- lesson-list --></nav>\n<main>\n<!-- lessons -->\n</main>")
	got, err := AssembleIndex(index, two)
	if err != nil {
		t.Fatal(err)
	}
	want := `<nav><p class="progress-note" id="progress-note">0 of 2 lessons visited</p>
    <ol>
      <li><a href="#lesson=a" data-id="a"><span class="num">1</span> A</a></li>
      <li><a href="#lesson=b" data-id="b"><span class="num">2</span> B</a></li>
    </ol></nav>
<main>
<section data-lesson="a" aria-labelledby="h-a">
  <p class="kicker">Lesson 1 · S</p>
  <h1 id="h-a">All about A</h1>
  <p>A.</p>

  <pre>x
  y</pre>
</section>

<section data-lesson="b" aria-labelledby="h-b" hidden>
  <p class="kicker">Lesson 2 · T &amp; U</p>
  <h1 id="h-b">B &lt;b&gt;</h1>
  <p>B.</p>
</section>
</main>`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestAssembleBad: a page without its markers, or a course the page cannot
// show, is an error that says what is wrong.
func TestAssembleBad(t *testing.T) {
	ok := "<!-- lesson-list --><!-- lessons -->"
	noProse := []Lesson{{ID: "a", Number: 1, Short: "A", Title: "A"}}
	nested := []Lesson{{ID: "a", Number: 1, Short: "A", Title: "A", Prose: "<section>x</section>"}}
	misnumbered := []Lesson{{ID: "a", Number: 2, Short: "A", Title: "A", Prose: "x"}}
	cases := []struct {
		name  string
		index string
		ls    []Lesson
		want  string
	}{
		{"no lesson marker", "<!-- lesson-list -->", two, "0 \"<!-- lessons -->\" markers"},
		{"two lesson markers", "<!-- lesson-list --><!-- lessons --><!-- lessons -->", two, "2 \"<!-- lessons -->\" markers"},
		{"no list marker", "<!-- lessons -->", two, "0 \"<!-- lesson-list -->\" markers"},
		{"no lessons", ok, nil, "no lessons"},
		{"no prose", ok, noProse, "lesson a has no prose"},
		{"a section in the prose", ok, nested, "holds a <section>"},
		{"numbers out of order", ok, misnumbered, "is number 2, want 1"},
	}
	for _, c := range cases {
		_, err := AssembleIndex([]byte(c.index), c.ls)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want it to mention %q", c.name, err, c.want)
		}
	}
	if _, err := AssembleNotFound([]byte("<p>no marker</p>"), two); err == nil || !strings.Contains(err.Error(), "404.html has 0") {
		t.Errorf("404 without a marker: err %v", err)
	}
}

// TestAssembleNotFound: the 404 page links every lesson by its title.
func TestAssembleNotFound(t *testing.T) {
	got, err := AssembleNotFound([]byte("<main><!-- lesson-list --></main>"), two)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="/#lesson=a">All about A</a>`, `<a href="/#lesson=b">B &lt;b&gt;</a>`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("404 page lacks %s:\n%s", want, got)
		}
	}
}

// TestEmbeddedPagesHaveMarkers: the shipped index.html, 404.html and
// style.css each have their markers once.
func TestEmbeddedPagesHaveMarkers(t *testing.T) {
	for name, markers := range map[string][]string{"index.html": {LessonMarker, ListMarker}, "404.html": {ListMarker}, "style.css": {PaletteMarker, HeatMarker}} {
		b, err := fs.ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range markers {
			if n := strings.Count(string(b), m); n != 1 {
				t.Errorf("%s has %d %q markers, want 1", name, n, m)
			}
		}
	}
}

// TestStyleUsesThePalette: style.css writes none of the palette's colours
// by hand; it uses their custom properties, which cmd/serve writes from
// package palette.
func TestStyleUsesThePalette(t *testing.T) {
	css, err := fs.ReadFile(FS(), "style.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range palette.CSSColors {
		if hex := palette.Hex(n.Color); strings.Contains(strings.ToLower(string(css)), hex) {
			t.Errorf("style.css writes %s by hand; use var(%s)", hex, n.Property)
		}
	}
	out, err := AssembleStyle(css, palette.CSS("  "), palette.HeatCSS(".heatmap"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range palette.CSSColors {
		if !strings.Contains(string(out), n.Property+": "+palette.Hex(n.Color)+";") {
			t.Errorf("the assembled style sheet lacks %s", n.Property)
		}
	}
	for k := -palette.HeatLevels; k <= palette.HeatLevels; k++ {
		if rule := ".heatmap ." + palette.HeatClass(k) + " { background: " + palette.Hex(palette.Heat(k)); !strings.Contains(string(out), rule) {
			t.Errorf("the assembled style sheet lacks %s", rule)
		}
	}
}
