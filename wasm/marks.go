//go:build js && wasm

package main

import "syscall/js"

// mark records a User Timing mark named "bnlab:"+name on the parent page's
// clock (the lesson page's performance timeline, zero at its navigation), so
// that the load's stages (stage.js marks fetch, compile and go.run; the Go
// program its init, first frame and ready) line up with its paint entries in
// DevTools and in cmd/pagebench.
func mark(name string) {
	defer func() { _ = recover() }() // no parent performance API: no marks
	p := js.Global().Get("parent")
	if !p.Truthy() {
		p = js.Global()
	}
	if perf := p.Get("performance"); perf.Truthy() && perf.Get("mark").Type() == js.TypeFunction {
		perf.Call("mark", "bnlab:"+name)
	}
}
