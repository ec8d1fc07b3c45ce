//go:build js && wasm

package main

import (
	"image/color"
	"time"
)

// binderFor returns the page and stage bindings of a lesson id; lessons
// still to come get a calm placeholder.
func binderFor(id string, ready bool) binder {
	switch {
	case id == "bn-steps" && ready:
		return newBNSteps()
	}
	return soon{}
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
