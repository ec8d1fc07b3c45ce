package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// testEmbed: ?embed=1 shows the lesson without the course's navigation
// (lesson list, pager, glossary, overview link) and still reaches ready;
// Copy link and Embed give the exact state's address and an iframe of it.
func testEmbed(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"?embed=1#lesson=dropout&seed=3")
	hidden := tb.eval(t, `["nav.lesson-list", ".pager", "#glossary", "#overview-link", "footer.credits"].map(s => {
		const e = document.querySelector(s); return s + "=" + (e ? getComputedStyle(e).display : "missing"); }).join(" ")`)
	for _, part := range strings.Fields(hidden) {
		if !strings.HasSuffix(part, "=none") {
			t.Errorf("embed mode shows %s", part)
		}
	}
	if got := tb.eval(t, `(s => s && s.offsetHeight > 100 ? "shown" : "")(document.querySelector('section[data-lesson="dropout"]'))`); got != "shown" {
		t.Error("the lesson's text is not shown in embed mode")
	}
	env.screenshot(t, tb, "embed-dropout")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("copy-link"))); err != nil {
		t.Fatal(err)
	}
	link := tb.waitFor(t, 5*time.Second, `document.getElementById("copied").hidden ? "" : document.getElementById("copied").textContent`)
	if !strings.Contains(link, "#lesson=dropout") || !strings.Contains(link, "seed=3") || strings.Contains(link, "embed=1") {
		t.Errorf("copied link %q: want this state's address, without embed", link)
	}
	// The embed code is offered outside embed mode.
	tb.open(t, env.base+"#lesson=dropout&seed=3")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("copy-embed"))); err != nil {
		t.Fatal(err)
	}
	code := tb.waitFor(t, 5*time.Second, `(e => e.hidden || !e.textContent.includes("iframe") ? "" : e.textContent)(document.getElementById("copied"))`)
	if !strings.Contains(code, `<iframe src="`) || !strings.Contains(code, "?embed=1#lesson=dropout") || !strings.Contains(code, "seed=3") || !strings.Contains(code, `title="`) {
		t.Errorf("embed code %q", code)
	}
}

// testExport: the histograms lesson's "Your networks as code" panel holds
// the PyTorch and Keras scripts for the state on screen, and Download .py
// saves the PyTorch one under the lesson's name.
func testExport(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	dir := t.TempDir()
	if _, err := chromedp.Call(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	tb.open(t, env.base+"#lesson=histograms&depth=4&lr=0.5")
	torch := tb.waitFor(t, 30*time.Second, `(p => p ? p.textContent : "")(document.getElementById("histograms-export-pytorch"))`)
	if strings.Count(torch, "nn.Linear(") != 2*5 || !strings.Contains(torch, "LR = 0.5") || !strings.Contains(torch, "model.eval()") {
		t.Errorf("the PyTorch code does not follow the state (4 hidden layers, lr 0.5): %.400s", torch)
	}
	keras := tb.eval(t, `document.getElementById("histograms-export-keras").textContent`)
	if !strings.Contains(keras, "layers.BatchNormalization(momentum=0.9") {
		t.Errorf("Keras code: %.300s", keras)
	}
	if err := chromedp.Do(tb.ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("histograms-export").closest("details").open = true; 0`),
		chromedp.Click(chromedp.CSS(`a[data-save="histograms-export-pytorch"]`))); err != nil {
		t.Fatal(err)
	}
	tb.eval(t, `(document.getElementById("histograms-export").scrollIntoView(), "")`)
	env.screenshot(t, tb, "export-histograms")
	var got []byte
	for deadline := time.Now().Add(15 * time.Second); got == nil && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(dir, "bnlab_histograms_pytorch.py")); err == nil && len(b) > 0 {
			got = b
		}
	}
	if string(got) != torch {
		t.Errorf("downloaded %d bytes, want the %d of the PyTorch code", len(got), len(torch))
	}
}
