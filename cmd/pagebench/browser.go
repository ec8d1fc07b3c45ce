package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// newBrowser starts headless Chromium with a fresh profile (a cold HTTP
// cache) and the SwiftShader flags of DESIGN.md, at a 1280×900 window.
func newBrowser(chromium string) (context.Context, func(), error) {
	profile, err := os.MkdirTemp("", "pagebench-profile")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := func() { cancel(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	// Record when body[data-state] leaves "loading", on the page's own clock
	// (performance.now(), zero at navigation start, like the paint entries).
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: readyProbe})
	if err != nil {
		stop()
		return nil, nil, err
	}
	return ctx, stop, nil
}

const readyProbe = `(() => {
  if (window !== window.top) return;
  const mark = () => {
    const s = document.body && document.body.dataset.state;
    if (s && s !== "loading" && !window.__pbReady) window.__pbReady = {state: s, t: performance.now()};
  };
  new MutationObserver(mark).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-state"]});
})()`

// loadTiming is one page load.
type loadTiming struct {
	FCP   float64 `json:"fcp"`   // ms from navigation start to first contentful paint
	Ready float64 `json:"ready"` // ms from navigation start to data-state=ready
	State string  `json:"state"`
	Error string  `json:"error"`
	// Marks are the load's stages: the navigation timing of the page, then
	// what stage.js and the Go program mark (wasm/marks.go), in ms from
	// navigation start.
	Marks []struct {
		Name string  `json:"name"`
		T    float64 `json:"t"`
	} `json:"marks"`
}

// load navigates to url (from about:blank) and waits until the page is ready
// or failed, then returns its timings.
func load(ctx context.Context, url string, timeout time.Duration) (loadTiming, error) {
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url)); err != nil {
		return loadTiming{}, err
	}
	var lt loadTiming
	err := poll(ctx, timeout, `window.__pbReady ? JSON.stringify({
		fcp: (performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint") || {startTime: -1}).startTime,
		ready: window.__pbReady.t, state: window.__pbReady.state,
		marks: ((n) => ["responseStart", "domInteractive", "domContentLoadedEventEnd"].filter(k => n && n[k] > 0).map(k => ({name: k, t: n[k]})))(performance.getEntriesByType("navigation")[0])
			.concat(performance.getEntriesByType("mark").filter(m => m.name.startsWith("bnlab:")).map(m => ({name: m.name.slice(6), t: m.startTime}))),
		error: (document.getElementById("error-text") || {}).textContent || ""}) : ""`, &lt)
	if err != nil {
		return lt, err
	}
	if lt.State != "ready" {
		return lt, fmt.Errorf("page state %q: %s", lt.State, lt.Error)
	}
	return lt, nil
}

// poll evaluates expr, which gives a JSON string or "", until it is not empty,
// and decodes it into v.
func poll(ctx context.Context, timeout time.Duration, expr string, v any) error {
	deadline := time.Now().Add(timeout)
	for {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err == nil && s != "" {
			return decode(s, v)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waited %s for the page (last error: %v)", timeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
