//go:build js && wasm

package main

import (
	"syscall/js"

	"bnlab/lessons/pages"
)

// shownSVG remembers what each chart box shows, by its key.
var shownSVG = map[string]string{}

// setSVG puts an SVG document into box (named key) when it changed.
func setSVG(key string, box js.Value, svg string) {
	if svg == "" {
		return
	}
	safe := pages.CSPSafeSVG(svg) // also drops the XML prolog and doctype
	if shownSVG[key] == safe {
		return
	}
	shownSVG[key] = safe
	box.Set("innerHTML", safe)
}
