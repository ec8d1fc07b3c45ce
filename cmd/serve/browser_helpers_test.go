package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's headless Chromium (installed by .ci/run)
// against the real site: buildSite with the real wasm bundle, served by the
// real handler on httptest. They skip loudly when no browser is found,
// except under CI (env CI set), where a missing browser is a failure.

const (
	readyTimeout = 90 * time.Second // SwiftShader and a cold wasm compile are slow
	pollEvery    = 100 * time.Millisecond
)

// chromiumFlags are the flags DESIGN.md measured: WebGL through SwiftShader,
// and no background traffic (this machine's network is closed).
var chromiumFlags = []chromedp.ExecAllocatorOption{
	chromedp.NoSandbox,
	chromedp.Flag("use-angle", "swiftshader"),
	chromedp.Flag("enable-unsafe-swiftshader", true),
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("no-first-run", true),
	chromedp.WindowSize(1280, 900),
}

// findChromium returns the browser to use: $BNLAB_CHROMIUM, /usr/bin/chromium,
// or the first of the usual names on PATH; "" when there is none.
func findChromium() string {
	if p := os.Getenv("BNLAB_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// requireBrowser returns the browser path, skips the test loudly when there
// is none, and fails it instead under CI, which must never skip.
func requireBrowser(t *testing.T) string {
	t.Helper()
	p := findChromium()
	if p != "" {
		return p
	}
	msg := "\n" + strings.Repeat("!", 72) +
		"\n!! BROWSER TESTS NOT RUN: no Chromium found (/usr/bin/chromium, $BNLAB_CHROMIUM)." +
		"\n!! Install it with `apt-get install -y chromium`, or run `bash .ci/run`." +
		"\n" + strings.Repeat("!", 72)
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "\nCI is set: the browser tests must run, so this is a failure.")
	}
	fmt.Fprintln(os.Stderr, msg)
	t.Skip("no Chromium: browser tests skipped (see the message above)")
	return ""
}

// browserEnv is the served site and a running browser shared by the subtests
// of TestBrowser.
type browserEnv struct {
	base    string          // http://127.0.0.1:port/
	browser context.Context // a chromedp context whose browser is running
	shots   string          // screenshot directory
}

// startBrowserEnv builds and serves the site and starts Chromium; everything
// is torn down by t.Cleanup.
func startBrowserEnv(t *testing.T) *browserEnv {
	t.Helper()
	chromium := requireBrowser(t)
	if testing.Short() && os.Getenv("CI") == "" {
		t.Skip("-short: browser tests skipped (they build the wasm bundle)")
	}
	cache := os.Getenv("BNLAB_TEST_CACHE")
	if cache == "" {
		cache = filepath.Join(os.TempDir(), "bnlab-browser-test-cache")
	}
	start := time.Now()
	s, err := buildSite(t.Context(), options{CacheDir: cache, Log: testLog{t}})
	if err != nil {
		t.Fatalf("buildSite: %v", err)
	}
	t.Logf("site built in %s", time.Since(start).Round(time.Millisecond))
	srv := httptest.NewServer(s.handler())
	t.Cleanup(srv.Close)

	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.UserDataDir(profile))
	opts = append(opts, chromiumFlags...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	shots := os.Getenv("BNLAB_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "bnlab-screenshots")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return &browserEnv{base: srv.URL + "/", browser: bctx, shots: shots}
}

// testLog sends buildSite's progress to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// tab is one browser tab with its console collected from the start.
type tab struct {
	ctx  context.Context
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

// openTab opens a new tab. When the subtest ends, it fails the test if the
// page wrote an error to the console or threw an uncaught exception, and
// closes the tab.
func (e *browserEnv) openTab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	tb := &tab{ctx: ctx}
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.msgs = append(tb.msgs, m)
			tb.mu.Unlock()
		}
	}()
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	t.Cleanup(func() {
		// Let late messages (a failing fetch, a rejected promise) arrive.
		time.Sleep(300 * time.Millisecond)
		tb.mu.Lock()
		var bad []string
		for _, m := range tb.msgs {
			if m.Type == chromedp.ConsoleError || m.IsException() {
				bad = append(bad, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
			}
		}
		tb.mu.Unlock()
		cancel()
		<-done
		if len(bad) > 0 {
			t.Errorf("the page wrote %d console errors or uncaught exceptions:\n  %s", len(bad), strings.Join(bad, "\n  "))
		}
	})
	return tb
}

// open loads url in the tab (from about:blank, so that a new hash is a new
// page load, as when a student opens a shared link) and waits until the page
// says ready. It fails the test with the page's visible message on error.
func (tb *tab) open(t *testing.T, url string) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate %s: %v", url, err)
	}
	start := time.Now()
	state := tb.waitFor(t, readyTimeout, `(s => s === "loading" ? "" : s)(document.body.dataset.state)`)
	if state != "ready" {
		msg := tb.eval(t, `(document.getElementById("error-text") || document.body).innerText.slice(0, 500)`)
		t.Fatalf("%s: body state %q, message: %s", url, state, msg)
	}
	t.Logf("%s ready after %s", url, time.Since(start).Round(time.Millisecond))
}

// eval evaluates a JavaScript expression that gives a string.
func (tb *tab) eval(t *testing.T, expr string) string {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor evaluates expr, a string-valued expression, until it gives a
// non-empty string, and returns it. It fails the test after timeout.
func (tb *tab) waitFor(t *testing.T, timeout time.Duration, expr string) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr))
		if err == nil && v != "" {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s (last error: %v)", timeout, expr, err)
		}
		time.Sleep(pollEvery)
	}
}

// becomes reports whether expr, a string-valued expression, gives a
// non-empty string within timeout.
func (tb *tab) becomes(timeout time.Duration, expr string) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr)); err == nil && v != "" {
			return true
		}
		time.Sleep(pollEvery)
	}
	return false
}

// screenshot writes a PNG of the whole page to the screenshot directory.
func (e *browserEnv) screenshot(t *testing.T, tb *tab, name string) {
	t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(e.shots, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}
