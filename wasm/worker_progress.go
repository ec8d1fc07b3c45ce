//go:build js && wasm

package main

import (
	"fmt"
	"reflect"
)

// A worker lesson's progress is read from its view model, by a convention
// the views follow (no change to the Lesson contract): an exported int
// field Step is the lesson's own count of training steps done, which the
// page's clock shows even when a configure kept the lesson's state
// (train-eval's mode toggle, a histograms layer change); an exported bool
// field Done is true once a lesson with a fixed budget has finished
// (overfitting after its steps, mistakes after its experiment), and the
// worker then stops playing, so the page's Play button returns to paused.

// viewProgress is what a view says about the lesson's progress.
type viewProgress struct {
	step    int
	hasStep bool
	done    bool
	hasDone bool
}

// progressFields caches, per view type, the index paths of Step and Done
// (nil: the type has no such field).
var progressFields = map[reflect.Type][2][]int{}

// progressOf reads Step and Done from view (a struct or a pointer to one;
// anything else has neither).
func progressOf(view any) viewProgress {
	v := reflect.ValueOf(view)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return viewProgress{}
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return viewProgress{}
	}
	idx, ok := progressFields[v.Type()]
	if !ok {
		idx[0] = fieldOfKind(v.Type(), "Step", reflect.Int)
		idx[1] = fieldOfKind(v.Type(), "Done", reflect.Bool)
		progressFields[v.Type()] = idx
	}
	var p viewProgress
	if idx[0] != nil {
		p.step, p.hasStep = int(v.FieldByIndex(idx[0]).Int()), true
	}
	if idx[1] != nil {
		p.done, p.hasDone = v.FieldByIndex(idx[1]).Bool(), true
	}
	return p
}

// fieldOfKind returns the index path of t's exported field name when it
// has kind k, or nil.
func fieldOfKind(t reflect.Type, name string, k reflect.Kind) []int {
	f, ok := t.FieldByName(name)
	if !ok || !f.IsExported() || f.Type.Kind() != k {
		return nil
	}
	return f.Index
}

// finished reports whether the hosted lesson has ended. It computes the
// view only for a lesson whose last rendered view had a Done field, so
// lessons that never end pay nothing.
func (w *workerHost) finished() bool {
	if !w.canFinish || !w.canStep() {
		return false
	}
	var p viewProgress
	if err := w.guard("View", func() error { p = progressOf(w.lesson.View()); return nil }); err != nil {
		return false
	}
	return p.done
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
