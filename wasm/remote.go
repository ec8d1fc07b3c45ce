//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"syscall/js"
	"time"

	"bnlab/lessons"
	"bnlab/worker"
)

// remote is the stage's side of the training worker (protocol in package
// worker). Every lesson runs in the worker: the stage sends it
// configure/action/play/step messages and receives frames. The worker's
// message callback puts the panels straight into the page from JavaScript values (without crossing into Go strings;
// main.js holds back big rewrites while playing) and decodes the stage
// payload, outside the stage's frames; Update applies the latest frame on
// the stage's own schedule.
type remote struct {
	w      js.Value
	fn     js.Func
	errFn  js.Func
	state  string // "", "starting", "ready", or an error
	gen    int    // the gen of the last message sent
	sentAt time.Time
	frames chan rframe

	progress workProgress // the worker's progress (MNIST download)
	shown    workProgress // what the page shows now
	pingSent time.Time
	rtt      time.Duration

	// From the last frame applied.
	steps    int
	perSec   float64
	renderMs float64
	gotGen   int
}

// rframe is a frame's small part that Update needs (panels are already in
// the page when it is queued).
type rframe struct {
	lesson, stage, text, hash, err string
	gen, steps                     int
	perSec, renderMs               float64
	playing                        bool
	// view is the stage payload decoded for the binder of the time (nil:
	// none, or it did not decode); decoding happens when the message
	// arrives, outside the stage's frames.
	view any
}

// workProgress is what the page's progress line shows ("" hides it).
type workProgress struct {
	what          string
	loaded, total float64
}

// start launches the worker once (worker.js by its plain name, which the
// server rewrites to the hashed one).
func (r *remote) start(a *app) {
	if r.state != "" {
		return
	}
	mk := js.Global().Get("bnlabStartWorker")
	if mk.Type() != js.TypeFunction {
		r.state = "unavailable: stage.js has no bnlabStartWorker"
		return
	}
	r.state = "starting"
	r.frames = make(chan rframe, 16)
	r.w = mk.Invoke()
	r.fn = js.FuncOf(func(this js.Value, args []js.Value) any {
		r.receive(a, args[0].Get("data"))
		return nil
	})
	r.errFn = js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "the training worker could not start"
		if len(args) > 0 && args[0].Get("message").Type() == js.TypeString {
			msg += ": " + args[0].Get("message").String()
		}
		r.state = "error: " + msg
		a.page.Call("notice", msg+". Reload the page to try again.")
		return nil
	})
	r.w.Set("onmessage", r.fn)
	r.w.Set("onerror", r.errFn)
	js.Global().Set("bnlabWorkerState", "loading")
}

// send posts a message to the worker; every message but ping gets the next gen.
func (r *remote) send(a *app, m map[string]any) {
	r.start(a)
	if !r.w.Truthy() {
		return
	}
	if m["type"] != "ping" {
		r.gen++
		m["gen"] = r.gen
		r.sentAt = time.Now()
	}
	r.w.Call("postMessage", m)
}

// configure sends the lesson's values and seed (as a decimal string: a
// uint64 does not fit a JavaScript number).
func (r *remote) configure(a *app, id string, v lessons.Values, seed uint64, fresh bool) {
	vals := map[string]any{}
	for k, x := range v {
		vals[k] = x
	}
	r.send(a, map[string]any{"type": "configure", "lesson": id, "values": vals, "seed": strconv.FormatUint(seed, 10), "fresh": fresh})
}

// play tells the worker to play or pause at speed; interval is the time
// per step at speed 1 (0: as fast as the worker can).
func (r *remote) play(a *app, on bool, speed float64, interval time.Duration) {
	r.send(a, map[string]any{"type": "play", "on": on, "speed": speed, "interval": float64(interval) / float64(time.Millisecond)})
}

// receive handles one message from the worker in its callback.
func (r *remote) receive(a *app, d js.Value) {
	defer func() {
		if x := recover(); x != nil {
			js.Global().Get("console").Call("error", fmt.Sprint("bnlab: bad message from the worker: ", x))
		}
	}()
	switch d.Get("type").String() {
	case "ready":
		r.state = "ready"
		js.Global().Set("bnlabWorkerState", "ok")
		r.pingSent = time.Now()
		r.w.Call("postMessage", map[string]any{"type": "ping", "id": 1})
	case "pong":
		r.rtt = time.Since(r.pingSent)
	case "progress":
		if d.Get("done").Truthy() {
			r.progress = workProgress{}
		} else {
			r.progress = workProgress{what: jsString(d, "what"), loaded: jsFloat(d, "loaded"), total: jsFloat(d, "total")}
		}
	case "frame":
		f := rframe{lesson: jsString(d, "lesson"), gen: jsInt(d, "gen"), stage: jsString(d, "stage"),
			text: jsString(d, "text"), hash: jsString(d, "hash"), err: jsString(d, "error"),
			steps: jsInt(d, "steps"), perSec: jsFloat(d, "stepsPerSec"), renderMs: jsFloat(d, "renderMs"),
			playing: d.Get("playing").Truthy()}
		if worker.Stale(f.lesson, f.gen, a.id, r.gen) {
			return // an earlier state's frame, or another lesson's
		}
		if p := d.Get("panels"); p.Type() == js.TypeObject {
			a.page.Call("panels", f.lesson, p, f.playing)
		}
		if v, err := decodeStage(a.bind, f.stage); err != nil {
			js.Global().Get("console").Call("error", "bnlab: the stage payload of "+a.id+" does not decode: "+err.Error())
		} else {
			f.view = v
		}
		for { // keep the newest frames; Update only needs the last one
			select {
			case r.frames <- f:
				return
			default:
				<-r.frames
			}
		}
	case "error":
		a.page.Call("notice", "The training worker reported: "+jsString(d, "message"))
	case "exit":
		r.state = "error: stopped"
		a.page.Call("notice", "The training worker stopped. Reload the page to start it again.")
	}
}

// latest returns the newest queued frame, if any.
func (r *remote) latest() (rframe, bool) {
	var f rframe
	ok := false
	for {
		select {
		case f = <-r.frames:
			ok = true
		default:
			return f, ok
		}
	}
}

// work decides what the page's progress line shows: the worker's own
// progress, or "working" when an answer is overdue.
func (r *remote) work(a *app) {
	want := r.progress
	if want.what == "" && r.gotGen < r.gen && time.Since(r.sentAt) > 300*time.Millisecond {
		want.what = "Working: the lesson is being set up…"
		if r.state == "starting" {
			want.what = "Starting the training engine…"
		}
	}
	if want == r.shown {
		return
	}
	r.shown = want
	if want.what == "" {
		a.page.Call("work", js.Null())
		return
	}
	a.page.Call("work", want.what, want.loaded, want.total)
}

// status is the debug overlay's line about the worker.
func (r *remote) status() string {
	switch r.state {
	case "":
		return "not started"
	case "ready":
		return fmt.Sprintf("ready (ping %.1f ms, render %.0f ms)", float64(r.rtt)/float64(time.Millisecond), r.renderMs)
	}
	return r.state
}
