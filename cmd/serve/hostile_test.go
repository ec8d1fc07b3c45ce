package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawRequest sends req byte for byte on a new connection and returns the
// response's status (0 if the server closed the connection without one)
// and body.
func rawRequest(t *testing.T, addr, req string) (int, []byte) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		return 0, nil // the server hung up mid-request (a huge header)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return 0, nil
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	return res.StatusCode, body
}

// TestHostileRequests: malformed request lines, absolute-form targets,
// bad methods, huge or broken headers and Range abuse each get a 4xx (or,
// for Range, at most the one file asked for), never a file from outside
// the site, and the server still answers afterwards.
func TestHostileRequests(t *testing.T) {
	s := newTestSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(s.handler(), 300*time.Millisecond)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	addr := ln.Addr().String()
	const host = "Host: localhost\r\n"
	get := func(target string, headers ...string) string {
		return "GET " + target + " HTTP/1.1\r\n" + host + strings.Join(headers, "") + "Connection: close\r\n\r\n"
	}
	size := len(s.files["index.html"].data)
	bad := []int{400, 404, 405, 414, 416, 431}
	cases := []struct {
		name, req string
		want      []int // acceptable statuses; 0 means the server hung up
	}{
		{"absolute-form traversal", "GET http://localhost/../go.mod HTTP/1.1\r\n" + host + "\r\n", bad},
		{"absolute-form to another host", "GET http://evil.example/%2e%2e/go.mod HTTP/1.1\r\n" + host + "\r\n", bad},
		{"absolute-form file scheme", "GET file:///etc/passwd HTTP/1.1\r\n" + host + "\r\n", bad},
		{"no version", "GET /index.html\r\n" + host + "\r\n", []int{400, 0}},
		{"unknown version", "GET /index.html HTTP/9.9\r\n" + host + "\r\n", []int{400, 505, 0}},
		{"two spaces", "GET  /index.html HTTP/1.1\r\n" + host + "\r\n", []int{400, 0}},
		{"space in the target", "GET /index .html HTTP/1.1\r\n" + host + "\r\n", []int{400, 0}},
		{"asterisk target", "GET * HTTP/1.1\r\n" + host + "\r\n", bad},
		{"no leading slash", "GET index.html HTTP/1.1\r\n" + host + "\r\n", bad},
		{"bad escape", get("/%ZZ"), bad},
		{"dot-dot alone", get("/.."), bad},
		{"mixed-case encoded dots", get("/%2E%2e/%2e%2E/etc/passwd"), bad},
		{"encoded NUL in a directory", get("/assets%00/../go.mod"), bad},
		{"overlong UTF-8 slash", get("/..%c0%afgo.mod"), bad},
		{"overlong UTF-8 backslash", get("/..%c1%9cgo.mod"), bad},
		{"POST", "POST /index.html HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n", []int{405}},
		{"PUT", "PUT /index.html HTTP/1.1\r\n" + host + "Content-Length: 3\r\n\r\nabc", []int{405}},
		{"DELETE", "DELETE /index.html HTTP/1.1\r\n" + host + "\r\n", []int{405}},
		{"TRACE", "TRACE / HTTP/1.1\r\n" + host + "\r\n", []int{405}},
		{"OPTIONS on a file", "OPTIONS /index.html HTTP/1.1\r\n" + host + "\r\n", []int{405}},
		{"CONNECT", "CONNECT localhost:22 HTTP/1.1\r\n" + host + "\r\n", bad},
		{"made-up method", "BREW /index.html HTTP/1.1\r\n" + host + "\r\n", []int{405}},
		{"no Host", "GET /index.html HTTP/1.1\r\n\r\n", []int{400}},
		{"two Hosts", "GET /index.html HTTP/1.1\r\n" + host + host + "\r\n", []int{400}},
		{"NUL in a header", get("/index.html", "X-A: a\x00b\r\n"), []int{400, 0}},
		{"space in a header name", get("/index.html", "X Bad: a\r\n"), []int{400, 0}},
		{"negative Content-Length", "GET /index.html HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n", []int{400}},
		{"two Content-Lengths", "GET /index.html HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 5\r\n\r\nabc", []int{400, 0}},
		{"huge header", get("/index.html", "X-Big: "+strings.Repeat("a", 200<<10)+"\r\n"), []int{431, 0}},
		{"many headers", get("/index.html", strings.Repeat("X-Many: a\r\n", 20000)), []int{431, 0}},
		{"huge target", get("/" + strings.Repeat("a", 200<<10)), []int{414, 431, 0}},
		{"Range past the end", get("/index.html", "Range: bytes=999999-\r\n"), []int{416}},
		{"Range backwards", get("/index.html", "Range: bytes=5-1\r\n"), []int{416, 200}},
		{"Range of nothing", get("/index.html", "Range: bytes=-0\r\n"), []int{416, 206}},
		{"Range garbage", get("/index.html", "Range: bytes=a-b\r\n"), []int{416, 200}},
		{"Range in other units", get("/index.html", "Range: lines=1-2\r\n"), []int{416, 200}},
		{"a thousand overlapping Ranges", get("/index.html", "Range: bytes="+strings.TrimSuffix(strings.Repeat("0-,", 1000), ",")+"\r\n"), []int{416, 200}},
		{"Range on a traversal", get("/../go.mod", "Range: bytes=0-10\r\n"), bad},
	}
	if len(cases) < 30 {
		t.Fatalf("%d hostile requests, want at least 30", len(cases))
	}
	for _, c := range cases {
		code, body := rawRequest(t, addr, c.req)
		ok := false
		for _, w := range c.want {
			ok = ok || code == w
		}
		if !ok {
			t.Errorf("%s: status %d, want one of %v", c.name, code, c.want)
		}
		if bytes.Contains(body, []byte("module ")) || bytes.Contains(body, []byte("root:")) {
			t.Errorf("%s: the body leaks a file", c.name)
		}
		if (code == 200 || code == 206) && len(body) > size {
			t.Errorf("%s: %d bytes for a %d-byte file", c.name, len(body), size)
		}
	}
	if code, _ := rawRequest(t, addr, get("/index.html")); code != 200 {
		t.Errorf("after the hostile requests: status %d for index.html", code)
	}
}

// TestSlowHeaders: a client that trickles its headers is cut off after the
// read-header timeout instead of holding the connection.
func TestSlowHeaders(t *testing.T) {
	s := newTestSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(s.handler(), 200*time.Millisecond)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET /index.html HTTP/1.1\r\nHost: localhost\r\n")
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	start := time.Now()
	n, err := c.Read(make([]byte, 512)) // the server closes (or answers 408) once the timeout passes
	if err == nil && n > 0 {
		// A 408 is a fine way to say it, as long as the connection then ends.
		if _, err = io.ReadAll(c); err != nil {
			t.Fatalf("after the answer: %v", err)
		}
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("the slow client held the connection for %s; the header timeout is 200 ms", waited)
	}
}
