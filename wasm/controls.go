//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"syscall/js"

	"bnlab/lessons"
)

// buildControls draws the lesson's controls into #controls from their
// declarations: every input has a visible label, its hint is linked with
// aria-describedby, and every change only records an event.
func (a *app) buildControls() {
	form := a.dom.byID("controls")
	clear(form)
	for _, f := range a.funcs[a.ctrlStart:] {
		f.Release() // the old controls' callbacks; their elements are gone
	}
	a.funcs = a.funcs[:a.ctrlStart]
	var actions js.Value
	for _, c := range a.ctrls {
		if c.Kind == lessons.Action {
			if !actions.Truthy() {
				actions = a.dom.el("div", "class", "actions", "role", "group", "aria-label", "Actions")
				form.Call("appendChild", actions)
			}
			actions.Call("appendChild", a.actionButton(c))
			continue
		}
		form.Call("appendChild", a.control(c))
	}
	if actions.Truthy() {
		form.Call("appendChild", actions) // actions go last
	}
	a.dom.byID("help-extra").Set("textContent", a.shortcutHelp())
}

// control builds one labelled input for c.
func (a *app) control(c lessons.Control) js.Value {
	d := a.dom
	id := "c-" + c.Key
	box := d.el("div", "class", "control", "data-key", c.Key)
	head := d.el("div", "class", "label")
	label := d.text("label", c.Label, "for", id)
	head.Call("appendChild", label)
	box.Call("appendChild", head)
	var input js.Value
	key := c.Key
	switch c.Kind {
	case lessons.Slider, lessons.LogSlider:
		out := d.el("output", "id", "o-"+c.Key, "for", id, "aria-hidden", "true")
		head.Call("appendChild", out)
		lo, hi, step := c.Min, c.Max, c.Step
		if c.Kind == lessons.LogSlider {
			lo, hi, step = math.Log10(c.Min), math.Log10(c.Max), 0.01
		}
		if step <= 0 {
			step = (hi - lo) / 100
		}
		input = d.el("input", "type", "range", "id", id, "min", fmtNum(lo), "max", fmtNum(hi), "step", fmtNum(step))
		log := c.Kind == lessons.LogSlider
		a.listen(input, "input", func(js.Value) {
			v := input.Get("value").String()
			if log {
				f, _ := strconv.ParseFloat(v, 64)
				v = fmtLog(math.Pow(10, f))
				input.Call("setAttribute", "aria-valuetext", v) // not the exponent
			}
			setText(out, v)
			a.push(event{kind: evControl, key: key, value: v})
		})
	case lessons.Choice:
		input = d.el("select", "id", id)
		for _, o := range c.Options {
			opt := d.text("option", o.Label, "value", o.Value)
			input.Call("appendChild", opt)
		}
		a.listen(input, "change", func(js.Value) {
			a.push(event{kind: evControl, key: key, value: input.Get("value").String()})
		})
	case lessons.Toggle:
		box.Get("classList").Call("add", "toggle")
		input = d.el("input", "type", "checkbox", "id", id)
		a.listen(input, "change", func(js.Value) {
			v := "0"
			if input.Get("checked").Bool() {
				v = "1"
			}
			a.push(event{kind: evControl, key: key, value: v})
		})
	case lessons.Numbers:
		box.Get("classList").Call("add", "wide")
		input = d.el("input", "type", "text", "id", id, "inputmode", "decimal", "autocomplete", "off", "spellcheck", "false", "placeholder", "e.g. 3, 5, 7, 9")
		a.listen(input, "change", func(js.Value) {
			a.push(event{kind: evControl, key: key, value: input.Get("value").String()})
		})
	}
	box.Call("appendChild", input)
	if c.Help != "" {
		hint := d.text("span", c.Help, "class", "hint", "id", "h-"+c.Key)
		input.Call("setAttribute", "aria-describedby", "h-"+c.Key)
		box.Call("appendChild", hint)
	}
	return box
}

// actionButton builds the button of an Action control.
func (a *app) actionButton(c lessons.Control) js.Value {
	b := a.dom.text("button", c.Label, "type", "button", "id", "a-"+c.Key)
	if c.Help != "" {
		b.Call("setAttribute", "title", c.Help)
	}
	if c.Shortcut != "" {
		b.Call("setAttribute", "aria-keyshortcuts", c.Shortcut)
		b.Call("appendChild", a.dom.text("kbd", c.Shortcut, "aria-hidden", "true", "class", "inline-key"))
	}
	key := c.Key
	a.listen(b, "click", func(js.Value) { a.push(event{kind: evAction, key: key}) })
	return b
}

// syncControls writes the current (normalised) values back into the inputs,
// e.g. after a clamp or when the hash restored a state.
func (a *app) syncControls() {
	for _, c := range a.ctrls {
		if c.Kind == lessons.Action {
			continue
		}
		input := a.dom.byID("c-" + c.Key)
		if !input.Truthy() {
			continue
		}
		v := a.values[c.Key]
		switch c.Kind {
		case lessons.Slider:
			input.Set("value", v)
			setText(a.dom.byID("o-"+c.Key), v)
		case lessons.LogSlider:
			f, err := strconv.ParseFloat(v, 64)
			if err == nil && f > 0 {
				input.Set("value", fmtNum(math.Log10(f)))
				input.Call("setAttribute", "aria-valuetext", v)
			}
			setText(a.dom.byID("o-"+c.Key), v)
		case lessons.Toggle:
			input.Set("checked", v == "1")
		default:
			if a.dom.doc.Get("activeElement").Equal(input) && c.Kind == lessons.Numbers {
				continue // do not rewrite what the student is typing
			}
			input.Set("value", v)
		}
	}
}

// shortcutHelp lists the lesson's own action shortcuts for the help panel.
func (a *app) shortcutHelp() string {
	s := ""
	for _, c := range a.ctrls {
		if c.Kind == lessons.Action && c.Shortcut != "" {
			if s != "" {
				s += ", "
			}
			s += c.Shortcut + ": " + c.Label
		}
	}
	if s == "" {
		return ""
	}
	return "In this lesson: " + s + "."
}

// fmtNum prints a number without trailing zeros.
func fmtNum(f float64) string { return strconv.FormatFloat(f, 'g', 6, 64) }

// fmtLog prints a log-slider value with two significant digits (1e-05, 0.0032).
func fmtLog(f float64) string { return strconv.FormatFloat(f, 'g', 2, 64) }
