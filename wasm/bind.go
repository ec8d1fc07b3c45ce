//go:build js && wasm

package main

import (
	"image/color"
	"time"
)

// binders holds each lesson's binder constructor by lesson id. Every
// lesson's stage file registers itself from an init function, so adding a
// lesson never edits a shared switch.
var binders = map[string]func() binder{}

// registerBinder makes f the binder constructor of lesson id.
func registerBinder(id string, f func() binder) {
	if _, dup := binders[id]; dup {
		panic("wasm: binder registered twice for " + id)
	}
	binders[id] = f
}

// soon is the binder of a lesson whose interactive part is not written yet.
type soon struct{}

func (soon) page(*app, any) {}
func (soon) describe(any) string {
	return "The interactive stage of this lesson is coming soon; its introduction is in the text."
}
func (soon) clock(any) string        { return "" }
func (soon) interval() time.Duration { return time.Second }
func (soon) tick(any, float64)       {}
func (soon) draw(c *canvas, view any) {
	c.lab.draw(c.img, "Coming soon", 18*c.s, color.RGBA{0x59, 0x62, 0x73, 0xff}, c.w/2, c.h/2, 0.5, 0.5)
}
