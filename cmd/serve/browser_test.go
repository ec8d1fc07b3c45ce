package main

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowser builds the real site once, starts one headless Chromium, and
// runs every browser check as a subtest in its own tab. Each tab fails its
// subtest if the page logs a console error or throws an uncaught exception.
//
//	go test ./cmd/serve -run TestBrowser -v           (all)
//	go test ./cmd/serve -run 'TestBrowser/URLRestores' (one)
func TestBrowser(t *testing.T) {
	env := startBrowserEnv(t)
	t.Run("Ready", func(t *testing.T) { testReady(t, env) })
	t.Run("ControlChangesNumbers", func(t *testing.T) { testControlChangesNumbers(t, env) })
	t.Run("URLRestoresState", func(t *testing.T) { testURLRestoresState(t, env) })
	t.Run("StageNotBlank", func(t *testing.T) { testStageNotBlank(t, env) })
	t.Run("Axe", func(t *testing.T) { testAxe(t, env) })
	t.Run("Lessons", func(t *testing.T) { testLessons(t, env) })
	t.Run("Checks", func(t *testing.T) { testChecks(t, env) })
	t.Run("Glossary", func(t *testing.T) { testGlossary(t, env) })
	t.Run("Overview", func(t *testing.T) { testOverview(t, env) })
	t.Run("Downloads", func(t *testing.T) { testDownloads(t, env) })
	t.Run("Embed", func(t *testing.T) { testEmbed(t, env) })
	t.Run("ReducedMotion", func(t *testing.T) { testReducedMotion(t, env) })
	t.Run("Export", func(t *testing.T) { testExport(t, env) })
	t.Run("RandomUser", func(t *testing.T) { testRandomUser(t, env) })
	t.Run("Lighthouse", func(t *testing.T) { testLighthouse(t, env) })
	t.Run("Faults", func(t *testing.T) { testFaults(t, env) })
	t.Run("Offline", func(t *testing.T) { testOffline(t, env) })
}

// testReady: the first lesson loads, its live numbers are filled in, and the
// stage has a canvas.
func testReady(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base)
	if got := tb.eval(t, `document.body.dataset.lesson || ""`); got != "bn-steps" {
		t.Errorf("default lesson %q, want bn-steps", got)
	}
	mu := tb.waitFor(t, 10*time.Second, `(t => t === "·" ? "" : t)(document.querySelector('[data-bind="mu"]').textContent.trim())`)
	if _, err := parseNum(mu); err != nil {
		t.Errorf("μ shows %q, not a number: %v", mu, err)
	}
	canvas := tb.eval(t, `(c => c ? c.width + "x" + c.height : "")(document.getElementById("stage-frame").contentDocument.querySelector("canvas"))`)
	if canvas == "" || strings.HasPrefix(canvas, "0x") || strings.HasSuffix(canvas, "x0") {
		t.Errorf("stage canvas %q: want a canvas of non-zero size in the iframe", canvas)
	}
}

// testControlChangesNumbers: pressing → on the γ slider (as a keyboard user
// would) changes γ, the y column and the step-4 formula, and not the x column.
func testControlChangesNumbers(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=bn-steps&x=3,5,7,9&gamma=1&beta=0&seed=7")
	before := readBNTable(t, tb) // waits for the first frame
	y1 := tb.eval(t, `document.querySelector('[data-bind="y1"]').textContent`)
	g0 := tb.eval(t, `document.getElementById("c-gamma").value`)
	if err := chromedp.Do(tb.ctx,
		chromedp.Focus(chromedp.ID("c-gamma")),
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.KeyEvent(kb.ArrowRight),
	); err != nil {
		t.Fatal(err)
	}
	g1 := tb.eval(t, `document.getElementById("c-gamma").value`)
	if g1 == g0 {
		t.Fatalf("γ slider still at %s after two → presses", g0)
	}
	tb.waitFor(t, 10*time.Second, fmt.Sprintf(`document.querySelector('[data-bind="y1"]').textContent !== %q ? "changed" : ""`, y1))
	after := readBNTable(t, tb)
	if len(after) != len(before) || len(after) == 0 {
		t.Fatalf("table rows %d → %d", len(before), len(after))
	}
	gamma, err := strconv.ParseFloat(g1, 64)
	if err != nil {
		t.Fatal(err)
	}
	for i := range after {
		if after[i][0] != before[i][0] {
			t.Errorf("row %d: x changed from %v to %v when only γ moved", i, before[i][0], after[i][0])
		}
		// y = γ·x̂ + β with β = 0: the table must follow the new γ.
		if want := gamma * after[i][2]; math.Abs(after[i][3]-want) > 0.02+0.01*math.Abs(want) {
			t.Errorf("row %d: y = %v, want γ·x̂ = %v·%v = %v", i, after[i][3], gamma, after[i][2], want)
		}
	}
	shown := tb.eval(t, `document.querySelector('[data-bind="gamma"]').textContent`)
	if v, err := parseNum(shown); err != nil || math.Abs(v-gamma) > 1e-6+1e-3*math.Abs(gamma) {
		t.Errorf("step-4 formula shows γ = %q, slider says %v", shown, gamma)
	}
	h := tb.waitFor(t, 5*time.Second, fmt.Sprintf(`location.hash.includes("gamma=%s") ? location.hash : ""`, g1))
	t.Logf("hash after the change: %s", h)
}

