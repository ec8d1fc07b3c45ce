package pages

import (
	"encoding/json"
	"fmt"

	"bnlab/lessons"
)

// Panels maps a page element id to the HTML (or inline SVG) that becomes
// its content.
type Panels map[string]string

// Output is what a lesson's page renderer makes of one view: the page
// fragments, the small payload the stage draws (the lesson's own stage
// type; keep it to what the animation needs, a few kilobytes, since the
// stage decodes it on its frame budget), and the stage's text alternative
// for screen readers.
type Output struct {
	Panels Panels
	Stage  any
	Text   string
}

// FrameOf returns the lesson's frame from its renderer's out and err: out's
// panels and text, its stage payload encoded, and progress p; a renderer's
// error is returned as it is.
func FrameOf(out Output, err error, p lessons.Progress) (lessons.Frame, error) {
	if err != nil {
		return lessons.Frame{}, err
	}
	f := lessons.Frame{Panels: out.Panels, Text: out.Text, Progress: p}
	if out.Stage != nil {
		b, err := json.Marshal(out.Stage)
		if err != nil {
			return lessons.Frame{}, fmt.Errorf("pages: the stage payload does not encode: %w", err)
		}
		f.Stage = b
	}
	return f, nil
}
