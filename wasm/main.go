//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	if js.Global().Get("WorkerGlobalScope").Truthy() || js.Global().Get("document").IsUndefined() {
		runWorker()
		return
	}
	a, err := newApp()
	if err != nil {
		reportError(err.Error())
		select {} // keep the page's error visible; the Go program stays idle
	}
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
