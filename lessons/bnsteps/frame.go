package bnsteps

import (
	"encoding/json"
	"fmt"

	"bnlab/lessons"
)

// Frame returns the current view encoded as the stage's payload. bn-steps
// does not yet take the frame route of the other lessons: the page binds
// its View directly (wasm/bind_bnsteps.go), which fills the tables and
// writes the text alternative, so the frame has no panels or text.
func (l *Lesson) Frame() (lessons.Frame, error) {
	b, err := json.Marshal(l.View())
	if err != nil {
		return lessons.Frame{}, fmt.Errorf("bnsteps: the view does not encode: %w", err)
	}
	return lessons.Frame{Stage: b}, nil
}
