package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axe-core is not committed: .ci/run installs it from npm into a cache
// directory and sets BNLAB_AXE to its axe.min.js. Locally:
//
//	npm install --prefix /tmp/bnlab-axe axe-core@4
//	BNLAB_AXE=/tmp/bnlab-axe/node_modules/axe-core/axe.min.js go test ./cmd/serve -run TestBrowser/Axe

// axeSource returns the text of axe.min.js, or "" with a loud message when it
// cannot be found (a failure under CI).
func axeSource(t *testing.T) string {
	t.Helper()
	cands := []string{os.Getenv("BNLAB_AXE")}
	if root, err := findRoot("."); err == nil {
		cands = append(cands, filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	}
	cands = append(cands, filepath.Join(os.TempDir(), "bnlab-axe", "node_modules", "axe-core", "axe.min.js"))
	for _, p := range cands {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	msg := "axe-core not found (set BNLAB_AXE to axe.min.js, or `npm install --prefix /tmp/bnlab-axe axe-core@4`); looked in " + strings.Join(cands[1:], ", ")
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	fmt.Fprintln(os.Stderr, "!! ACCESSIBILITY CHECK NOT RUN: "+msg)
	t.Log("ACCESSIBILITY CHECK NOT RUN: " + msg)
	return ""
}

// axeViolation is one rule that failed, at any impact.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeRun runs axe in the page (iframes are checked separately) and returns
// every violation, whatever its impact (minor and moderate included). In
// the stage's iframe the three rules about a whole page's structure (one
// main landmark, a level-one heading, all content in landmarks) are off:
// the frame is a part of the page, and axe run from the page with iframes
// does not apply them to frames either. contextID 0 is the page's main world.
const axeRun = `(async () => {
  const r = await axe.run(document, {iframes: false, resultTypes: ["violations"], rules: window.top !== window ? frameRules : {}});
  return JSON.stringify(r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 200)),
  })));
})()`

// checkAxe injects axe-core into the page and into the stage iframe (through
// an isolated world, which the page's CSP does not govern) and fails the test
// for every violation.
func checkAxe(t *testing.T, tb *tab, src string) {
	t.Helper()
	contexts := map[string]runtime.ExecutionContextID{"page": 0}
	tree, err := chromedp.Call(tb.ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range tree.FrameTree.ChildFrames {
		w, err := chromedp.Call(tb.ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: f.Frame.ID, WorldName: "axe"})
		if err != nil {
			t.Fatalf("isolated world for frame %s: %v", f.Frame.URL, err)
		}
		contexts["frame "+f.Frame.URL] = w.ExecutionContextID
	}
	for where, id := range contexts {
		inCtx := func(p *runtime.EvaluateParams) { p.ContextID = id }
		if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](src+"\n;var frameRules = {region: {enabled: false}, \"landmark-one-main\": {enabled: false}, \"page-has-heading-one\": {enabled: false}};0", inCtx)); err != nil {
			t.Fatalf("injecting axe-core into %s: %v", where, err)
		}
		raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](axeRun, inCtx, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("axe.run in %s: %v", where, err)
		}
		var vs []axeViolation
		tb.decode(t, raw, &vs)
		for _, v := range vs {
			t.Errorf("axe (%s): %s %s: %s\n    %s", where, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n    "))
		}
		t.Logf("axe (%s): %d violations", where, len(vs))
	}
}

// testAxe: the first lesson, loaded and ready, then with the help panel
// open, and a lesson with the debug overlay on, have no accessibility
// violation at any impact; the other lessons are checked in Lessons.
func testAxe(t *testing.T, env *browserEnv) {
	src := axeSource(t)
	if src == "" {
		t.Skip("axe-core not found (see the message above)")
	}
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=bn-steps")
	checkAxe(t, tb, src)
	// With the help panel open, and with the debug overlay on.
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("help-button"))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(t, 5*time.Second, `document.getElementById("help").hidden ? "" : "open"`)
	checkAxe(t, tb, src)
	tb.open(t, env.base+"?debug=1#lesson=histograms")
	tb.waitFor(t, 10*time.Second, `document.getElementById("debug").hidden ? "" : "on"`)
	checkAxe(t, tb, src)
}
