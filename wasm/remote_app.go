//go:build js && wasm

package main

import (
	"bnlab/lessons/course"
)

// applyFrame shows the newest frame of a remote lesson: the decoded stage
// payload becomes the view, its text the stage's description; the worker's
// play state, errors and URL state are mirrored. Stale frames (an earlier
// gen, another lesson) were already dropped by remote.receive.
func (a *app) applyFrame() {
	f, ok := a.remote.latest()
	if !ok || f.lesson != a.id || f.gen < a.remote.gen {
		return
	}
	r := &a.remote
	r.steps, r.perSec, r.renderMs, r.gotGen = f.steps, f.perSec, f.renderMs, f.gen
	if f.view != nil {
		a.view = f.view // decoded by remote.receive, outside the frame
	}
	a.rtext = f.text
	if p, ok := a.bind.(*textStage); ok {
		p.text = f.text
	}
	if a.playing && !f.playing {
		a.playing = false // the worker stopped (an error, or the lesson ended)
	}
	if f.err != "" {
		a.page.Call("notice", f.err)
		a.lastErr = f.err
	} else if a.lastErr != "" && a.lastErr != "notice" {
		a.page.Call("notice", "")
		a.lastErr = ""
	}
	if f.hash != "" && f.hash != a.hashWritten() {
		st, _ := course.ParseHash(f.hash)
		if st.Lesson == a.id {
			a.values, a.seed = st.Values, st.Seed
			a.syncControls()
			a.writeHash()
		}
	}
	a.dirty = true
}
