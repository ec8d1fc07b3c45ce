//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"strconv"
	"syscall/js"
	"time"

	"bnlab/lessons/course"
	"bnlab/worker"
)

// runWorker is main in a Web Worker: the syscall/js glue around
// worker.Host, which hosts one lesson at a time and trains it in time
// slices (the protocol is documented in package worker).
func runWorker() {
	self := js.Global()
	msgs := make(chan worker.In, 64)
	post := func(o worker.Out) { self.Call("postMessage", o.Fields()) }
	h := worker.NewHost(worker.Config{
		New:   course.New,
		Hash:  course.EncodeHash,
		Post:  post,
		Fetch: func() bool { return fetchData(self, msgs) },
		Logf: func(format string, args ...any) {
			js.Global().Get("console").Call("error", fmt.Sprintf(format, args...))
		},
	})
	handle := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			receive(args[0].Get("data"), msgs, post) // a MessageEvent
		}
		return nil
	})
	// Messages that came before Go started wait in bnlabQueue (worker.js).
	q := self.Get("bnlabQueue")
	for i := 0; q.Truthy() && i < q.Length(); i++ {
		receive(q.Index(i), msgs, post)
	}
	self.Set("onmessage", handle)
	post(worker.Ready{})
	h.Run(context.Background(), msgs)
}

// receive decodes one message and queues it for the host; it answers a
// ping at once, never blocks and never panics on a malformed message.
func receive(msg js.Value, msgs chan worker.In, post func(worker.Out)) {
	defer func() {
		if r := recover(); r != nil {
			post(worker.Error{Message: fmt.Sprint("bad message: ", r)})
		}
	}()
	if msg.Type() != js.TypeObject {
		post(worker.Error{Message: "a message must be an object with a type"})
		return
	}
	m, err := worker.Decode(jsFields{msg})
	if err != nil {
		post(worker.Error{Message: err.Error()})
		return
	}
	if m.Kind == worker.Ping {
		post(worker.Pong{ID: m.ID, At: float64(time.Now().UnixMilli())})
		return
	}
	push(msgs, m)
}

// push queues m without blocking the JavaScript caller; a full queue drops
// its oldest message.
func push(msgs chan worker.In, m worker.In) {
	for {
		select {
		case msgs <- m:
			return
		default:
			select {
			case <-msgs:
			default:
			}
		}
	}
}

// fetchData starts downloading the MNIST images: worker.js fetches
// mnist.bin (by its hashed name) and reports byte progress itself, and the
// result arrives as a Data message. It returns false when worker.js cannot.
func fetchData(self js.Value, msgs chan worker.In) bool {
	fetch := self.Get("bnlabFetchData")
	if fetch.Type() != js.TypeFunction {
		return false
	}
	var ok, fail js.Func
	done := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(this js.Value, args []js.Value) any {
		defer done()
		b := make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(b, args[0])
		push(msgs, worker.In{Kind: worker.Data, Data: b})
		return nil
	})
	fail = js.FuncOf(func(this js.Value, args []js.Value) any {
		defer done()
		msg := "unknown error"
		if len(args) > 0 {
			if m := args[0].Get("message"); m.Type() == js.TypeString {
				msg = m.String()
			} else {
				msg = args[0].Call("toString").String()
			}
		}
		push(msgs, worker.In{Kind: worker.Data, DataErr: msg})
		return nil
	})
	fetch.Invoke().Call("then", ok, fail)
	return true
}

// jsFields reads a JavaScript message object (worker.Fields).
type jsFields struct{ v js.Value }

func (f jsFields) String(k string) string { return jsString(f.v, k) }
func (f jsFields) Float(k string) float64 { return jsFloat(f.v, k) }
func (f jsFields) Bool(k string) bool     { return f.v.Get(k).Truthy() }
func (f jsFields) Object(k string) map[string]string {
	v := f.v.Get(k)
	if v.Type() != js.TypeObject {
		return nil
	}
	out := map[string]string{}
	keys := js.Global().Get("Object").Call("keys", v)
	for i := 0; i < keys.Length(); i++ {
		key := keys.Index(i).String()
		out[key] = jsString(v, key)
	}
	return out
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
