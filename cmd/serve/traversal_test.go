package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// rawGet sends a request line exactly as given and returns status and body.
func rawGet(t *testing.T, addr, target string) (int, []byte) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%q: %v", target, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, body
}

func TestTraversal(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(s.handler())
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	if code, _ := rawGet(t, addr, "/index.html"); code != 200 {
		t.Fatalf("control request: status %d", code)
	}
	targets := []string{
		"/../go.mod",
		"/../../../../etc/passwd",
		"/..%2fgo.mod",
		"/%2e%2e/go.mod",
		"/%2E%2E%2Fgo.mod",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/%252e%252e/go.mod",
		"/%252e%252e%252fgo.mod",
		"/..%5cgo.mod",
		"/%5c..%5cgo.mod",
		"/..\\go.mod",
		"/index.html%00",
		"/index.html%00.png",
		"/%00",
		"//etc/passwd",
		"/etc/passwd",
		"/./index.html",
		"/web/index.html",
		"/%2findex.html",
		"/.git/config",
		"/cmd/serve/main.go",
		"/go.mod",
		"http://localhost/../go.mod",
		"http://localhost/%2e%2e/go.mod",
		"/C:/Windows/win.ini",
		"/file:///etc/passwd",
		"/%c0%ae%c0%ae/go.mod",
		"/.%2e/go.mod",
	}
	for _, target := range targets {
		code, body := rawGet(t, addr, target)
		if code != http.StatusNotFound && code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 404 or 400", target, code)
		}
		if bytes.Contains(body, []byte("module ")) || bytes.Contains(body, []byte("root:")) {
			t.Errorf("GET %s: body leaks a file:\n%s", target, body)
		}
	}
}

// FuzzSitePath checks that no request path maps to a name outside the site
// or to a name with dot segments, backslashes or NUL bytes.
func FuzzSitePath(f *testing.F) {
	for _, seed := range []string{"/", "/index.html", "/../x", "/%2e%2e/x", "/a\\b", "/a%00", "//x", "/a/./b"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.NewRequest("GET", "http://localhost"+target, nil)
		if err != nil || req.URL.Path == "" && req.URL.Opaque != "" {
			return
		}
		name, ok := sitePath(req)
		if !ok {
			return
		}
		if bytes.ContainsAny([]byte(name), "\\\x00") || strings.HasPrefix(name, "/") {
			t.Errorf("sitePath(%q) = %q", target, name)
		}
		for _, seg := range bytes.Split([]byte(name), []byte("/")) {
			if string(seg) == ".." || string(seg) == "." {
				t.Errorf("sitePath(%q) = %q has a dot segment", target, name)
			}
		}
	})
}
