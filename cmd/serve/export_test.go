package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportRoundTrip(t *testing.T) {
	s := newTestSite(t)
	dir := t.TempDir()
	// A stale encoding from an earlier export must not survive.
	os.WriteFile(filepath.Join(dir, s.names["logo.png"]+".br"), []byte("stale"), 0o644)
	if err := s.export(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, s.names["app.wasm"]+".br")); err != nil {
		t.Errorf("no .br sibling for the wasm: %v", err)
	}
	b, err := loadBundle(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.files) != len(s.files) {
		t.Errorf("bundle has %d files, site %d", len(b.files), len(s.files))
	}
	for n, a := range s.files {
		c := b.files[n]
		if c == nil {
			t.Errorf("bundle lacks %s", n)
			continue
		}
		if !bytes.Equal(a.data, c.data) || !bytes.Equal(a.br, c.br) || !bytes.Equal(a.gz, c.gz) ||
			a.hashed != c.hashed || a.ctype != c.ctype || a.hash != c.hash {
			t.Errorf("%s differs after the round trip (hashed %v/%v, br %d/%d bytes, gz %d/%d bytes)",
				n, a.hashed, c.hashed, len(a.br), len(c.br), len(a.gz), len(c.gz))
		}
	}
	for src, served := range s.names {
		if b.names[src] != served {
			t.Errorf("bundle maps %s to %q, site to %q", src, b.names[src], served)
		}
	}
	for _, p := range []string{"/", "/" + s.names["app.wasm"], "/nope"} {
		for _, enc := range []string{"", "gzip", "br"} {
			h := map[string]string{"Accept-Encoding": enc}
			r1, b1 := get(t, s.handler(), "GET", p, h)
			r2, b2 := get(t, b.handler(), "GET", p, h)
			if r1.StatusCode != r2.StatusCode || !bytes.Equal(b1, b2) || r1.Header.Get("ETag") != r2.Header.Get("ETag") ||
				r1.Header.Get("Cache-Control") != r2.Header.Get("Cache-Control") {
				t.Errorf("GET %s (%q): site and bundle responses differ", p, enc)
			}
		}
	}
	if _, err := loadBundle(t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "no index.html") {
		t.Errorf("loadBundle(empty dir): err = %v", err)
	}
}

func TestRunBadStart(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-addr", ln.Addr().String(), "-bundle", t.TempDir()}, "cannot listen on " + ln.Addr().String()},
		{[]string{"-addr", "127.0.0.1:0", "-bundle", t.TempDir()}, "no index.html"},
		{[]string{"-export", "a", "-bundle", "b"}, "cannot be used together"},
		{[]string{"-brotli", "12"}, "between 1 and 11"},
		{[]string{"extra"}, "unexpected arguments"},
		{[]string{"-nosuchflag"}, "not defined"},
	}
	for _, tc := range tests {
		var stderr bytes.Buffer
		err := run(tc.args, &stderr)
		if err == nil || !strings.Contains(err.Error()+stderr.String(), tc.want) {
			t.Errorf("run(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}

func TestRunWithoutToolchain(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var stderr bytes.Buffer
	err := run([]string{"-addr", "127.0.0.1:0", "-cache", t.TempDir()}, &stderr)
	if err == nil || !strings.Contains(err.Error(), "Go toolchain not found") || !strings.Contains(err.Error(), "-bundle") {
		t.Errorf("run without go on PATH: err = %v, want a message naming the toolchain and -bundle", err)
	}
}
