package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
)

// loadScript is wrk's Lua script: every request picks the next of a fixed
// mix of files, encodings (br, gzip, identity) and Range requests.
const loadScript = `
local reqs = {}
local i = 0
init = function(args)
  for _, path in ipairs(args) do
    for _, h in ipairs({
      {["Accept-Encoding"] = "br"},
      {["Accept-Encoding"] = "gzip"},
      {["Accept-Encoding"] = "identity"},
      {["Range"] = "bytes=0-1023"},
      {["Range"] = "bytes=10-"},
    }) do
      table.insert(reqs, wrk.format("GET", path, h))
    end
  end
end
request = function()
  i = i % #reqs + 1
  return reqs[i]
end
`

// rss is the process's resident memory in kB (Linux), after a full
// collection returned what it could to the system.
func rss(t *testing.T) int {
	t.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no VmRSS in /proc/self/status")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestLoad runs wrk against the server for BNLAB_LOAD_DURATION (default
// 60 s) with 64 connections, mixing the page, a 4 MB asset and a small one
// in brotli, gzip and identity, and Range requests: no socket error, no
// answer outside 2xx, and the resident memory after within 20% of before.
// It needs wrk (Debian's package, which .ci/run installs): under CI its
// absence fails the test, elsewhere it skips, saying so.
func TestLoad(t *testing.T) {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI: wrk is not installed (.ci/run installs it)")
		}
		t.Skip("SKIPPED: wrk is not installed (apt-get install wrk)")
	}
	if testing.Short() {
		t.Skip("a minute of load")
	}
	dur := os.Getenv("BNLAB_LOAD_DURATION")
	if dur == "" {
		dur = "60s"
	}
	files := testFiles()
	big := make([]byte, 4<<20)
	for i := range big {
		big[i] = byte(i*7 + i/4096) // compressible, like a wasm
	}
	files["app.wasm"] = big
	s, err := assemble(context.Background(), files, compressor{level: 1})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(s.handler(), readHeaderTimeout)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	script := filepath.Join(t.TempDir(), "mix.lua")
	if err := os.WriteFile(script, []byte(loadScript), 0o644); err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	args := []string{"-t2", "-c64", "-d" + dur, "--timeout", "30s", "-s", script, base, "--", "/", "/" + s.names["app.wasm"], "/" + s.names["main.js"]}
	// A short warm-up, so that the memory before counts the server's
	// steady buffers, not its first allocations.
	if out, err := exec.Command(wrk, "-t1", "-c8", "-d2s", "-s", script, base, "--", "/", "/"+s.names["app.wasm"]).CombinedOutput(); err != nil {
		t.Fatalf("wrk warm-up: %v\n%s", err, out)
	}
	before := rss(t)
	start := time.Now()
	out, err := exec.Command(wrk, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("wrk: %v\n%s", err, out)
	}
	after := rss(t)
	text := string(out)
	t.Logf("wrk %s (%s):\n%s", strings.Join(args, " "), time.Since(start).Round(time.Second), text)
	if m := regexp.MustCompile(`Socket errors: (.*)`).FindStringSubmatch(text); m != nil {
		t.Errorf("socket errors: %s", m[1])
	}
	if m := regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`).FindStringSubmatch(text); m != nil {
		t.Errorf("%s answers outside 2xx", m[1])
	}
	if !bytes.Contains(out, []byte("requests in")) {
		t.Fatal("wrk reported no requests")
	}
	t.Logf("resident memory: %d kB before, %d kB after (%+.1f%%)", before, after, 100*float64(after-before)/float64(before))
	if d := float64(after-before) / float64(before); d > 0.2 || d < -0.2 {
		t.Errorf("resident memory moved from %d kB to %d kB under load: more than 20%%", before, after)
	}
}
