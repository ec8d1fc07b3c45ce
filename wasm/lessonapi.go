//go:build js && wasm

package main

import (
	"strings"

	"bnlab/lessons"
)

// lookupLesson returns a configured lesson by id, or nil when it is not
// implemented yet (its prose still shows; the stage says "coming soon").
func lookupLesson(id string) lessons.Lesson {
	l, err := lessons.New(id)
	if err != nil {
		return nil
	}
	return l
}

// noticeText joins notices into one sentence for the page.
func noticeText(ns []lessons.Notice) string {
	if len(ns) == 0 {
		return ""
	}
	t := make([]string, len(ns))
	for i, n := range ns {
		t[i] = n.Text
	}
	return strings.Join(t, "; ") + "."
}
