package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeModule writes a tiny module with a wasm package and web files, so that
// builds stay fast.
func fakeModule(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"go.mod":            "module fake\n\ngo 1.26\n",
		"wasm/main.go":      "package main\n\nimport \"fake/engine\"\n\nfunc main() { println(engine.Name) }\n",
		"engine/engine.go":  "// Package engine is a stand-in.\npackage engine\n\n// Name is printed.\nconst Name = \"engine\"\n",
		"web/index.html":    `<!doctype html><nav><!-- lesson-list --></nav><!-- overview --><!-- lessons --><!-- glossary --><script src="main.js"></script>`,
		"web/main.js":       `fetch("app.wasm"); importScripts("wasm_exec.js");`,
		"web/embed.go":      "package web\n",
		"web/README.md":     "not served\n",
		"web/.hidden":       "not served\n",
		"web/testdata/x.js": "not served\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// buildLog runs buildSite and returns the site and its progress log.
func buildLog(t *testing.T, o options) (*site, string, error) {
	t.Helper()
	var log bytes.Buffer
	o.Log = &log
	s, err := buildSite(context.Background(), o)
	return s, log.String(), err
}

func TestBuildStale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a small wasm package several times")
	}
	root := fakeModule(t)
	o := options{Root: root, CacheDir: t.TempDir(), NoMNIST: true, Web: os.DirFS(filepath.Join(root, "web"))}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		what    string
		change  func()
		rebuild bool
	}{
		{"first build", func() {}, true},
		{"nothing changed", func() {}, false},
		{"engine source changed", func() { write("engine/engine.go", "package engine\n\nconst Name = \"v2\"\n") }, true},
		{"a test file added", func() { write("engine/engine_test.go", "package engine\n") }, false},
		{"go.mod changed", func() { write("go.mod", "module fake\n\ngo 1.26\n\n// comment\n") }, true},
		{"a lessons file added", func() { os.MkdirAll(filepath.Join(root, "lessons"), 0o755); write("lessons/l.go", "package lessons\n") }, true},
		{"web file changed", func() { write("web/main.js", `fetch("app.wasm"); // v2`) }, true},
	}
	for _, st := range steps {
		st.change()
		s, log, err := buildLog(t, o)
		if err != nil {
			t.Fatalf("%s: %v\n%s", st.what, err, log)
		}
		if got := strings.Contains(log, "wasm: built"); got != st.rebuild {
			t.Errorf("%s: rebuilt = %v, want %v\n%s", st.what, got, st.rebuild, log)
		}
		for _, n := range []string{"index.html", "main.js", "app.wasm", "wasm_exec.js", "404.html"} {
			if s.files[s.names[n]] == nil {
				t.Errorf("%s: site lacks %s", st.what, n)
			}
		}
		for _, n := range []string{"embed.go", "README.md", ".hidden", "testdata/x.js"} {
			if _, ok := s.names[n]; ok {
				t.Errorf("%s: site serves %s", st.what, n)
			}
		}
		if a := s.files[s.names["app.wasm"]]; !bytes.HasPrefix(a.data, []byte("\x00asm")) || a.br == nil || a.gz == nil {
			t.Errorf("%s: app.wasm is not a compressed wasm module", st.what)
		}
	}
	// A failed build reports the compiler's output and keeps no stale bundle.
	write("wasm/main.go", "package main\n\nfunc main() { undefinedThing() }\n")
	_, log, err := buildLog(t, o)
	if err == nil || !strings.Contains(err.Error(), "wasm build failed") || !strings.Contains(err.Error(), "undefined: undefinedThing") {
		t.Errorf("broken build: err = %v, want the compiler's message\n%s", err, log)
	}
}

func TestBuildBadStart(t *testing.T) {
	root := fakeModule(t)
	tests := []struct {
		what string
		o    options
		want string
	}{
		{"no toolchain", options{Root: root, GoCmd: "no-such-go-toolchain"}, "Go toolchain not found"},
		{"no web files", options{Root: root, Web: os.DirFS(filepath.Join(root, "missing"))}, "reading web files"},
		{"no index.html", options{Root: root, Web: os.DirFS(filepath.Join(root, "engine"))}, "no index.html"},
	}
	for _, tc := range tests {
		tc.o.CacheDir = t.TempDir()
		_, log, err := buildLog(t, tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q\n%s", tc.what, err, tc.want, log)
		}
	}
	if _, err := findRoot(os.TempDir()); err == nil {
		t.Errorf("findRoot(%s) found a go.mod", os.TempDir())
	}
	if r, err := findRoot(filepath.Join(root, "web")); err != nil || r != root {
		t.Errorf("findRoot(web) = %q, %v; want %q", r, err, root)
	}
}
