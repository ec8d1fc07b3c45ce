package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// testDownloads: bn-steps' running-statistics chart has PNG, SVG and CSV
// buttons, reachable by keyboard and labelled; each writes a file named
// after the lesson, the chart and the settings: a PNG at least 1500 px
// wide, the SVG itself, and the chart's numbers as CSV.
func testDownloads(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	dir := t.TempDir()
	if _, err := chromedp.Call(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	tb.open(t, env.base+"#lesson=bn-steps&batches=3")
	sel := `#bn-steps-running-chart .downloads button[data-download="%s"]`
	tb.waitFor(t, 20*time.Second, `(b => b ? b.getAttribute("aria-label") : "")(document.querySelector('`+strings.ReplaceAll(sel, "%s", "csv")+`'))`)
	for _, kind := range []string{"csv", "svg", "png"} {
		s := strings.ReplaceAll(sel, "%s", kind)
		if got := tb.eval(t, `(b => b.tabIndex + " " + b.getAttribute("aria-label"))(document.querySelector('`+s+`'))`); !strings.HasPrefix(got, "0 Download") {
			t.Errorf("%s button: tabindex and label %q", kind, got)
		}
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(s))); err != nil {
			t.Fatal(err)
		}
		var file string
		deadline := time.Now().Add(15 * time.Second)
		for file == "" && time.Now().Before(deadline) {
			m, _ := filepath.Glob(filepath.Join(dir, "*."+kind))
			if len(m) > 0 {
				file = m[0]
			}
			time.Sleep(100 * time.Millisecond)
		}
		if file == "" {
			t.Fatalf("no %s file downloaded", kind)
		}
		name := filepath.Base(file)
		if !strings.HasPrefix(name, "bnlab_bn-steps_running-statistics") || !strings.Contains(name, "batches=3") {
			t.Errorf("file name %q: want the lesson, the chart and the settings", name)
		}
		time.Sleep(300 * time.Millisecond) // let the file be written out
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		switch kind {
		case "csv":
			recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
			if err != nil || len(recs) != 5 || recs[0][0] != "batch" {
				t.Errorf("CSV: %d records (want a header and batches 0–3), err %v: %q", len(recs), err, b)
			}
		case "svg":
			if !strings.Contains(string(b), "<svg") || !strings.Contains(string(b), "Running statistics") {
				t.Errorf("SVG file: %.200q", b)
			}
		case "png":
			if len(b) < 24 || string(b[1:4]) != "PNG" {
				t.Fatalf("PNG file starts %q", b[:min(len(b), 8)])
			}
			w := int(b[16])<<24 | int(b[17])<<16 | int(b[18])<<8 | int(b[19])
			if w < 1500 {
				t.Errorf("PNG is %d px wide, want at least 1500", w)
			}
		}
	}
}
