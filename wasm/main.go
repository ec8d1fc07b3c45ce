//go:build js && wasm

package main

import (
	"fmt"
	"runtime/debug"
	"syscall/js"
)

func main() {
	if js.Global().Get("WorkerGlobalScope").Truthy() || js.Global().Get("document").IsUndefined() {
		runWorker()
		return
	}
	mark("go-main")
	// The stage's live heap is small (a few MB), so the default GOGC would
	// collect several times a second, each time inside a frame; collect
	// when the heap has grown eightfold instead.
	debug.SetGCPercent(800)
	a, err := newApp()
	if err != nil {
		reportError(err.Error())
		select {} // keep the page's error visible; the Go program stays idle
	}
	mark("app")
	if err := a.run(); err != nil {
		a.fail(err.Error())
		select {}
	}
}

// reportError shows msg in the parent page's error box, or in the console
// when there is no page to report to.
func reportError(msg string) {
	p := js.Global().Get("bnlabPage")
	if p.Truthy() {
		p.Call("fail", msg)
		return
	}
	js.Global().Get("console").Call("error", fmt.Sprint("bnlab: ", msg))
}
