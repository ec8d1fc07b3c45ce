package main

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// csp allows only what the page uses: its own scripts, styles, frames and
// workers, wasm compilation ('wasm-unsafe-eval', not 'unsafe-eval'), and
// images from data: and blob: URLs (charts rendered as images).
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data: blob:; worker-src 'self'; frame-src 'self'; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

// setSecurityHeaders sets the headers every response carries. The site
// may be framed by itself and by embedOrigins (course pages that embed a
// lesson with ?embed=1, given with -embed-origins); X-Frame-Options, which
// cannot name other origins, is sent only when there are none.
func setSecurityHeaders(h http.Header, embedOrigins []string) {
	if len(embedOrigins) == 0 {
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "SAMEORIGIN")
	} else {
		h.Set("Content-Security-Policy", csp+" "+strings.Join(embedOrigins, " "))
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// parseOrigins reads -embed-origins: space- or comma-separated origins
// such as https://moodle.example.edu (scheme and host, optional port, no
// path), the only form a CSP frame-ancestors source may take here.
func parseOrigins(list string) ([]string, error) {
	var out []string
	for _, o := range strings.FieldsFunc(list, func(r rune) bool { return r == ' ' || r == ',' }) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil ||
			strings.ContainsAny(o, "';\"") {
			return nil, fmt.Errorf("-embed-origins: %q is not an origin such as https://lms.example.edu", o)
		}
		out = append(out, u.Scheme+"://"+u.Host)
	}
	return out, nil
}

// types are the content types of the files the site holds; others come from
// the mime package, then application/octet-stream.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".txt":         "text/plain; charset=utf-8",
	".bin":         "application/octet-stream",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
}

// contentType is the Content-Type for a file name.
func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// negotiate picks the encoding for a response among those the asset has and
// the Accept-Encoding header accepts (q > 0): the highest q-value wins, ties
// go to br, then gzip, then identity. Identity not named in the header (nor
// by "*") is acceptable with the lowest preference. ok is false when nothing
// acceptable exists.
func negotiate(accept string, a *asset) (r rep, ok bool) {
	q := parseAcceptEncoding(accept)
	weight := func(coding string) float64 {
		if v, ok := q[coding]; ok {
			return v
		}
		if v, ok := q["*"]; ok {
			return v
		}
		if coding == "identity" {
			return 1e-9
		}
		return 0
	}
	id, br, gz := a.reps()
	best := weight("identity")
	r, ok = id, best > 0
	if w := max(weight("gzip"), weight("x-gzip")); gz.body != nil && w > 0 && w >= best {
		r, ok, best = gz, true, w
	}
	if w := weight("br"); br.body != nil && w > 0 && w >= best {
		r, ok = br, true
	}
	if !ok {
		r = rep{}
	}
	return r, ok
}

// parseAcceptEncoding maps each coding in an Accept-Encoding header to its
// q-value (1 when absent, 0 when malformed).
func parseAcceptEncoding(h string) map[string]float64 {
	q := map[string]float64{}
	for _, part := range strings.Split(h, ",") {
		fields := strings.Split(part, ";")
		coding := strings.ToLower(strings.TrimSpace(fields[0]))
		if coding == "" {
			continue
		}
		v := 1.0
		for _, p := range fields[1:] {
			k, val, found := strings.Cut(strings.TrimSpace(p), "=")
			if found && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				v = f
			}
		}
		q[coding] = v
	}
	return q
}
