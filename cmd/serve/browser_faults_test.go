package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The network-fault tests (issue 10 §2) put a fault-injecting proxy between
// the browser and the test site, one per subtest (a new port, so the
// browser's cache of another subtest's files does not apply). The proxy can
// answer a chosen file with an error status, cut its body off partway
// (the headers and part of the bytes, then the connection is dropped), or
// stop listening altogether and start again on the same port. Each test
// checks that the page says what failed with a Retry button reachable by
// keyboard, that the lesson's text is still readable, and that Retry,
// once the fault is gone, brings the page back to ready.

// testFaults runs the three faults, each in its own tab behind its own proxy.
func testFaults(t *testing.T, env *browserEnv) {
	t.Run("ConnectionLost", func(t *testing.T) { testFaultConnectionLost(t, env) })
	t.Run("Wasm", func(t *testing.T) { testFaultWasm(t, env) })
	t.Run("MNIST", func(t *testing.T) { testFaultMNIST(t, env) })
}

// fault is what the proxy does with a request for one file.
type fault struct {
	status int  // answer with this status (0: none)
	cut    bool // send the headers and part of the body, then drop the connection
}

// faultProxy is an HTTP front for the test site that fails chosen files.
type faultProxy struct {
	t      *testing.T
	addr   string // 127.0.0.1:port, kept across stop and start
	rp     *httputil.ReverseProxy
	mu     sync.Mutex
	faults map[string]fault // by file: "wasm" (app.*.wasm), "mnist" (mnist.*.bin)
	hits   map[string]int   // requests seen, by file
	srv    *http.Server
}

// newFaultProxy starts a proxy to the site at base; t.Cleanup stops it.
func newFaultProxy(t *testing.T, base string) *faultProxy {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	quiet := log.New(io.Discard, "", 0)
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorLog = quiet
	rp.FlushInterval = -1 // pass bytes on as they come, so a cut body arrives in part
	p := &faultProxy{t: t, addr: "127.0.0.1:0", rp: rp, faults: map[string]fault{}, hits: map[string]int{}}
	p.start()
	t.Cleanup(p.stop)
	return p
}

// fileOf names the file a request path asks for ("" for the others).
func fileOf(p string) string {
	b := path.Base(p)
	switch {
	case strings.HasPrefix(b, "app.") && strings.HasSuffix(b, ".wasm"):
		return "wasm"
	case strings.HasPrefix(b, "mnist.") && strings.HasSuffix(b, ".bin"):
		return "mnist"
	}
	return ""
}

func (p *faultProxy) base() string { return "http://" + p.addr + "/" }

// page is the page's address through the proxy, without the service
// worker (?sw=0): its offline copy would hide the faults.
func (p *faultProxy) page() string { return p.base() + "?sw=0" }

// set makes the proxy apply f to file from now on (fault{}: pass it through).
func (p *faultProxy) set(file string, f fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.faults[file] = f
}

func (p *faultProxy) hitCount(file string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[file]
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	file := fileOf(r.URL.Path)
	p.mu.Lock()
	f := p.faults[file]
	if file != "" {
		p.hits[file]++
	}
	p.mu.Unlock()
	switch {
	case f.status != 0:
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, http.StatusText(f.status), f.status)
	case f.cut:
		// The site's own response, whose body ends with a read error after
		// part of it: ReverseProxy then aborts the connection mid-body.
		rp := *p.rp
		rp.ModifyResponse = func(res *http.Response) error {
			n := res.ContentLength * 2 / 5
			if n <= 0 {
				n = 256 << 10
			}
			res.Body = &cutBody{r: res.Body, left: n}
			return nil
		}
		rp.ServeHTTP(w, r)
	default:
		p.rp.ServeHTTP(w, r)
	}
}

// cutBody reads left bytes of r, then fails.
type cutBody struct {
	r    io.ReadCloser
	left int64
}

func (c *cutBody) Read(b []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("the test cut the body off")
	}
	if int64(len(b)) > c.left {
		b = b[:c.left]
	}
	n, err := c.r.Read(b)
	c.left -= int64(n)
	return n, err
}

func (c *cutBody) Close() error { return c.r.Close() }

