package web

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
)

// LessonMarker is the comment in index.html where the lessons' sections go.
const LessonMarker = "<!-- lessons -->"

// LessonDir is the folder of the lesson sections, one HTML file per lesson
// named NN-id.html, so that file-name order is course order.
const LessonDir = "lessons"

// AssembleIndex returns index with the sections spliced in at
// LessonMarker, in the order of their names (each is one lesson's
// <section>, kept in its own file under LessonDir so that no file holds the
// whole course). The marker must appear exactly once; a section that is
// not a <section data-lesson=...> element is an error.
func AssembleIndex(index []byte, sections map[string][]byte) ([]byte, error) {
	if n := bytes.Count(index, []byte(LessonMarker)); n != 1 {
		return nil, fmt.Errorf("web: index.html has %d %q markers, want 1", n, LessonMarker)
	}
	names := make([]string, 0, len(sections))
	for name := range sections {
		names = append(names, name)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, name := range names {
		s := bytes.TrimSpace(sections[name])
		if !bytes.HasPrefix(s, []byte("<section")) || !bytes.HasSuffix(s, []byte("</section>")) ||
			!bytes.Contains(s[:bytes.IndexByte(s, '>')+1], []byte("data-lesson=")) {
			return nil, fmt.Errorf("web: %s is not one <section data-lesson=...> element", path.Join(LessonDir, name))
		}
		b.Write(s)
		b.WriteString("\n\n")
	}
	at := bytes.Index(index, []byte(LessonMarker))
	out := make([]byte, 0, len(index)+b.Len())
	out = append(out, index[:at]...)
	out = append(out, strings.TrimRight(b.String(), "\n")...)
	return append(out, index[at+len(LessonMarker):]...), nil
}
