//go:build js && wasm

package main

import (
	"fmt"
	"runtime/debug"
	"syscall/js"
	"time"

	"bnlab/lessons"
	"bnlab/lessons/course"
	"bnlab/lessons/train"
)

// Worker timing: a slice of steps lasts at most sliceBudget, so messages
// wait at most that long; frames go out at most every frameGap while
// playing (and right after every configure, action or step).
const (
	sliceBudget = 30 * time.Millisecond
	frameGap    = 250 * time.Millisecond
)

// workerHost is the training worker's state: the hosted lesson, the play
// state and the data. Only the loop goroutine touches it (receive only
// queues messages).
type workerHost struct {
	self js.Value
	msgs chan wmsg

	id     string
	lesson lessons.Lesson
	values lessons.Values
	seed   uint64
	gen    int
	// broken is a panic recovered from the lesson; it stops stepping until
	// the next configure.
	broken  error
	lastErr string

	playing  bool
	speed    float64
	interval time.Duration
	acc      time.Duration
	lastRun  time.Time
	pause    time.Duration
	steps    int // Step calls since the last configure (the clock when the lesson does not count them)
	rate     stepRate

	ds       *train.Dataset
	fetching bool

	dirty, force bool
	lastPost     time.Time
	renderDur    time.Duration
}

func newWorkerHost(self js.Value) *workerHost {
	return &workerHost{self: self, msgs: make(chan wmsg, 64), speed: 1}
}

// post sends a message to the stage.
func (w *workerHost) post(m map[string]any) { w.self.Call("postMessage", m) }

// loop waits for messages while idle, and alternates slices of training
// with message handling while playing.
func (w *workerHost) loop() {
	for {
		var batch []wmsg
		if w.running() {
			select { // yield to the event loop so that messages arrive
			case m := <-w.msgs:
				batch = append(batch, m)
			case <-time.After(max(w.pause, time.Millisecond)):
			}
		} else {
			batch = append(batch, <-w.msgs)
		}
		for drained := false; !drained; {
			select {
			case m := <-w.msgs:
				batch = append(batch, m)
			default:
				drained = true
			}
		}
		w.handle(batch)
		if w.running() {
			w.slice()
			w.stopIfFinished(false)
		}
		if w.dirty && (w.force || !w.playing || time.Since(w.lastPost) >= max(frameGap, 2*w.renderDur)) {
			w.render()
		}
	}
}

// handle applies a batch of messages in order; a configure that a later
// configure in the same batch replaces is skipped (a dragged slider).
func (w *workerHost) handle(batch []wmsg) {
	fresh := false // a skipped configure's fresh carries over
	for i, m := range batch {
		if m.kind == "configure" {
			if laterConfigure(batch[i+1:]) {
				fresh = fresh || m.fresh
				continue
			}
			m.fresh, fresh = m.fresh || fresh, false
		}
		if m.kind != "data" {
			w.gen = max(w.gen, m.gen)
		}
		switch m.kind {
		case "configure":
			w.configure(m)
		case "reset":
			if w.lesson != nil {
				w.configure(wmsg{lesson: w.id, values: w.values, seed: w.seed, fresh: true})
			}
		case "action":
			if w.lesson != nil {
				w.report(w.guard("action "+m.key, func() error { return w.lesson.Do(m.key) }))
			}
		case "step":
			w.playing = false
			if w.canStep() {
				w.step()
			} else if w.needsData() {
				w.report(fmt.Errorf("the MNIST images are still loading; training starts once they have arrived"))
			}
		case "play":
			w.playing, w.acc, w.lastRun = m.on, 0, time.Now()
			if m.speed > 0 {
				w.speed = m.speed
			}
			w.interval = max(m.interval, 0)
			w.stopIfFinished(m.on)
		case "data":
			w.gotData(m)
		}
		w.dirty, w.force = true, true
	}
}

func laterConfigure(rest []wmsg) bool {
	for _, m := range rest {
		if m.kind == "configure" {
			return true
		}
	}
	return false
}