// start listens on the proxy's address (the same port after a stop).
func (p *faultProxy) start() {
	p.t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ { // the old socket may take a moment to go
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		p.t.Fatalf("proxy: listen %s: %v", p.addr, err)
	}
	p.addr = ln.Addr().String()
	p.srv = &http.Server{Handler: p, ErrorLog: log.New(io.Discard, "", 0), ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
}

// stop closes the listener and every connection: the server is gone, and
// the browser's requests are refused.
func (p *faultProxy) stop() {
	if p.srv != nil {
		p.srv.Close()
		p.srv = nil
	}
}

// openFaultTab opens a tab through which faults are expected: like
// env.openTab it fails the subtest on a console error or an uncaught
// exception, except for the browser's own log of a failed request to the
// proxy (Source "network"), which these tests cause on purpose.
func (e *browserEnv) openFaultTab(t *testing.T, p *faultProxy) *tab {
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
		time.Sleep(300 * time.Millisecond)
		tb.mu.Lock()
		var bad []string
		expected := 0
		for _, m := range tb.msgs {
			if m.Type != chromedp.ConsoleError && !m.IsException() {
				continue
			}
			if m.Source == "network" && strings.HasPrefix(m.URL, p.base()) {
				expected++
				continue
			}
			bad = append(bad, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
		}
		tb.mu.Unlock()
		cancel()
		<-done
		t.Logf("%d failed requests logged by the browser, as the faults intend", expected)
		if len(bad) > 0 {
			t.Errorf("the page wrote %d console errors or uncaught exceptions:\n  %s", len(bad), strings.Join(bad, "\n  "))
		}
	})
	return tb
}

// navigate loads url (from about:blank) without waiting for ready.
func (tb *tab) navigate(t *testing.T, url string) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate %s: %v", url, err)
	}
}

// assertProseReadable checks that the lesson's text is on screen and
// readable: its section is shown, long, with a heading and a paragraph that
// nothing covers.
func assertProseReadable(t *testing.T, tb *tab, lesson string) {
	t.Helper()
	got := tb.eval(t, fmt.Sprintf(`(() => {
		const sec = document.querySelector('section[data-lesson=%q]');
		if (!sec) return "no section";
		if (sec.hidden || sec.closest("[hidden]")) return "section hidden";
		const text = sec.innerText.trim();
		if (text.length < 400) return "section text only " + text.length + " characters";
		for (const el of [sec.querySelector("h1"), sec.querySelector("p")]) {
			if (!el) return "no heading or paragraph";
			el.scrollIntoView({ block: "center" });
			const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
			if (r.width < 50 || r.height < 10) return el.tagName + " is " + r.width + "x" + r.height;
			if (cs.visibility !== "visible" || Number(cs.opacity) < 0.9) return el.tagName + " is not visible";
			const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + Math.min(r.height / 2, 8));
			if (!top || !el.contains(top)) return el.tagName + " is covered by " + (top ? top.tagName + "." + top.className : "nothing");
		}
		window.scrollTo(0, 0);
		return "ok";
	})()`, lesson))
	if got != "ok" {
		t.Errorf("the text of lesson %s is not readable: %s", lesson, got)
	}
}

// assertRetryByKeyboard checks that box is shown as an alert and that Tab
// from the element before it reaches its Retry button.
func assertRetryByKeyboard(t *testing.T, tb *tab, box, button, before string) {
	t.Helper()
	got := tb.eval(t, fmt.Sprintf(`(() => {
		const box = document.getElementById(%q), b = document.getElementById(%q);
		if (!box || box.hidden || box.offsetParent === null) return "the message box is not shown";
		if (box.getAttribute("role") !== "alert" && !box.closest("[aria-live]")) return "the message box is not announced";
		if (!box.contains(b) || b.disabled || b.textContent.trim() !== "Retry") return "no enabled Retry button in the box: " + (b ? b.outerHTML : "none");
		return "ok";
	})()`, box, button))
	if got != "ok" {
		t.Fatal(got)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.ID(before)), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if f := tb.eval(t, `document.activeElement ? document.activeElement.id || document.activeElement.tagName : ""`); f != button {
		t.Errorf("Tab from #%s reaches %q, not the Retry button #%s", before, f, button)
	}
}

// pressRetry presses a Retry button from the keyboard.
func pressRetry(t *testing.T, tb *tab, button string) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.ID(button)), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
}

