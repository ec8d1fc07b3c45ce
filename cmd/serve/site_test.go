package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// testFiles is a tiny web tree: index.html → main.js, style.css, stage.html;
// main.js → worker.js, mnist.bin; worker.js → app.wasm, wasm_exec.js.
func testFiles() map[string][]byte {
	return map[string][]byte{
		"index.html":   []byte(`<!doctype html><link rel="stylesheet" href="style.css"><script src="main.js" defer></script><iframe src="stage.html"></iframe><img src="logo.png" alt="">`),
		"data.json":    []byte(`{"nobody": "refers to this file"}`),
		"stage.html":   []byte(`<!doctype html><script src="./wasm_exec.js"></script><script src='stage.js'></script>`),
		"stage.js":     []byte("const go = new Go(); fetch(`app.wasm`);\n"),
		"main.js":      []byte(`new Worker("worker.js"); fetch('/mnist.bin'); // domain.js is not a reference` + "\n"),
		"worker.js":    []byte(`importScripts("wasm_exec.js"); fetch("app.wasm");` + "\n"),
		"style.css":    []byte(`body { background: url(bg.svg); }` + "\n" + strings.Repeat("p { margin: 0 }\n", 50)),
		"bg.svg":       []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`),
		"wasm_exec.js": []byte(strings.Repeat("// the Go wasm runtime glue\n", 100)),
		"app.wasm":     append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("wasm code "), 5000)...),
		"mnist.bin":    bytes.Repeat([]byte{0, 0, 0, 7, 255, 128}, 3000),
		"logo.png":     []byte("\x89PNG not really"),
	}
}

var (
	testSiteOnce sync.Once
	testSite     *site
	testSiteErr  error
)

// newTestSite assembles testFiles without a cache, once per test binary;
// callers must not modify it.
func newTestSite(t testing.TB) *site {
	t.Helper()
	testSiteOnce.Do(func() {
		testSite, testSiteErr = assemble(context.Background(), testFiles(), compressor{level: 1})
	})
	if testSiteErr != nil {
		t.Fatal(testSiteErr)
	}
	return testSite
}

// get serves one request and returns the recorded response and body.
func get(t testing.TB, h http.Handler, method, target string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func TestRewriteRefs(t *testing.T) {
	s := newTestSite(t)
	for _, n := range []string{"app.wasm", "wasm_exec.js", "main.js", "worker.js", "style.css", "bg.svg", "mnist.bin", "stage.js", "logo.png"} {
		h := s.names[n]
		if h == n || !hashedRE.MatchString(h) || s.files[h] == nil || !s.files[h].hashed {
			t.Errorf("%s: served as %q, want a content-hashed name in the site", n, h)
		}
		if unhashedName(h) != n {
			t.Errorf("unhashedName(%q) = %q, want %q", h, unhashedName(h), n)
		}
	}
	for _, n := range []string{"index.html", "stage.html", "404.html", "data.json"} {
		if a := s.files[n]; a == nil || a.hashed {
			t.Errorf("%s: want a stable, unhashed entry", n)
		}
	}
	tests := []struct{ file, want, not string }{
		{"index.html", `href="` + s.names["style.css"] + `"`, `"style.css"`},
		{"index.html", `src="` + s.names["main.js"] + `"`, `"main.js"`},
		{"index.html", `src="stage.html"`, ""},
		{"stage.html", `src="./` + s.names["wasm_exec.js"] + `"`, "wasm_exec.js\""},
		{"stage.html", `src='` + s.names["stage.js"] + `'`, ""},
		{s.names["stage.js"], "fetch(`" + s.names["app.wasm"] + "`)", "`app.wasm`"},
		{s.names["main.js"], `"` + s.names["worker.js"] + `"`, `"worker.js"`},
		{s.names["main.js"], `'/` + s.names["mnist.bin"] + `'`, ""},
		{s.names["main.js"], "domain.js is not a reference", ""},
		{s.names["worker.js"], `fetch("` + s.names["app.wasm"] + `")`, `"app.wasm"`},
		{s.names["style.css"], "url(" + s.names["bg.svg"] + ")", "url(bg.svg)"},
	}
	for _, tc := range tests {
		a := s.files[tc.file]
		if a == nil {
			t.Fatalf("no file %q", tc.file)
		}
		if !bytes.Contains(a.data, []byte(tc.want)) {
			t.Errorf("%s: want %q in\n%s", tc.file, tc.want, a.data)
		}
		if tc.not != "" && bytes.Contains(a.data, []byte(tc.not)) {
			t.Errorf("%s: unrewritten %q in\n%s", tc.file, tc.not, a.data)
		}
	}
	// Leaves first: the worker's name depends on the wasm's, so a new wasm
	// renames the worker and main.js too, but not style.css.
	files := testFiles()
	files["app.wasm"] = append(files["app.wasm"], 1)
	s2, err := assemble(context.Background(), files, compressor{level: 1})
	if err != nil {
		t.Fatal(err)
	}
	for n, changes := range map[string]bool{"app.wasm": true, "worker.js": true, "main.js": true, "stage.js": true, "style.css": false, "wasm_exec.js": false} {
		if got := s2.names[n] != s.names[n]; got != changes {
			t.Errorf("after changing app.wasm, %s renamed = %v, want %v", n, got, changes)
		}
	}
}

func TestHashCycle(t *testing.T) {
	files := map[string][]byte{
		"index.html": []byte(`<script src="a.js"></script>`),
		"a.js":       []byte(`import "./b.js";`),
		"b.js":       []byte(`import "./a.js";`),
	}
	_, err := assemble(context.Background(), files, compressor{level: 1})
	if err == nil || !strings.Contains(err.Error(), "a.js → b.js → a.js") {
		t.Fatalf("assemble with a cycle: err = %v, want a cycle error naming a.js → b.js → a.js", err)
	}
}

func TestParseAcceptEncoding(t *testing.T) {
	s := newTestSite(t)
	a := s.files[s.names["app.wasm"]]
	if a.br == nil || a.gz == nil {
		t.Fatal("test wasm should compress")
	}
	tests := []struct {
		accept, want string
		ok           bool
	}{
		{"", "", true},
		{"gzip", "gzip", true},
		{"gzip, deflate, br", "br", true},
		{"br;q=0, gzip", "gzip", true},
		{"br;q=0.5, gzip;q=1", "gzip", true},
		{"br;q=0.5, gzip;q=0.5", "br", true},
		{"gzip;q=0.2", "gzip", true},
		{"gzip;q=0.2, identity", "", true},
		{"BR", "br", true},
		{"*", "br", true},
		{"*;q=0, gzip", "gzip", true},
		{"identity;q=0, gzip;q=0, br;q=0", "", false},
		{"*;q=0", "", false},
		{"br;q=bogus, gzip", "gzip", true},
		{"x-gzip", "gzip", true},
		{"deflate", "", true},
	}
	for _, tc := range tests {
		r, ok := negotiate(tc.accept, a)
		if r.enc != tc.want || ok != tc.ok {
			t.Errorf("negotiate(%q) = %q, %v; want %q, %v", tc.accept, r.enc, ok, tc.want, tc.ok)
		}
	}
	// An asset without encodings is sent as is.
	png := s.files[s.names["logo.png"]]
	if r, ok := negotiate("br, gzip", png); r.enc != "" || !ok || !bytes.Equal(r.body, png.data) {
		t.Errorf("negotiate for an incompressible asset = %q, %v", r.enc, ok)
	}
}
