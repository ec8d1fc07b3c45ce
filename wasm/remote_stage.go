//go:build js && wasm

package main

import (
	"bnlab/lessons/course"
	"bnlab/palette"
	"encoding/json"
	"time"
)

// workerStage gives a binder the defaults: the clock says "step N" (see
// app.refresh), steps run as fast as the worker can (interval 0), and
// nothing animates between frames. Override any of them.
type workerStage struct{}

func (workerStage) clock(any) string        { return "" }
func (workerStage) interval() time.Duration { return 0 }
func (workerStage) tick(any, float64)       {}

// textStage is the stage of a lesson of the course that has no drawing of
// its own (no entry in binders): it runs in the worker and the stage shows
// its frame's text alternative.
type textStage struct {
	workerStage
	text string
}

func (p *textStage) stageTarget() any { return &json.RawMessage{} }
func (p *textStage) draw(c *canvas, view any) {
	msg := p.text
	if msg == "" {
		msg = "Waiting for the training worker…"
	}
	c.lab.draw(c.img, msg, 14*c.s, palette.Muted, c.w/2, c.h/2, 0.5, 0.5)
}

// binderFor returns the stage binder of lesson id: the lesson's own, a
// textStage for a lesson of the course without one, nil for an unknown id.
func binderFor(id string) binder {
	f, ok := binders[id]
	if !ok {
		if _, known := course.Lookup(id); !known {
			return nil
		}
		return &textStage{}
	}
	return f()
}

// decodeStage decodes a frame's stage JSON into a fresh target of b; it
// returns nil when there is none or it does not decode (the error goes to
// the console: it is a bug between lessons/X/page.go and stage_X.go).
func decodeStage(b binder, stage string) (any, error) {
	if b == nil || stage == "" {
		return nil, nil
	}
	t := b.stageTarget()
	if err := json.Unmarshal([]byte(stage), t); err != nil {
		return nil, err
	}
	return t, nil
}
