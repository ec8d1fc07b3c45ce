package main

import (
	"bytes"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// handler serves the site from memory with the headers described in doc.go.
func (s *site) handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *site) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	setSecurityHeaders(h, s.embedOrigins)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: this server only serves files (GET, HEAD)", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	a := s.files[name]
	if a == nil {
		s.notFound(w, r)
		return
	}
	h.Set("Vary", "Accept-Encoding")
	r0, ok := negotiate(r.Header.Get("Accept-Encoding"), a)
	if !ok {
		http.Error(w, "no acceptable encoding: identity, gzip and br are available", http.StatusNotAcceptable)
		return
	}
	h.Set("Content-Type", a.ctype)
	if a.hashed {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("X-Uncompressed-Length", strconv.Itoa(len(a.data)))
	// The strong ETag names the exact bytes sent (see asset.setEncodings).
	h.Set("ETag", `"`+r0.tag+`"`)
	if r0.enc != "" {
		h.Set("Content-Encoding", r0.enc)
		// ServeContent leaves Content-Length out when Content-Encoding is
		// set (net/http/fs.go); ranges, 304s and errors replace or drop it.
		h.Set("Content-Length", strconv.Itoa(len(r0.body)))
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(r0.body))
}

// sitePath maps a request to a site file name. Only exact names of the
// in-memory site can be served; requests with dot segments, backslashes,
// NUL bytes, empty segments, encoded slashes or a non-absolute path are rejected (ok false).
func sitePath(r *http.Request) (name string, ok bool) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "//") {
		return "", false
	}
	raw := strings.ToLower(r.URL.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	name = p[1:]
	if name == "" {
		name = "index.html"
	}
	return name, true
}

// notFound serves the site's 404 page, which links back to the lab.
func (s *site) notFound(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	if r.Method == http.MethodHead {
		return
	}
	if a := s.files["404.html"]; a != nil {
		w.Write(a.data)
		return
	}
	w.Write(notFoundPage(s.names["style.css"]))
}

// notFoundPage is the 404 page used when the web files have no 404.html.
func notFoundPage(style string) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Not found · bnlab</title>\n")
	if style != "" {
		b.WriteString("<link rel=\"stylesheet\" href=\"/" + html.EscapeString(style) + "\">\n")
	}
	b.WriteString("</head><body data-state=\"ready\"><main>\n<h1>Page not found</h1>\n" +
		"<p>There is no page at this address in the Batch Normalisation and Dropout lab. " +
		"Lessons live in the lab itself, chosen by the part of the address after <code>#</code> " +
		"(for example <code>/#lesson=bn-steps</code>).</p>\n" +
		"<p><a href=\"/\">Go to the lab</a> · <a href=\"/#lesson=bn-steps\">Start with the first lesson</a></p>\n" +
		"</main></body></html>\n")
	return b.Bytes()
}
