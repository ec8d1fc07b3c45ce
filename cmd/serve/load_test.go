package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
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

// rssOf is the resident memory of process pid in kB (Linux).
func rssOf(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc/%d/status: %v", pid, err)
	}
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no VmRSS in /proc/PID/status")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// loadSite is the load test's site: the test files with a 4 MB
// compressible stand-in for the wasm.
func loadSite(t testing.TB) *site {
	files := testFiles()
	big := make([]byte, 4<<20)
	for i := range big {
		big[i] = byte(i*7 + i/4096)
	}
	files["app.wasm"] = big
	s, err := assemble(context.Background(), files, compressor{level: 1})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLoadServer is not a test of its own: TestLoad runs the test binary
// again with BNLAB_LOAD_SERVER=1 to get a server in a process of its own,
// whose memory is then the server's alone. It prints its address and the
// served names of the wasm and main.js, collects its garbage when told
// "gc" (answering GCDONE), and serves until stdin closes.
func TestLoadServer(t *testing.T) {
	if os.Getenv("BNLAB_LOAD_SERVER") != "1" {
		t.Skip("the server process of TestLoad")
	}
	s := loadSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(s.handler(), readHeaderTimeout)
	go srv.Serve(ln)
	fmt.Printf("LOADSERVER %s /%s /%s\n", ln.Addr(), s.names["app.wasm"], s.names["main.js"])
	// "gc" on stdin: collect and return freed memory to the system, so that
	// the resident memory measured next is what the server keeps.
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if in.Text() == "gc" {
			runtime.GC()
			debug.FreeOSMemory()
			fmt.Println("GCDONE")
		}
	}
	srv.Close()
}

// TestLoad runs wrk against the server for BNLAB_LOAD_DURATION (default
// 60 s) with 64 connections, mixing the page, a 4 MB asset and a small one
// in brotli, gzip and identity, and Range requests: no socket error, no
// answer outside 2xx, and the server's resident memory (its own process,
// TestLoadServer) after the run within 20% of before. It needs wrk
// (Debian's package, which .ci/run installs): under CI its absence fails
// the test, elsewhere it skips, saying so.
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
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadServer$")
	cmd.Env = append(os.Environ(), "BNLAB_LOAD_SERVER=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	var addr, wasmPath, mainPath string
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 4 && f[0] == "LOADSERVER" {
			addr, wasmPath, mainPath = f[1], f[2], f[3]
			break
		}
	}
	if addr == "" {
		t.Fatal("the server process did not start")
	}
	pid := cmd.Process.Pid
	// settled is the server's resident memory once it has collected its
	// garbage and returned what it freed.
	settled := func() int {
		if _, err := io.WriteString(stdin, "gc\n"); err != nil {
			t.Fatal(err)
		}
		for sc.Scan() {
			if sc.Text() == "GCDONE" {
				return rssOf(t, pid)
			}
		}
		t.Fatal("the server process stopped")
		return 0
	}
	script := filepath.Join(t.TempDir(), "mix.lua")
	if err := os.WriteFile(script, []byte(loadScript), 0o644); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	// A short warm-up, so that the memory before counts the server's
	// steady buffers, not its first allocations.
	if out, err := exec.Command(wrk, "-t1", "-c64", "-d3s", "--timeout", "30s", "-s", script, base, "--", "/", wasmPath, mainPath).CombinedOutput(); err != nil {
		t.Fatalf("wrk warm-up: %v\n%s", err, out)
	}
	before := settled()
	args := []string{"-t2", "-c64", "-d" + dur, "--timeout", "30s", "-s", script, base, "--", "/", wasmPath, mainPath}
	start := time.Now()
	out, err := exec.Command(wrk, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("wrk: %v\n%s", err, out)
	}
	after := settled()
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
	t.Logf("server's resident memory: %d kB before, %d kB after (%+.1f%%)", before, after, 100*float64(after-before)/float64(before))
	if d := float64(after-before) / float64(before); d > 0.2 || d < -0.2 {
		t.Errorf("the server's resident memory moved from %d kB to %d kB under load: more than 20%%", before, after)
	}
}
