package main

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	"bnlab/lessons/course"
)

// job is one lesson state to draw: the default, or a guided task's.
type job struct {
	entry course.Entry
	// name starts the files' names: "default", or "task2-act-relu-lr-2".
	name string
	hash string
}

// tryLink matches a guided task's address in a lesson's prose.
var tryLink = regexp.MustCompile(`<a data-try href="([^"]+)"`)

// jobsOf lists e's states: its defaults, then each guided task.
func jobsOf(e course.Entry) []job {
	out := []job{{entry: e, name: "default", hash: "#lesson=" + e.ID}}
	for i, m := range tryLink.FindAllStringSubmatch(e.Prose, -1) {
		h := html.UnescapeString(m[1])
		out = append(out, job{entry: e, name: taskName(i+1, h), hash: h})
	}
	return out
}

// taskName names task i's files after its settings.
func taskName(i int, hash string) string {
	var parts []string
	for _, kv := range strings.Split(strings.TrimPrefix(hash, "#"), "&") {
		if strings.HasPrefix(kv, "lesson=") || kv == "" {
			continue
		}
		parts = append(parts, kv)
	}
	name := "task" + strconv.Itoa(i)
	if s := slug(strings.Join(parts, " ")); s != "" {
		name += "_" + s
	}
	return name
}

// slug turns a title into a file-name part: lower-case letters, digits and
// single hyphens, at most 60 bytes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !ok && r == '.' {
			ok = true
		}
		if ok {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}
