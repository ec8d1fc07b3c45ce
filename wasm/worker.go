//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"syscall/js"
	"time"

	"bnlab/lessons"
)

// The training worker's message protocol (web/worker.js starts it; the
// stage's remote.go talks to it). Stage → worker:
//
//	{type:"configure", lesson, values:{key:value}, seed:"decimal", fresh?, gen}
//	  (fresh: build a new lesson even if only the settings changed: Reset)
//	{type:"action", key, gen}   {type:"step", gen}   {type:"reset", gen}
//	{type:"play", on, speed, interval (ms per step at speed 1; 0: as fast as possible), gen}
//	{type:"ping", id}
//
// Worker → stage:
//
//	{type:"ready"}   {type:"pong", id, at}
//	{type:"frame", lesson, gen, panels:{elementId: html}, stage: JSON string,
//	 text, steps, stepsPerSec, renderMs, playing, hash?, error?}
//	{type:"progress", what, loaded, total}   (total 0: unknown; done: true ends it)
//	{type:"error", message}   (the worker itself failed; frames report lesson errors)
//
// gen is the stage's counter of state-changing messages; every frame carries
// the gen of the last message the worker applied, so the stage drops frames
// that an earlier state produced.

// wmsg is one decoded message from the stage.
type wmsg struct {
	kind     string
	lesson   string
	values   lessons.Values
	seed     uint64
	key      string
	gen      int
	on       bool
	speed    float64
	interval time.Duration
	fresh    bool

	// data delivery (from the MNIST fetch, not from the stage)
	data    []byte
	dataErr string
}

// runWorker is main in a Web Worker: it hosts one lesson at a time and
// trains it in time slices, answering messages between slices.
func runWorker() {
	self := js.Global()
	w := newWorkerHost(self)
	handle := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			w.receive(args[0].Get("data")) // a MessageEvent
		}
		return nil
	})
	// Messages that came before Go started wait in bnlabQueue (worker.js).
	q := self.Get("bnlabQueue")
	for i := 0; q.Truthy() && i < q.Length(); i++ {
		w.receive(q.Index(i))
	}
	self.Set("onmessage", handle)
	w.post(map[string]any{"type": "ready"})
	w.loop()
}

// receive decodes one message and queues it for the loop; it never blocks
// and never panics on a malformed message.
func (w *workerHost) receive(msg js.Value) {
	defer func() {
		if r := recover(); r != nil {
			w.post(map[string]any{"type": "error", "message": fmt.Sprint("bad message: ", r)})
		}
	}()
	if msg.Type() != js.TypeObject {
		w.post(map[string]any{"type": "error", "message": "a message must be an object with a type"})
		return
	}
	m := wmsg{kind: jsString(msg, "type"), gen: jsInt(msg, "gen")}
	switch m.kind {
	case "ping":
		w.post(map[string]any{"type": "pong", "id": msg.Get("id"), "at": float64(time.Now().UnixMilli())})
		return
	case "configure":
		m.lesson = jsString(msg, "lesson")
		m.seed, _ = strconv.ParseUint(jsString(msg, "seed"), 10, 64)
		m.fresh = msg.Get("fresh").Truthy()
		m.values = lessons.Values{}
		if v := msg.Get("values"); v.Type() == js.TypeObject {
			keys := js.Global().Get("Object").Call("keys", v)
			for i := 0; i < keys.Length(); i++ {
				k := keys.Index(i).String()
				m.values[k] = jsString(v, k)
			}
		}
	case "action":
		m.key = jsString(msg, "key")
	case "play":
		m.on = msg.Get("on").Truthy()
		m.speed = jsFloat(msg, "speed")
		m.interval = time.Duration(jsFloat(msg, "interval") * float64(time.Millisecond))
	case "step", "reset":
	default:
		w.post(map[string]any{"type": "error", "message": "unknown message type " + strconv.Quote(m.kind)})
		return
	}
	w.push(m)
}

// push queues m without blocking the JavaScript caller; a full queue drops
// the oldest message but never a configure (the loop coalesces those).
func (w *workerHost) push(m wmsg) {
	for {
		select {
		case w.msgs <- m:
			return
		default:
			select {
			case <-w.msgs:
			default:
			}
		}
	}
}

func jsString(v js.Value, k string) string {
	x := v.Get(k)
	if x.Type() == js.TypeString {
		return x.String()
	}
	switch x.Type() {
	case js.TypeNumber:
		return strconv.FormatFloat(x.Float(), 'g', -1, 64)
	case js.TypeBoolean:
		return strconv.FormatBool(x.Bool())
	}
	return ""
}

func jsFloat(v js.Value, k string) float64 {
	if x := v.Get(k); x.Type() == js.TypeNumber {
		return x.Float()
	}
	return 0
}

func jsInt(v js.Value, k string) int { return int(jsFloat(v, k)) }