// waitDataFault waits for the MNIST box to show a message matching want.
func waitDataFault(t *testing.T, tb *tab, want string) string {
	t.Helper()
	msg := tb.waitFor(t, 60*time.Second, `(b => b.hidden ? "" : b.innerText)(document.getElementById("data-error"))`)
	if !regexp.MustCompile(want).MatchString(msg) {
		t.Errorf("the MNIST message %q does not match %q", msg, want)
	}
	if n := tb.eval(t, `(n => n.hidden ? "" : n.textContent)(document.getElementById("notice"))`); strings.Contains(n, "MNIST") {
		t.Errorf("the raw worker message is shown as well: %q", n)
	}
	if st := tb.eval(t, `document.body.dataset.state`); st != "ready" {
		t.Errorf("page state %q with the MNIST images missing; the rest of the page should stay ready", st)
	}
	return msg
}

// assertTrains checks that the lesson has its images: the MNIST box is
// gone, the page is ready, and Step trains one step.
func assertTrains(t *testing.T, tb *tab) {
	t.Helper()
	tb.waitFor(t, 60*time.Second, `document.getElementById("data-error").hidden && document.body.dataset.state === "ready" ? "ok" : ""`)
	// The images arrive, are decoded, and the lesson takes them: until then
	// a Step only says they are loading, so press it until one counts.
	deadline := time.Now().Add(60 * time.Second)
	for !tb.becomes(2*time.Second, `/step [1-9]/.test(document.getElementById("clock").textContent) ? "yes" : ""`) {
		if time.Now().After(deadline) {
			t.Fatalf("the lesson does not train after Retry: clock %q, notice %q, MNIST box hidden %s",
				tb.eval(t, `document.getElementById("clock").textContent`),
				tb.eval(t, `document.getElementById("notice").textContent`),
				tb.eval(t, `String(document.getElementById("data-error").hidden)`))
		}
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("step"))); err != nil {
			t.Fatal(err)
		}
	}
	if !tb.becomes(time.Second, `document.getElementById("data-error").hidden ? "yes" : ""`) {
		t.Errorf("the MNIST message came back after the lesson trained: %s", tb.eval(t, `document.getElementById("data-error").innerText`))
	}
}

// testFaultConnectionLost: the page loads, then the server goes away; the
// next download (the MNIST images, when the student opens a lesson that
// trains) fails with the connection refused. The message says so, Retry
// with the server still down says it failed again, and Retry once the
// server is back trains the lesson, at the same address.
func testFaultConnectionLost(t *testing.T, env *browserEnv) {
	p := newFaultProxy(t, env.base)
	tb := env.openFaultTab(t, p)
	tb.open(t, p.page()+"#lesson=bn-steps&seed=7")
	p.stop()
	const addr = "#lesson=histograms&seed=11"
	tb.eval(t, fmt.Sprintf(`(location.hash = %q, "")`, addr))
	msg := waitDataFault(t, tb, `connection failed`)
	t.Logf("server stopped: %q", msg)
	assertProseReadable(t, tb, "histograms")
	assertRetryByKeyboard(t, tb, "data-error", "data-retry", "speed")
	hash := tb.eval(t, `location.hash`)

	pressRetry(t, tb, "data-retry")
	msg = waitDataFault(t, tb, `Tried again once`)
	t.Logf("Retry with the server still down: %q", msg)
	if f := tb.eval(t, `document.activeElement.id`); f != "data-retry" {
		t.Errorf("after a failed retry focus is on %q, not back on Retry", f)
	}

	p.start()
	pressRetry(t, tb, "data-retry")
	assertTrains(t, tb)
	if p.hitCount("mnist") == 0 {
		t.Error("the proxy never saw the MNIST request after it came back")
	}
	if h := tb.eval(t, `location.hash`); !strings.Contains(h, "lesson=histograms") || !strings.Contains(h, "seed=11") {
		t.Errorf("the address lost the student's place: %q, was %q", h, hash)
	}
}

