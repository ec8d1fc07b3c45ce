package course

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestReadmeLessonTable: the README's table of lessons lists the course's
// lessons, in order, with their numbers and ids.
func TestReadmeLessonTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skipf("no README beside the module (%v)", err)
	}
	rows := regexp.MustCompile("(?m)^\\| (\\d+) \\| `([a-z-]+)` \\|").FindAllStringSubmatch(string(b), -1)
	ls := Lessons()
	if len(rows) != len(ls) {
		t.Fatalf("the README's lesson table has %d rows, the course %d lessons", len(rows), len(ls))
	}
	for i, r := range rows {
		if r[1] != strconv.Itoa(ls[i].Number) || r[2] != ls[i].ID {
			t.Errorf("README row %d is %s %s, the course has %d %s", i+1, r[1], r[2], ls[i].Number, ls[i].ID)
		}
	}
}