// configure (re)builds the hosted lesson for m's lesson, values and seed.
func (w *workerHost) configure(m wmsg) {
	fresh := m.fresh || m.lesson != w.id || w.lesson == nil
	if fresh {
		w.id, w.lesson, w.playing = m.lesson, nil, false
		var l lessons.Lesson
		err := w.guard("starting the lesson", func() (err error) { l, err = course.New(m.lesson); return err })
		if err != nil {
			w.report(err)
			return
		}
		w.lesson = l
	}
	w.values, w.seed, w.steps, w.broken = m.values, m.seed, 0, nil
	err := w.guard("configure", func() error { return w.lesson.Configure(m.values, m.seed) })
	if nd, ok := w.lesson.(train.NeedsData); ok && fresh && err == nil && w.ds != nil {
		err = w.guard("SetData", func() error { return nd.SetData(w.ds) })
	}
	w.report(err)
	w.fetchData()
}

// step runs one Step of the lesson and counts it.
func (w *workerHost) step() {
	err := w.guard("step", w.lesson.Step)
	w.steps++
	w.rate.add(1)
	w.report(err)
	if err != nil {
		w.playing = false
	}
	w.dirty = true
}

// slice runs steps for at most sliceBudget at the chosen speed and sets
// the pause before the next slice.
func (w *workerHost) slice() {
	start := time.Now()
	if w.interval == 0 { // as fast as possible; speed < 1 idles part of the time
		for first := true; w.running() && (first || time.Since(start) < sliceBudget); first = false {
			w.step()
		}
		w.pause = time.Millisecond
		if w.speed < 1 {
			w.pause = time.Duration(float64(time.Since(start)) * (1 - w.speed) / w.speed)
		}
		return
	}
	w.acc += time.Duration(float64(start.Sub(w.lastRun)) * w.speed)
	w.lastRun = start
	for w.running() && w.acc >= w.interval && time.Since(start) < sliceBudget {
		w.step()
		w.acc -= w.interval
	}
	w.acc = min(w.acc, 2*w.interval) // do not pile up steps after a slow slice
	w.pause = min(max(time.Duration(float64(w.interval-w.acc)/w.speed), time.Millisecond), frameGap)
}

// running reports whether the loop should train now.
func (w *workerHost) running() bool { return w.playing && w.canStep() }

func (w *workerHost) canStep() bool {
	return w.lesson != nil && w.broken == nil && !w.needsData()
}

// needsData reports whether the lesson waits for the MNIST images.
func (w *workerHost) needsData() bool {
	_, ok := w.lesson.(train.NeedsData)
	return ok && w.ds == nil
}

// report keeps the last error for the next frame's notice.
func (w *workerHost) report(err error) {
	if err != nil {
		w.lastErr = err.Error()
	} else {
		w.lastErr = ""
	}
}

// guard runs f, turning a panic into an error (and the lesson into a
// broken one that does not step again until it is configured).
func (w *workerHost) guard(where string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			js.Global().Get("console").Call("error", fmt.Sprintf("bnlab worker: panic in %s: %v\n%s", where, r, debug.Stack()))
			err = fmt.Errorf("the engine hit an internal error in %s (%v); change a setting or reset to start again", where, r)
			w.broken, w.playing = err, false
		}
	}()
	return f()
}

// stepRate measures steps per second over windows of about a second.
type stepRate struct {
	start, prev time.Time
	n           int
	last        float64
}

func (r *stepRate) add(n int) {
	now := time.Now()
	if now.Sub(r.prev) > time.Second { // after a pause, start a new window
		r.start, r.n = now, 0
	}
	r.prev = now
	r.n += n
	if d := now.Sub(r.start); d >= time.Second {
		r.last = float64(r.n) / d.Seconds()
		r.start, r.n = now, 0
	}
}

// perSec is the last measured rate, or 0 when no step ran for 2 seconds.
func (r *stepRate) perSec() float64 {
	if time.Since(r.prev) > 2*time.Second {
		return 0
	}
	return r.last
}
