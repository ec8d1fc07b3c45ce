package pages

import (
	"html"
	"regexp"
	"strings"
)

// styleAttr matches an inline style attribute, as gonum's SVG writer emits.
var styleAttr = regexp.MustCompile(`style="([^"]*)"`)

// CSPSafeSVG rewrites inline style="a:b;c:d" attributes of an SVG document
// into SVG presentation attributes a="b" c="d", and drops the XML prolog
// and doctype before the <svg> root. The page's Content-Security-Policy
// (style-src 'self') refuses inline style attributes; presentation
// attributes are not styles and are allowed. Declarations whose value
// holds a quote or an angle bracket are dropped.
func CSPSafeSVG(svg string) string {
	if i := strings.Index(svg, "<svg"); i > 0 {
		svg = svg[i:]
	}
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

// Figure wraps a chart's SVG (made CSP-safe) in a <figure> with an escaped
// caption; an empty caption gives no <figcaption>.
func Figure(svg []byte, caption string) string {
	var b strings.Builder
	b.WriteString(`<figure class="chart-figure">`)
	b.WriteString(CSPSafeSVG(string(svg)))
	if caption != "" {
		b.WriteString("<figcaption>" + html.EscapeString(caption) + "</figcaption>")
	}
	b.WriteString("</figure>")
	return b.String()
}