// testFaultWasm: the engine's download is cut off partway, for the worker
// and for the stage's own second try; then the server answers 503. The
// page says the engine did not download, with the text still readable;
// Retry once the file is served again reaches ready at the same address
// without reloading the page.
func testFaultWasm(t *testing.T, env *browserEnv) {
	p := newFaultProxy(t, env.base)
	tb := env.openFaultTab(t, p)
	p.set("wasm", fault{cut: true})
	const addr = "#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1&seed=7"
	tb.navigate(t, p.page()+addr)
	if st := tb.waitFor(t, readyTimeout, `(s => s === "loading" ? "" : s)(document.body.dataset.state)`); st != "error" {
		t.Fatalf("page state %q with the engine's download cut off, want error", st)
	}
	msg := tb.eval(t, `document.getElementById("error").innerText`)
	t.Logf("cut off: %q", msg)
	if !regexp.MustCompile(`download was cut off after [0-9.]+ MB of [0-9.]+ MB`).MatchString(msg) || !strings.Contains(msg, "text of the lesson still works") {
		t.Errorf("the message does not say that the engine's download was cut off and the text still works: %q", msg)
	}
	env.screenshot(t, tb, "fault-wasm")
	assertProseReadable(t, tb, "bn-steps")
	assertRetryByKeyboard(t, tb, "error", "reload", "help-button")
	// The page is not reloaded by Retry: a mark set now must survive it.
	tb.eval(t, `(window.bnlabFaultMark = "kept", "")`)

	p.set("wasm", fault{status: http.StatusServiceUnavailable})
	before := p.hitCount("wasm")
	pressRetry(t, tb, "reload")
	tb.waitFor(t, readyTimeout, `document.body.dataset.state === "error" && !document.getElementById("error").hidden ? "again" : ""`)
	msg = tb.eval(t, `document.getElementById("error").innerText`)
	t.Logf("503: %q", msg)
	if !strings.Contains(msg, "503") {
		t.Errorf("the message does not give the server's answer 503: %q", msg)
	}
	if p.hitCount("wasm") == before {
		t.Error("Retry did not download the engine again")
	}
	if f := tb.eval(t, `document.activeElement.id`); f != "reload" {
		t.Errorf("after a failed retry focus is on %q, not back on Retry", f)
	}

	p.set("wasm", fault{})
	pressRetry(t, tb, "reload")
	if st := tb.waitFor(t, readyTimeout, `(s => s === "loading" ? "" : s)(document.body.dataset.state)`); st != "ready" {
		t.Fatalf("after Retry with the engine served again: state %q: %s", st, tb.eval(t, `document.getElementById("error").innerText`))
	}
	if m := tb.eval(t, `window.bnlabFaultMark || ""`); m != "kept" {
		t.Error("Retry reloaded the whole page; it should retry the engine in place")
	}
	if h := tb.eval(t, `location.hash`); !strings.Contains(h, "x=3,5,7,9") || !strings.Contains(h, "gamma=2") {
		t.Errorf("the address lost the student's place: %q", h)
	}
	mu := tb.waitFor(t, 20*time.Second, `(t => t === "·" ? "" : t)(document.querySelector('[data-bind="mu"]').textContent.trim())`)
	if v, err := parseNum(mu); err != nil || v != 6 {
		t.Errorf("after Retry μ shows %q, want 6", mu)
	}
}

// testFaultMNIST: the MNIST file answers 404, then 500, then is cut off
// partway; each says what happened and keeps the text readable, and Retry
// once the file is served again trains the lesson.
func testFaultMNIST(t *testing.T, env *browserEnv) {
	p := newFaultProxy(t, env.base)
	tb := env.openFaultTab(t, p)
	p.set("mnist", fault{status: http.StatusNotFound})
	tb.open(t, p.page()+"#lesson=histograms&seed=5")
	msg := waitDataFault(t, tb, `answered 404`)
	t.Logf("404: %q", msg)
	env.screenshot(t, tb, "fault-mnist")
	assertProseReadable(t, tb, "histograms")
	assertRetryByKeyboard(t, tb, "data-error", "data-retry", "speed")

	p.set("mnist", fault{status: http.StatusInternalServerError})
	pressRetry(t, tb, "data-retry")
	msg = waitDataFault(t, tb, `answered 500.*Tried again once`)
	t.Logf("500: %q", msg)

	p.set("mnist", fault{cut: true})
	pressRetry(t, tb, "data-retry")
	msg = waitDataFault(t, tb, `cut off partway.*Tried again 2 times`)
	t.Logf("cut off: %q", msg)
	assertProseReadable(t, tb, "histograms")

	p.set("mnist", fault{})
	n := p.hitCount("mnist")
	pressRetry(t, tb, "data-retry")
	assertTrains(t, tb)
	if p.hitCount("mnist") <= n {
		t.Error("Retry did not request the MNIST file again")
	}
	if h := tb.eval(t, `location.hash`); !strings.Contains(h, "lesson=histograms") || !strings.Contains(h, "seed=5") || strings.HasSuffix(h, "&") {
		t.Errorf("the address after Retry is %q; want the lesson's canonical address", h)
	}
}
