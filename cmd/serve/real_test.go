package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"bnlab/engine/data"
)

// quotedRef matches a quoted file name with an extension the site serves.
var quotedRef = regexp.MustCompile("[\"'`(]/?(?:\\./)?([A-Za-z0-9_][A-Za-z0-9_./-]*\\.(?:html|js|css|wasm|bin|svg|png|json))[\"'`)?#]")

// TestRealBundle builds the real site (minutes when the bundle is stale; the
// user cache directory keeps it for the next run) and checks what the page
// loads: the wasm, wasm_exec.js, the MNIST subset, and that every quoted file
// reference in a text file names a file of the site.
func TestRealBundle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real wasm bundle")
	}
	var log bytes.Buffer
	s, err := buildSite(context.Background(), options{Log: &log})
	t.Logf("build log:\n%s", log.String())
	if err != nil {
		t.Fatal(err)
	}
	h := s.handler()
	for _, n := range []string{"app.wasm", "wasm_exec.js", "index.html", "stage.html", mnistFile} {
		served := s.names[n]
		res, body := get(t, h, "GET", "/"+served, map[string]string{"Accept-Encoding": "br"})
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "br" {
			t.Errorf("%s (%s): status %d, Content-Encoding %q; want 200, br", n, served, res.StatusCode, res.Header.Get("Content-Encoding"))
		}
		if len(body) == 0 {
			t.Errorf("%s: empty body", n)
		}
	}
	wasm := s.files[s.names["app.wasm"]]
	if !bytes.HasPrefix(wasm.data, []byte("\x00asm")) || wasm.ctype != "application/wasm" || !wasm.hashed {
		t.Errorf("app.wasm: %q..., %s, hashed %v", wasm.data[:4], wasm.ctype, wasm.hashed)
	}
	m, err := data.ReadCompactMNIST(bytes.NewReader(s.files[s.names[mnistFile]].data))
	if err != nil {
		t.Fatal(err)
	}
	if m.Train.N != mnistTrain || m.Test.N != mnistTest {
		t.Errorf("mnist.bin holds %d + %d images, want %d + %d", m.Train.N, m.Test.N, mnistTrain, mnistTest)
	}
	for name, a := range s.files {
		if !isText(name) {
			continue
		}
		for _, ref := range quotedRef.FindAllSubmatch(a.data, -1) {
			if r := string(ref[1]); s.files[r] == nil {
				t.Errorf("%s refers to %q, which the site does not have", name, r)
			}
		}
	}
	t.Logf("app.wasm %d bytes, br %d, gzip %d", len(wasm.data), len(wasm.br), len(wasm.gz))
}
