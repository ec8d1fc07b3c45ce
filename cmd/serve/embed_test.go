package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestParseOrigins: -embed-origins takes origins only; anything that could
// widen or break the CSP is refused.
func TestParseOrigins(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"", "", true},
		{"https://lms.example.edu", "https://lms.example.edu", true},
		{"https://a.example, http://localhost:9000/", "https://a.example http://localhost:9000", true},
		{"*", "", false},
		{"lms.example.edu", "", false},
		{"https://a.example/course", "", false},
		{"https://a.example;script-src *", "", false},
		{"javascript://x", "", false},
		{"https://user@a.example", "", false},
		{"'self'", "", false},
	} {
		got, err := parseOrigins(c.in)
		if (err == nil) != c.ok || strings.Join(got, " ") != c.want {
			t.Errorf("%q: %v, %v; want %q (ok %v)", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestEmbedHeaders: by default only the site frames itself (CSP and
// X-Frame-Options); with embed origins, the CSP names them and
// X-Frame-Options, which cannot, is left out.
func TestEmbedHeaders(t *testing.T) {
	h := http.Header{}
	setSecurityHeaders(h, nil)
	if !strings.HasSuffix(h.Get("Content-Security-Policy"), "frame-ancestors 'self'") || h.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("default: CSP %q, XFO %q", h.Get("Content-Security-Policy"), h.Get("X-Frame-Options"))
	}
	h = http.Header{}
	setSecurityHeaders(h, []string{"https://lms.example.edu"})
	if !strings.HasSuffix(h.Get("Content-Security-Policy"), "frame-ancestors 'self' https://lms.example.edu") || h.Get("X-Frame-Options") != "" {
		t.Errorf("with an origin: CSP %q, XFO %q", h.Get("Content-Security-Policy"), h.Get("X-Frame-Options"))
	}
}
