package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestHeaders(t *testing.T) {
	s := newTestSite(t)
	h := s.handler()
	immutable := "public, max-age=31536000, immutable"
	tests := []struct {
		path, ctype, cache string
	}{
		{"/", "text/html; charset=utf-8", "no-cache"},
		{"/index.html", "text/html; charset=utf-8", "no-cache"},
		{"/stage.html", "text/html; charset=utf-8", "no-cache"},
		{"/" + s.names["app.wasm"], "application/wasm", immutable},
		{"/" + s.names["main.js"], "text/javascript; charset=utf-8", immutable},
		{"/" + s.names["style.css"], "text/css; charset=utf-8", immutable},
		{"/" + s.names["bg.svg"], "image/svg+xml", immutable},
		{"/" + s.names["mnist.bin"], "application/octet-stream", immutable},
		{"/" + s.names["logo.png"], "image/png", immutable},
	}
	for _, tc := range tests {
		res, body := get(t, h, "GET", tc.path, nil)
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d", tc.path, res.StatusCode)
			continue
		}
		want := map[string]string{
			"Content-Type":            tc.ctype,
			"Cache-Control":           tc.cache,
			"Vary":                    "Accept-Encoding",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"Content-Security-Policy": csp,
			"Content-Encoding":        "",
			"X-Uncompressed-Length":   strconv.Itoa(len(body)),
		}
		for k, v := range want {
			if got := res.Header.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", tc.path, k, got, v)
			}
		}
		if etag := res.Header.Get("ETag"); !strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
			t.Errorf("%s: ETag %q, want a strong ETag", tc.path, etag)
		}
	}
	for _, part := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP lacks %q", part)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
		t.Errorf("CSP allows inline code or eval: %s", csp)
	}
}

func TestEncodings(t *testing.T) {
	s := newTestSite(t)
	h := s.handler()
	name := s.names["app.wasm"]
	want := s.files[name].data
	decode := map[string]func(io.Reader) (io.Reader, error){
		"":     func(r io.Reader) (io.Reader, error) { return r, nil },
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	etags := map[string]string{}
	for _, tc := range []struct{ accept, enc string }{{"", ""}, {"gzip", "gzip"}, {"gzip, br", "br"}, {"br;q=0, gzip", "gzip"}} {
		res, body := get(t, h, "GET", "/"+name, map[string]string{"Accept-Encoding": tc.accept})
		if got := res.Header.Get("Content-Encoding"); got != tc.enc {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.enc)
		}
		if got := res.Header.Get("X-Uncompressed-Length"); got != strconv.Itoa(len(want)) {
			t.Errorf("Accept-Encoding %q: X-Uncompressed-Length %s, want %d", tc.accept, got, len(want))
		}
		if tc.enc != "" && len(body) >= len(want) {
			t.Errorf("%s body %d bytes, not smaller than %d", tc.enc, len(body), len(want))
		}
		r, err := decode[tc.enc](bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(plain, want) {
			t.Errorf("Accept-Encoding %q: decoded body differs (err %v)", tc.accept, err)
		}
		etags[res.Header.Get("ETag")] = tc.enc
	}
	if len(etags) != 3 {
		t.Errorf("want one distinct ETag per encoding, got %v", etags)
	}
	res, _ := get(t, h, "GET", "/"+name, map[string]string{"Accept-Encoding": "identity;q=0, *;q=0"})
	if res.StatusCode != http.StatusNotAcceptable {
		t.Errorf("nothing acceptable: status %d, want 406", res.StatusCode)
	}
}

func TestConditionalRangeHead(t *testing.T) {
	s := newTestSite(t)
	h := s.handler()
	name := "/" + s.names["app.wasm"]
	br := map[string]string{"Accept-Encoding": "br"}
	res, full := get(t, h, "GET", name, br)
	etag := res.Header.Get("ETag")

	res, body := get(t, h, "GET", name, map[string]string{"Accept-Encoding": "br", "If-None-Match": etag})
	if res.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match same encoding: status %d, %d bytes; want 304, none", res.StatusCode, len(body))
	}
	res, _ = get(t, h, "GET", name, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag})
	if res.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match with the br ETag on a gzip request: status %d, want 200", res.StatusCode)
	}
	res, body = get(t, h, "GET", name, map[string]string{"Accept-Encoding": "br", "Range": "bytes=10-19"})
	if res.StatusCode != http.StatusPartialContent || !bytes.Equal(body, full[10:20]) {
		t.Errorf("Range 10-19: status %d, body %q; want 206 and %q", res.StatusCode, body, full[10:20])
	}
	if got, want := res.Header.Get("Content-Range"), "bytes 10-19/"+strconv.Itoa(len(full)); got != want {
		t.Errorf("Content-Range %q, want %q", got, want)
	}
	res, _ = get(t, h, "GET", name, map[string]string{"Range": "bytes=999999999-"})
	if res.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("unsatisfiable Range: status %d, want 416", res.StatusCode)
	}
	res, body = get(t, h, "HEAD", name, br)
	if res.StatusCode != 200 || len(body) != 0 || res.Header.Get("Content-Length") != strconv.Itoa(len(full)) {
		t.Errorf("HEAD: status %d, %d body bytes, Content-Length %q; want 200, 0, %d",
			res.StatusCode, len(body), res.Header.Get("Content-Length"), len(full))
	}
	res, _ = get(t, h, "POST", name, nil)
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: status %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

func TestNotFoundPage(t *testing.T) {
	s := newTestSite(t)
	for _, p := range []string{"/nope", "/lessons/", "/app.wasm", "/index.html/", "/%2e%2e%2fetc%2fpasswd"} {
		res, body := get(t, s.handler(), "GET", p, nil)
		if res.StatusCode != 404 && res.StatusCode != 400 {
			t.Errorf("%s: status %d, want 404", p, res.StatusCode)
		}
		if res.StatusCode == 404 {
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("%s: 404 Content-Type %q", p, ct)
			}
			if !bytes.Contains(body, []byte(`href="/"`)) || !bytes.Contains(body, []byte(s.names["style.css"])) {
				t.Errorf("%s: 404 page lacks a link to the lab or the style sheet:\n%s", p, body)
			}
		}
		if res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: error response lacks the security headers", p)
		}
	}
}
