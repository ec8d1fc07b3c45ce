//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"runtime/debug"
	"syscall/js"
	"time"

	"bnlab/lessons"
)

// eventKind names what a JavaScript callback asked for.
type eventKind int

const (
	evControl eventKind = iota // a control changed: key, value
	evAction                   // an action button: key
	evPlay                     // toggle play/pause
	evStep                     // one step
	evReset                    // reset the lesson to its configured state
	evSpeed                    // speed select changed: value
	evFaster                   // speed up one notch
	evSlower                   // slow down one notch
	evHash                     // the parent's URL hash changed by navigation
	evCheck                    // a check's prediction committed: key (the check's id), value
)

// event is one recorded user action, applied in Update.
type event struct {
	kind       eventKind
	key, value string
}

// app is the stage program: the lesson, its values, the play state, and the
// bindings to the parent page.
type app struct {
	dom    dom
	win    js.Value // the parent window
	page   js.Value // the parent's window.bnlab API
	events chan event
	funcs  []js.Func
	motion motion
	// ctrlStart is where the current controls' callbacks begin in funcs.
	ctrlStart int

	id     string
	lesson lessons.Lesson
	ctrls  []lessons.Control
	values lessons.Values
	seed   uint64
	bind   binder
	// view is the decoded stage payload of the last frame: every lesson
	// runs in the training worker (remote.go), and the stage keeps only its
	// controls and URL state.
	view   any
	remote remote
	rtext  string    // the last frame's text alternative
	descAt time.Time // when the stage description was last written
	// resetting marks the configure of Reset: the worker rebuilds the lesson.
	resetting bool
	dirty     bool
	lastErr   string // last configuration error shown as a notice

	playing bool
	speed   float64

	failed       error // a recovered panic, returned from the next Update
	started      bool
	frames       frameStats
	debugOn      bool
	canvas       js.Value // the stage canvas (in the iframe's document)
	labels       *labels
	scale        float64
	lastFrame    time.Time
	shownPlaying bool
	shownOnce    bool
}

// speeds are the notches of the speed control, as in index.html.
var speeds = []string{"0.25", "0.5", "1", "2", "4"}

func newApp() (a *app, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the stage cannot reach the lesson page (%v); open index.html, not stage.html", r)
		}
	}()
	parent := js.Global().Get("parent")
	if !parent.Truthy() || parent.Equal(js.Global().Get("window")) {
		return nil, errors.New("the stage must run inside the lesson page; open index.html")
	}
	a = &app{
		win:    parent,
		dom:    dom{doc: parent.Get("document")},
		page:   parent.Get("bnlab"),
		events: make(chan event, 256),
		motion: newMotion(parent),
		speed:  1,
	}
	if !a.page.Truthy() {
		return nil, errors.New("the page script main.js did not load")
	}
	a.bindTransport()
	a.bindKeys()
	a.listen(a.win, "hashchange", func(js.Value) { a.push(event{kind: evHash}) })
	a.bindChecks()
	a.ctrlStart = len(a.funcs)
	a.loadFromHash()
	return a, nil
}

// push records an event without ever blocking the JavaScript caller.
func (a *app) push(e event) {
	select {
	case a.events <- e:
	default: // a flood of events: drop, the next one carries the latest value
	}
}

// listen adds an event listener whose Go function only records.
func (a *app) listen(target js.Value, name string, f func(e js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		var e js.Value
		if len(args) > 0 {
			e = args[0]
		}
		f(e)
		return nil
	})
	a.funcs = append(a.funcs, fn)
	target.Call("addEventListener", name, fn)
}

// fail shows a human message in the page and stops interaction.
func (a *app) fail(msg string) {
	a.page.Call("fail", msg)
}

// guard turns a panic into an error the next Update returns, with the
// stack in the console for whoever debugs it.
func (a *app) guard(where string) {
	if r := recover(); r != nil {
		js.Global().Get("console").Call("error", fmt.Sprintf("bnlab: panic in %s: %v\n%s", where, r, debug.Stack()))
		a.failed = fmt.Errorf("the engine hit an internal error (%v) in %s", r, where)
	}
}

// apply performs one recorded event.
func (a *app) apply(e event) {
	switch e.kind {
	case evControl:
		a.setValue(e.key, e.value)
	case evAction:
		a.remote.send(a, map[string]any{"type": "action", "key": e.key})
	case evPlay:
		a.playing = !a.playing
		a.frames.reset() // the overlay then measures this run
		a.sendPlay()
	case evStep:
		a.playing = false
		a.remote.send(a, map[string]any{"type": "step"})
	case evReset:
		a.playing = false
		a.sendPlay()
		a.reset()
	case evSpeed:
		var s float64
		if _, err := fmt.Sscan(e.value, &s); err == nil && s > 0 {
			a.speed = s
			a.sendPlay()
		}
	case evFaster, evSlower:
		a.nudgeSpeed(e.kind == evFaster)
	case evHash:
		a.loadFromHash()
	case evCheck:
		a.remote.send(a, map[string]any{"type": "check", "key": e.key, "prediction": e.value})
	}
}

// sendPlay tells the worker the play state of the lesson.
func (a *app) sendPlay() {
	if a.bind != nil {
		a.remote.play(a, a.playing, a.speed, a.bind.interval())
	}
}