// testURLRestoresState: the example link restores x, γ and β, and
// the page shows μ = 6, σ² = 5 and the y values that follow.
func testURLRestoresState(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1&seed=7")
	tb.waitFor(t, 10*time.Second, `(t => t === "·" ? "" : t)(document.querySelector('[data-bind="mu"]').textContent.trim())`)
	num := func(sel string) float64 {
		s := tb.eval(t, fmt.Sprintf(`document.querySelector(%q).textContent`, sel))
		v, err := parseNum(s)
		if err != nil {
			t.Fatalf("%s shows %q: %v", sel, s, err)
		}
		return v
	}
	if mu := num(`[data-bind="mu"]`); math.Abs(mu-6) > 1e-6 {
		t.Errorf("μ = %v, want 6", mu)
	}
	if v := num(`[data-bind="var"]`); math.Abs(v-5) > 1e-6 {
		t.Errorf("σ² = %v, want 5", v)
	}
	for key, want := range map[string]string{"gamma": "2", "beta": "1", "x": "3,5,7,9"} {
		got := tb.eval(t, fmt.Sprintf(`document.getElementById("c-%s").value`, key))
		if strings.ReplaceAll(got, " ", "") != want {
			if a, err1 := strconv.ParseFloat(got, 64); err1 != nil || a != mustFloat(want) {
				t.Errorf("control %s shows %q, want %s", key, got, want)
			}
		}
	}
	eps := 1e-5
	if s := tb.eval(t, `(document.getElementById("o-eps") || {}).textContent || ""`); s != "" {
		if v, err := parseNum(s); err == nil {
			eps = v
		}
	}
	rows := readBNTable(t, tb)
	xs := []float64{3, 5, 7, 9}
	if len(rows) != len(xs) {
		t.Fatalf("table has %d rows, want %d", len(rows), len(xs))
	}
	for i, x := range xs {
		xhat := (x - 6) / math.Sqrt(5+eps)
		want := []float64{x, x - 6, xhat, 2*xhat + 1}
		for j, w := range want {
			if math.Abs(rows[i][j]-w) > 0.006 {
				t.Errorf("row %d column %d = %v, want %.4f", i, j, rows[i][j], w)
			}
		}
	}
	h := tb.eval(t, `location.hash`)
	q, err := url.ParseQuery(strings.TrimPrefix(h, "#"))
	if err != nil || q.Get("lesson") != "bn-steps" || q.Get("seed") != "7" {
		t.Errorf("hash after load %q lost the lesson or the seed", h)
	}
}

// testStageNotBlank: a screenshot of the stage iframe is not one flat colour.
func testStageNotBlank(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1&seed=7")
	time.Sleep(time.Second) // a few frames after ready
	png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.ID("stage-frame")))
	if err != nil {
		t.Fatal(err)
	}
	std, colours, err := pixelSpread(png)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stage: luminance std %.1f, %d distinct colours", std, colours)
	if std < 2 || colours < 8 {
		t.Errorf("stage looks blank: luminance std %.2f, %d distinct colours", std, colours)
	}
}
