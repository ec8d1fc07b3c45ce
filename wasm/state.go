//go:build js && wasm

package main

import (
	"bnlab/lessons"
	"bnlab/lessons/course"
)

// clockKeys are the values that Reset returns to their defaults: the
// lesson's clock (which step is shown, how many batches or training steps
// have run), not the student's settings.
var clockKeys = map[string]bool{"step": true, "batches": true, "steps": true}

// loadFromHash reads the parent's URL hash, selects and configures the
// lesson it names, and shows a notice for every value that had to be
// clamped or ignored.
func (a *app) loadFromHash() {
	hash := a.win.Get("location").Get("hash").String()
	if a.lesson != nil && hash == a.hashWritten() {
		return
	}
	if hash == lessons.OverviewHash && a.lesson != nil {
		return // the course overview: the lesson behind it stays as it was
	}
	st, notes := course.ParseHash(hash)
	if st.Lesson != a.id || a.lesson == nil {
		a.switchLesson(st.Lesson)
	}
	a.seed = st.Seed
	if a.lesson == nil {
		a.page.Call("notice", noticeText(notes))
		return // the lesson could not be built: its prose shows, no controls
	}
	a.values = st.Values
	if len(a.values) == 0 {
		a.values = lessons.Defaults(a.ctrls)
	}
	a.configure()
	a.writeHash()
	if len(notes) > 0 {
		a.page.Call("notice", "Some values in the address were adjusted: "+noticeText(notes))
	} else if a.lastErr == "" {
		a.page.Call("notice", "")
	}
}

// switchLesson replaces the current lesson, its controls and its bindings.
func (a *app) switchLesson(id string) {
	a.playing = false
	a.sendPlay() // the worker stops training the lesson we leave
	a.id = id
	a.bind = binderFor(id)
	a.lesson = controlsOnly(id) // the worker builds the real one
	if a.bind == nil || a.lesson == nil {
		// an id the course does not know (the hash parser never gives
		// one): show the first lesson instead of an empty stage.
		if first := course.FirstLesson(); id != first {
			a.switchLesson(first)
			return
		}
	}
	a.view, a.rtext = nil, ""
	a.ctrls = nil
	a.values = nil
	if a.lesson != nil {
		a.ctrls = a.lesson.Controls()
	}
	a.buildControls()
	a.dirty = true
}

// configure rebuilds the lesson from its values and seed.
func (a *app) configure() {
	if a.lesson == nil {
		return
	}
	a.remote.configure(a, a.id, a.values, a.seed, a.resetting)
	a.syncControls()
	a.dirty = true
}

// setValue applies one control change: normalise, reconfigure, update the hash.
func (a *app) setValue(key, v string) {
	if a.lesson == nil {
		return
	}
	next := lessons.Values{}
	for k, x := range a.values {
		next[k] = x
	}
	next[key] = v
	norm, notes := lessons.Normalize(a.ctrls, next)
	a.values = norm
	a.configure()
	if len(notes) > 0 {
		a.page.Call("notice", noticeText(notes))
		a.lastErr = "notice"
	}
	a.writeHash()
}

// reset returns the lesson's clock to its start, keeping the settings.
func (a *app) reset() {
	if a.lesson == nil {
		return
	}
	defaults := lessons.Defaults(a.ctrls)
	for k := range clockKeys {
		if d, ok := defaults[k]; ok {
			a.values[k] = d
		}
	}
	a.resetting = true // the worker starts the lesson again from a new instance
	a.configure()
	a.resetting = false
	a.writeHash()
}

// hashWritten is the hash the current state encodes to.
func (a *app) hashWritten() string {
	if a.lesson == nil {
		return ""
	}
	return "#" + course.EncodeHash(lessons.State{Lesson: a.id, Seed: a.seed, Values: a.values})
}

// writeHash replaces the parent's URL without adding a history entry.
func (a *app) writeHash() {
	h := a.hashWritten()
	if h == "" || h == a.win.Get("location").Get("hash").String() {
		return
	}
	a.win.Get("history").Call("replaceState", nil, "", h)
}
