//go:build js && wasm

package main

import (
	"bnlab/palette"
	"fmt"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// canvas is the stage's drawing surface in device pixels; s converts CSS
// pixels to device pixels so that lines and text stay crisp on hi-DPI screens.
type canvas struct {
	img  *ebiten.Image
	w, h float64 // device pixels
	s    float64 // device pixels per CSS pixel
	lab  *labels
}

// binder is a lesson's drawing on the stage. The lesson runs in the
// training worker, whose frames put its panels into the page and carry its
// stage payload, decoded into a fresh stageTarget (e.g. &dropout.Stage{}),
// and its text alternative. That decoded payload is the `view` passed to
// the methods below; it is nil until the first frame arrives. A binder
// embeds workerStage for the parts it does not need:
//
//	type histBinder struct{ workerStage } // listed in binders (bind.go)
//	func (b *histBinder) stageTarget() any { return &histograms.Stage{} }
//	func (b *histBinder) draw(c *canvas, view any) {
//		s, ok := view.(*histograms.Stage)
//		...
//	}
type binder interface {
	// stageTarget returns a fresh pointer to decode a frame's stage into.
	stageTarget() any
	// clock is the short status next to the transport buttons.
	clock(view any) string
	// interval is the time between steps while playing, at speed 1.
	interval() time.Duration
	// tick advances animations by dt seconds; it runs every frame.
	tick(view any, dt float64)
	// draw paints the stage.
	draw(c *canvas, view any)
}

var paper = palette.Paper

func (a *app) run() error {
	lab, err := newLabels()
	if err != nil {
		return err
	}
	a.labels = lab
	ebiten.SetTPS(60)
	ebiten.SetScreenClearedEveryFrame(true)
	return ebiten.RunGameWithOptions(a, &ebiten.RunGameOptions{})
}

// Update applies queued events, advances the lesson while playing, and
// writes a changed view into the page. It never blocks on JavaScript.
func (a *app) Update() (err error) {
	t0 := time.Now()
	defer a.guard("Update")
	if a.failed != nil {
		return a.failed
	}
	dt := 1.0 / 60
	if !a.lastFrame.IsZero() {
		dt = min(t0.Sub(a.lastFrame).Seconds(), 0.1)
	}
	a.lastFrame = t0
	if !a.started {
		a.start()
	}
	for drained := false; !drained; {
		select {
		case e := <-a.events:
			a.apply(e)
		default:
			drained = true
		}
	}
	t := time.Now()
	a.applyFrame()
	a.remote.work(a)
	a.frames.apply = time.Since(t)
	a.syncPlay()
	if a.dirty {
		t := time.Now()
		a.dirty = false
		a.refresh()
		a.frames.refresh = time.Since(t)
	}
	if a.bind != nil {
		a.bind.tick(a.view, a.motion.tick(a.dom.doc, dt))
	}
	a.frames.addUpdate(time.Since(t0))
	a.showDebug()
	return nil
}

// refresh writes the last frame's stage description and clock (the
// worker's frames put the panels into the page themselves).
func (a *app) refresh() {
	if a.bind == nil {
		return
	}
	desc := a.rtext
	// The description is a polite live region: while a lesson plays, it
	// changes at most every few seconds, so a screen reader can finish.
	if !a.playing || time.Since(a.descAt) > 5*time.Second {
		a.descAt = time.Now()
		setText(a.dom.byID("stage-desc"), desc)
		if a.canvas.Truthy() {
			a.canvas.Call("setAttribute", "aria-label", "Stage. "+desc)
		}
	}
	clock := a.bind.clock(a.view)
	if clock == "" && a.remote.gotGen > 0 {
		clock = fmt.Sprintf("step %d", a.remote.steps)
	}
	setText(a.dom.byID("clock"), clock)
}

// start runs once, on the first frame: the canvas becomes a normal member of
// the tab order, and the page learns that the lesson is interactive.
func (a *app) start() {
	a.started = true
	mark("first-frame")
	doc := js.Global().Get("document")
	doc.Get("body").Get("style").Set("backgroundColor", "#fbfaf7")
	a.canvas = doc.Call("querySelector", "canvas")
	if a.canvas.Truthy() {
		a.canvas.Call("setAttribute", "tabindex", "0")
		a.canvas.Call("setAttribute", "role", "img")
	}
	a.refresh()
	a.page.Call("ready")
	mark("ready")
	a.debugOn = !a.dom.byID("debug").Get("hidden").Bool()
	if a.debugOn {
		a.remote.start(a)
	}
}

// syncPlay mirrors the play state on the play button.
func (a *app) syncPlay() {
	if a.shownPlaying == a.playing && a.shownOnce {
		return
	}
	a.shownPlaying, a.shownOnce = a.playing, true
	b := a.dom.byID("play")
	if a.playing {
		b.Set("textContent", "Pause")
		b.Call("setAttribute", "aria-pressed", "true")
	} else {
		b.Set("textContent", "Play")
		b.Call("setAttribute", "aria-pressed", "false")
	}
}

// Draw paints the stage for the current view.
func (a *app) Draw(screen *ebiten.Image) {
	t0 := time.Now()
	defer a.guard("Draw")
	screen.Fill(paper)
	if a.bind != nil {
		b := screen.Bounds()
		a.bind.draw(&canvas{img: screen, w: float64(b.Dx()), h: float64(b.Dy()), s: a.scale, lab: a.labels}, a.view)
	}
	a.frames.addDraw(time.Since(t0))
}

// Layout draws at device resolution, so the stage stays sharp.
func (a *app) Layout(w, h int) (int, int) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		s = 1
	}
	a.scale = s
	return int(float64(w) * s), int(float64(h) * s)
}
