//go:build js && wasm

package main

import (
	"bnlab/lessons/course"
	"bnlab/palette"
	"encoding/json"
	"time"
)

// stageBinder is what the binder of a lesson that runs in the training
// worker implements besides binder. stageTarget returns a fresh pointer
// (e.g. &histStage{}) that each frame's Output.Stage JSON is decoded into;
// that pointer is then the `view` passed to tick, draw, clock, describe and
// page. A binder of a worker lesson embeds workerStage for the parts it does
// not need and implements stageTarget and draw:
//
//	type histBinder struct{ workerStage } // listed in binders (bind.go)
//	func (b *histBinder) stageTarget() any { return &histStage{} }
//	func (b *histBinder) draw(c *canvas, view any) {
//		s, ok := view.(*histStage) // nil until the first frame arrives
//		...
//	}
type stageBinder interface {
	binder
	stageTarget() any
}

// workerStage gives a worker lesson's binder the defaults: the page's
// panels and the stage's text come from the worker (the lesson's Frame), the
// clock says "step N" (see app.remoteClock), steps run as fast as the
// worker can (interval 0), and nothing animates between frames. Override
// any of them.
type workerStage struct{}

func (workerStage) page(*app, any)          {}
func (workerStage) describe(any) string     { return "" }
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

// binderFor returns the bindings of lesson id and whether the lesson runs
// in the worker (its binder is a stageBinder): the lesson's own binder, a
// textStage for a lesson of the course without one, nil for an unknown id.
func binderFor(id string) (binder, bool) {
	f, ok := binders[id]
	if !ok {
		if _, known := course.Lookup(id); !known {
			return nil, false
		}
		return &textStage{}, true
	}
	b := f()
	_, remote := b.(stageBinder)
	return b, remote
}

// decodeStage decodes a frame's stage JSON into a fresh target of b; it
// returns nil when there is none or it does not decode (the error goes to
// the console: it is a bug between lessons/X/page.go and stage_X.go).
func decodeStage(b binder, stage string) (any, error) {
	sb, ok := b.(stageBinder)
	if !ok || stage == "" {
		return nil, nil
	}
	t := sb.stageTarget()
	if err := json.Unmarshal([]byte(stage), t); err != nil {
		return nil, err
	}
	return t, nil
}
