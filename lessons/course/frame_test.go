package course

import (
	"encoding/json"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// TestEveryLessonFrames: every lesson of the course, at its defaults and
// after a few steps on a small data set, gives a frame whose panels are
// safe HTML named after the lesson, whose stage payload is JSON, and
// (but for bn-steps, which the page binds directly) a text alternative.
// A lesson with a fixed budget reports Done as its frame does.
func TestEveryLessonFrames(t *testing.T) {
	ds, err := train.SyntheticDataset(600, 100, 0.5, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Lessons() {
		t.Run(e.ID, func(t *testing.T) {
			l, err := New(e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if nd, ok := l.(train.NeedsData); ok {
				if err := nd.SetData(ds); err != nil {
					t.Fatal(err)
				}
			}
			for range 3 {
				if err := l.Step(); err != nil {
					t.Fatal(err)
				}
			}
			f, err := l.Frame()
			if err != nil {
				t.Fatal(err)
			}
			for id, html := range f.Panels {
				if len(id) <= len(e.ID) || id[:len(e.ID)+1] != e.ID+"-" {
					t.Errorf("panel %q is not named after the lesson", id)
				}
				lessontest.CheckPanel(t, id, html)
			}
			if len(f.Stage) == 0 || !json.Valid(f.Stage) {
				t.Errorf("stage payload %.80q is not JSON", f.Stage)
			}
			if e.ID != "bn-steps" && (len(f.Panels) == 0 || f.Text == "") {
				t.Errorf("%d panels, text %q: want both", len(f.Panels), f.Text)
			}
			if fin, ok := l.(lessons.Finite); ok && fin.Done() != f.Progress.Done {
				t.Errorf("Done() = %v, the frame says %v", fin.Done(), f.Progress.Done)
			}
		})
	}
}
