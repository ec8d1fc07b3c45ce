//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"
	"time"
)

// runWorker is main in a Web Worker: it answers messages from the page.
// Training lessons will run their engine steps here; for now it answers
// "ping" so that the page can check the worker path end to end.
func runWorker() {
	self := js.Global()
	handle := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			workerHandle(self, args[0].Get("data")) // a MessageEvent
		}
		return nil
	})
	// Messages that came before Go started wait in bnlabQueue (worker.js).
	q := self.Get("bnlabQueue")
	for i := 0; q.Truthy() && i < q.Length(); i++ {
		workerHandle(self, q.Index(i))
	}
	self.Set("onmessage", handle)
	self.Call("postMessage", map[string]any{"type": "ready"})
	select {}
}

// workerHandle answers one message; it never panics on a malformed one.
func workerHandle(self, msg js.Value) {
	defer func() {
		if r := recover(); r != nil {
			self.Call("postMessage", map[string]any{"type": "error", "message": fmt.Sprint(r)})
		}
	}()
	if msg.Type() != js.TypeObject {
		self.Call("postMessage", map[string]any{"type": "error", "message": "a message must be an object with a type"})
		return
	}
	switch t := msg.Get("type").String(); t {
	case "ping":
		self.Call("postMessage", map[string]any{"type": "pong", "id": msg.Get("id"), "at": float64(time.Now().UnixMilli())})
	default:
		self.Call("postMessage", map[string]any{"type": "error", "message": "unknown message type " + t})
	}
}

// workerProbe starts the training worker from the stage and measures a
// ping round trip; the debug overlay shows the result.
type workerProbe struct {
	w       js.Value
	fn      js.Func
	sent    time.Time
	state   string
	rtt     time.Duration
	started bool
}

func (p *workerProbe) start() {
	if p.started {
		return
	}
	p.started = true
	mk := js.Global().Get("bnlabStartWorker")
	if mk.Type() != js.TypeFunction {
		p.state = "unavailable"
		return
	}
	p.state = "loading"
	p.w = mk.Invoke()
	p.fn = js.FuncOf(func(this js.Value, args []js.Value) any {
		data := args[0].Get("data")
		switch data.Get("type").String() {
		case "ready":
			p.sent = time.Now()
			p.w.Call("postMessage", map[string]any{"type": "ping", "id": 1})
		case "pong":
			p.rtt = time.Since(p.sent)
			p.state = "ok"
		case "error":
			p.state = "error: " + data.Get("message").String()
		}
		return nil
	})
	p.w.Set("onmessage", p.fn)
	js.Global().Set("bnlabWorkerState", "loading")
}

func (p *workerProbe) status() string {
	switch p.state {
	case "":
		return "not started"
	case "ok":
		js.Global().Set("bnlabWorkerState", "ok")
		return fmt.Sprintf("ok (ping %.1f ms)", float64(p.rtt)/float64(time.Millisecond))
	}
	return p.state
}
