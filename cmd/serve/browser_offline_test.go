package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// testOffline: after one visit the service worker holds every file of the
// site; then, with the server gone and the browser told it is offline,
// a reload of another lesson still reaches ready, trains on the stored
// MNIST images, and the page says it is offline.
func testOffline(t *testing.T, env *browserEnv) {
	p := newFaultProxy(t, env.base) // its own origin, so its own service worker
	tb := env.openTab(t)
	tb.open(t, p.base()+"#lesson=bn-steps&seed=7")
	// The worker activates once it has stored every file, and then
	// takes control of the page.
	got := tb.waitFor(t, 90*time.Second, `(r => r && r.active && r.active.state === "activated" && navigator.serviceWorker.controller ? "on" : "")(window.__bnlabReg)
		|| (navigator.serviceWorker.getRegistration().then(r => { window.__bnlabReg = r; }), "")`)
	if got != "on" {
		t.Fatal("no active service worker")
	}
	stored, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(async () => {
		const keys = (await caches.keys()).filter(k => k.startsWith("bnlab-"));
		const c = await caches.open(keys[0]);
		const names = (await c.keys()).map(r => new URL(r.url).pathname);
		return keys.length + " " + names.join(" ");
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 ", "/index.html", "/stage.html", ".wasm", "/mnist.", "/main."} {
		if !strings.Contains(stored, want) {
			t.Errorf("the offline copy lacks %q: %.300s", want, stored)
		}
	}
	p.stop()
	if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatal(err)
	}
	tb.open(t, p.base()+"#lesson=histograms&seed=5")
	if got := tb.eval(t, `(n => n.hidden ? "" : n.textContent)(document.getElementById("offline"))`); !strings.Contains(got, "offline") {
		t.Errorf("the page does not say it is offline: %q", got)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("step"))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(t, 60*time.Second, `(s => /Step <strong>1<\/strong>/.test(s) ? "trained" : "")(document.getElementById("histograms-status").innerHTML)`)
}
