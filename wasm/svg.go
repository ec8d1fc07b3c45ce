//go:build js && wasm

package main

import (
	"regexp"
	"strings"
	"syscall/js"
)

var styleAttr = regexp.MustCompile(`style="([^"]*)"`)

// cspSafeSVG rewrites inline style="a:b;c:d" attributes into SVG
// presentation attributes a="b" c="d": the page's Content-Security-Policy
// (style-src 'self') refuses inline style attributes, but presentation
// attributes are not styles and are allowed.
func cspSafeSVG(svg string) string {
	return styleAttr.ReplaceAllStringFunc(svg, func(m string) string {
		body := styleAttr.FindStringSubmatch(m)[1]
		var out []string
		for _, decl := range strings.Split(body, ";") {
			k, v, ok := strings.Cut(decl, ":")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok || k == "" || strings.ContainsAny(v, `"<>`) {
				continue
			}
			out = append(out, k+`="`+v+`"`)
		}
		return strings.Join(out, " ")
	})
}

// shownSVG remembers what each chart box shows, by its key.
var shownSVG = map[string]string{}

// setSVG puts an SVG document into box (named key) when it changed.
func setSVG(key string, box js.Value, svg string) {
	if svg == "" {
		return
	}
	if i := strings.Index(svg, "<svg"); i > 0 {
		svg = svg[i:] // drop the XML prolog and doctype
	}
	safe := cspSafeSVG(svg)
	if shownSVG[key] == safe {
		return
	}
	shownSVG[key] = safe
	box.Set("innerHTML", safe)
}
