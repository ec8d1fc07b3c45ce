//go:build js && wasm

package main

import "syscall/js"

// dom wraps the parent page's document with the few helpers the bindings use.
type dom struct{ doc js.Value }

// byID returns the element with the given id, or a falsy value.
func (d dom) byID(id string) js.Value { return d.doc.Call("getElementById", id) }

// query returns the first element matching sel under root (the document when root is undefined).
func (d dom) query(root js.Value, sel string) js.Value {
	if !root.Truthy() {
		root = d.doc
	}
	return root.Call("querySelector", sel)
}

// queryAll returns every element matching sel under root as a Go slice.
func (d dom) queryAll(root js.Value, sel string) []js.Value {
	if !root.Truthy() {
		root = d.doc
	}
	list := root.Call("querySelectorAll", sel)
	out := make([]js.Value, list.Length())
	for i := range out {
		out[i] = list.Index(i)
	}
	return out
}

// el creates an element with attributes given as name, value pairs.
func (d dom) el(tag string, attrs ...string) js.Value {
	e := d.doc.Call("createElement", tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		e.Call("setAttribute", attrs[i], attrs[i+1])
	}
	return e
}

// text creates an element holding plain text.
func (d dom) text(tag, s string, attrs ...string) js.Value {
	e := d.el(tag, attrs...)
	e.Set("textContent", s)
	return e
}

// setText sets textContent only when it changed, so screen readers and
// layout are not disturbed by identical writes.
func setText(e js.Value, s string) {
	if !e.Truthy() {
		return
	}
	if e.Get("textContent").String() != s {
		e.Set("textContent", s)
	}
}

// clear removes every child of e.
func clear(e js.Value) {
	if e.Truthy() {
		e.Set("textContent", "")
	}
}
