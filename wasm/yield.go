//go:build js && wasm

package main

import "syscall/js"

// yieldToBrowser lets the browser run its queued work (paint, input, the
// page's own scripts) before the Go program goes on: it blocks until a
// zero-delay timeout fires, so that the start-up, which runs on the page's
// main thread (the stage's iframe is same-origin), is split into several
// short tasks instead of one long one.
func yieldToBrowser() {
	done := make(chan struct{})
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		close(done)
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
	<-done
}
