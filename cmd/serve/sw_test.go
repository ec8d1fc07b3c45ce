package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"bnlab/web"
	"io/fs"
)

var (
	swAssets  = regexp.MustCompile(`const ASSETS = (\[.*?\]);`)
	swVersion = regexp.MustCompile(`const VERSION = "([0-9a-f]+)";`)
)

// swOf assembles files with the real sw.js and returns what it lists.
func swOf(t *testing.T, files map[string][]byte) (assets []string, version string, s *site) {
	t.Helper()
	sw, err := fs.ReadFile(web.FS(), swFile)
	if err != nil {
		t.Fatal(err)
	}
	files[swFile] = sw
	s, err = assemble(context.Background(), files, compressor{level: 1})
	if err != nil {
		t.Fatal(err)
	}
	a := s.files[swFile]
	if a == nil || a.hashed {
		t.Fatalf("sw.js is not served under its own name")
	}
	m, v := swAssets.FindSubmatch(a.data), swVersion.FindSubmatch(a.data)
	if m == nil || v == nil {
		t.Fatalf("sw.js has no ASSETS or VERSION filled in:\n%s", a.data)
	}
	if err := json.Unmarshal(m[1], &assets); err != nil {
		t.Fatal(err)
	}
	return assets, string(v[1]), s
}

// TestServiceWorkerAssets: the service worker lists every file the site
// serves, by its served (hashed) name, the page itself ("./"), and not
// itself; its version changes when a page's content changes, and not
// otherwise.
func TestServiceWorkerAssets(t *testing.T) {
	assets, v1, s := swOf(t, testFiles())
	set := map[string]bool{}
	for _, a := range assets {
		set[a] = true
	}
	for name := range s.files {
		if name != swFile && !set[name] {
			t.Errorf("the service worker does not store %s", name)
		}
	}
	if !set["./"] || set[swFile] || len(assets) != len(s.files) { // ./ in, sw.js out
		t.Errorf("assets %v for %d files", assets, len(s.files))
	}
	if !set[s.names["app.wasm"]] || !strings.Contains(s.names["app.wasm"], ".") || s.names["app.wasm"] == "app.wasm" {
		t.Errorf("app.wasm is listed as %q", s.names["app.wasm"])
	}
	_, v2, _ := swOf(t, testFiles())
	changed := testFiles()
	changed["index.html"] = append(changed["index.html"], []byte("<p>new prose</p>")...)
	_, v3, _ := swOf(t, changed)
	if v1 != v2 || v1 == v3 {
		t.Errorf("versions: same site %s and %s, changed page %s", v1, v2, v3)
	}
}
