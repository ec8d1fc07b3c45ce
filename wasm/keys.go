//go:build js && wasm

package main

import (
	"syscall/js"

	"bnlab/lessons"
)

// bindTransport wires play/pause, step, reset and speed in the page.
func (a *app) bindTransport() {
	d := a.dom
	a.listen(d.byID("play"), "click", func(js.Value) { a.push(event{kind: evPlay}) })
	a.listen(d.byID("step"), "click", func(js.Value) { a.push(event{kind: evStep}) })
	a.listen(d.byID("reset"), "click", func(js.Value) { a.push(event{kind: evReset}) })
	sel := d.byID("speed")
	a.listen(sel, "change", func(js.Value) { a.push(event{kind: evSpeed, value: sel.Get("value").String()}) })
}

// bindKeys handles the shortcuts on the page (keys pressed in the stage are
// forwarded there by stage.js). Help, debug and lesson paging live in main.js.
func (a *app) bindKeys() {
	a.listen(a.dom.doc, "keydown", func(e js.Value) {
		if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
			return
		}
		if t := e.Get("target"); t.Truthy() && t.Get("tagName").Truthy() {
			switch t.Get("tagName").String() {
			case "INPUT", "SELECT", "TEXTAREA":
				return
			case "BUTTON", "A":
				if k := e.Get("key").String(); k == " " || k == "Enter" {
					return // let buttons and links keep their own Space/Enter
				}
			}
		}
		ev, ok := a.keyEvent(e.Get("key").String())
		if !ok {
			return
		}
		e.Call("preventDefault")
		a.push(ev)
	})
}

// keyEvent maps a key to the event it stands for.
func (a *app) keyEvent(key string) (event, bool) {
	for _, c := range a.ctrls {
		if c.Kind == lessons.Action && c.Shortcut != "" && c.Shortcut == key {
			return event{kind: evAction, key: c.Key}, true
		}
	}
	switch key {
	case " ":
		return event{kind: evPlay}, true
	case "ArrowRight", ".":
		return event{kind: evStep}, true
	case "0", "Home":
		return event{kind: evReset}, true
	case "+", "=":
		return event{kind: evFaster}, true
	case "-", "_":
		return event{kind: evSlower}, true
	}
	return event{}, false
}

// nudgeSpeed moves the speed select one notch and applies it.
func (a *app) nudgeSpeed(faster bool) {
	sel := a.dom.byID("speed")
	i := 0
	for j, s := range speeds {
		if s == sel.Get("value").String() {
			i = j
		}
	}
	if faster && i+1 < len(speeds) {
		i++
	} else if !faster && i > 0 {
		i--
	}
	sel.Set("value", speeds[i])
	a.apply(event{kind: evSpeed, value: speeds[i]})
}
