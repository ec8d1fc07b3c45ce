//go:build js && wasm

package main

import (
	"bnlab/lessons"
	"bnlab/lessons/course"
)

// remoteLesson stands on the stage for a lesson that runs in the training
// worker: the stage needs only its controls (for the form and the URL);
// Configure, Do and Step happen in the worker.
type remoteLesson struct {
	id string
	cs []lessons.Control
}

// controlsOnly returns the stand-in of lesson id, or nil for an id the
// course does not know. It never configures the lesson (that can cost
// seconds).
func controlsOnly(id string) lessons.Lesson {
	cs, err := course.ControlsOf(id)
	if err != nil {
		return nil
	}
	return &remoteLesson{id: id, cs: cs}
}

func (r *remoteLesson) Controls() []lessons.Control            { return r.cs }
func (r *remoteLesson) Configure(lessons.Values, uint64) error { return nil }
func (r *remoteLesson) Do(string) error                        { return nil }
func (r *remoteLesson) Step() error                            { return nil }
func (r *remoteLesson) Frame() (lessons.Frame, error)          { return lessons.Frame{}, nil } // the worker's frames arrive by message

// noticeText joins notices into one sentence for the page.
func noticeText(ns []lessons.Notice) string {
	if len(ns) == 0 {
		return ""
	}
	return lessons.JoinNotices(ns) + "."
}
