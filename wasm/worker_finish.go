//go:build js && wasm

package main

import (
	"fmt"

	"bnlab/lessons"
)

// finished reports whether the hosted lesson has ended: only a lesson with
// a fixed budget (lessons.Finite) ends.
func (w *workerHost) finished() bool {
	f, ok := w.lesson.(lessons.Finite)
	if !ok || !w.canStep() {
		return false
	}
	done := false
	if err := w.guard("Done", func() error { done = f.Done(); return nil }); err != nil {
		return false
	}
	return done
}

// stopIfFinished ends play once the lesson has finished; starting play on a
// finished lesson says why nothing happens.
func (w *workerHost) stopIfFinished(starting bool) {
	if !w.playing || !w.finished() {
		return
	}
	w.playing, w.dirty = false, true
	if starting {
		w.report(fmt.Errorf("this run has finished: change a setting, or press Reset to run it again"))
	}
}
