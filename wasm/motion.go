//go:build js && wasm

package main

import "syscall/js"

// motion follows the reader's prefers-reduced-motion setting: when it asks
// for less motion, the stage's animations step to their end at once instead
// of sliding (every tick is told a long time has passed), and the page's
// <body> says so in data-motion="reduced" (the browser test reads it).
type motion struct {
	query js.Value // the MediaQueryList, or undefined
}

// reducedDT is the tick a reduced-motion stage gives its animations: far
// longer than any of them lasts, so each ends in one frame.
const reducedDT = 3600.0

// newMotion reads the setting from the page's window.
func newMotion(win js.Value) motion {
	m := motion{}
	if f := win.Get("matchMedia"); f.Type() == js.TypeFunction {
		m.query = win.Call("matchMedia", "(prefers-reduced-motion: reduce)")
	}
	return m
}

// reduced reports whether the reader asks for reduced motion now.
func (m motion) reduced() bool { return m.query.Truthy() && m.query.Get("matches").Bool() }

// tick is dt, or reducedDT when motion is reduced; it also keeps the
// page's data-motion attribute up to date.
func (m motion) tick(doc js.Value, dt float64) float64 {
	want := ""
	if m.reduced() {
		want, dt = "reduced", reducedDT
	}
	if body := doc.Get("body"); body.Truthy() && body.Get("dataset").Get("motion").String() != want && !(want == "" && body.Get("dataset").Get("motion").IsUndefined()) {
		body.Get("dataset").Set("motion", want)
	}
	return dt
}
