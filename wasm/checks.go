//go:build js && wasm

package main

import "syscall/js"

// bindChecks listens, once for the whole page, for a check's form being
// submitted (pages.CheckForm): the prediction goes to the lesson in the
// worker, whose next frame carries the verdict in the form's feedback
// panel. The form's own validation (a required input) runs first; the
// page never reloads.
func (a *app) bindChecks() {
	a.listen(a.dom.doc, "submit", func(e js.Value) {
		form := e.Get("target")
		if !form.Truthy() || !form.Call("hasAttribute", "data-check").Bool() {
			return
		}
		e.Call("preventDefault")
		id := form.Call("getAttribute", "data-check").String()
		pred := a.win.Get("FormData").New(form).Call("get", "prediction")
		value := ""
		if pred.Type() == js.TypeString {
			value = pred.String()
		}
		a.push(event{kind: evCheck, key: id, value: value})
	})
}
