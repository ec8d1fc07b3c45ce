//go:build js && wasm

package main

import (
	"encoding/json"
	"image/color"
	"time"

	"bnlab/lessons/pages"
)

// stageBinder is what the binder of a lesson that runs in the training
// worker implements besides binder. stageTarget returns a fresh pointer
// (e.g. &histStage{}) that each frame's Output.Stage JSON is decoded into;
// that pointer is then the `view` passed to tick, draw, clock, describe and
// page. A binder of a worker lesson embeds workerStage for the parts it does
// not need and implements stageTarget and draw:
//
//	type histBinder struct{ workerStage }
//	func init() { registerBinder("histograms", func() binder { return &histBinder{} }) }
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
// panels and the stage's text come from the worker (pages.Render), the
// clock says "step N" (see app.remoteClock), steps run as fast as the
// worker can (interval 0), and nothing animates between frames. Override
// any of them.
type workerStage struct{}

func (workerStage) page(*app, any)          {}
func (workerStage) describe(any) string     { return "" }
func (workerStage) clock(any) string        { return "" }
func (workerStage) interval() time.Duration { return 0 }
func (workerStage) tick(any, float64)       {}

// plainStage is the binder of a worker lesson that has a renderer but no
// stage of its own yet: it shows the stage's text alternative.
type plainStage struct {
	workerStage
	text string
}

func (p *plainStage) stageTarget() any { return &json.RawMessage{} }
func (p *plainStage) draw(c *canvas, view any) {
	msg := p.text
	if msg == "" {
		msg = "Waiting for the training worker…"
	}
	c.lab.draw(c.img, msg, 14*c.s, color.RGBA{0x59, 0x62, 0x73, 0xff}, c.w/2, c.h/2, 0.5, 0.5)
}

// binderFor returns the bindings of lesson id and whether the lesson runs
// in the worker. A lesson that has a pages renderer runs in the worker
// (with its stage binder, or plainStage); one with only a local binder
// (bn-steps) runs on the stage; the rest are "coming soon".
func binderFor(id string) (binder, bool) {
	var b binder
	if f, ok := binders[id]; ok {
		b = f()
	}
	if _, isStage := b.(stageBinder); isStage || (b == nil && pages.Has(id)) {
		if !pages.Has(id) {
			return soon{}, false
		}
		if b == nil {
			b = &plainStage{}
		}
		return b, true
	}
	if b != nil {
		return b, false
	}
	return soon{}, false
}

// decodeStage decodes a frame's stage JSON into a fresh target of b; it
// returns nil when there is none or it does not decode (the error goes to
// the console: it is a bug between pages/X.go and stage_X.go).
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
