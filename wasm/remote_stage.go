//go:build js && wasm

package main

import (
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

// binderFor returns the bindings of lesson id and whether the lesson runs
// in the worker (its binder is a stageBinder); nil for an unknown id.
func binderFor(id string) (binder, bool) {
	f, ok := binders[id]
	if !ok {
		return nil, false
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
