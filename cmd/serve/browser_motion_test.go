package main

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// testReducedMotion: with prefers-reduced-motion the stage steps its
// animations to their end at once (it says so on the page's body, which
// it sets from the same media query it obeys), and a training step still
// shows; without the preference it animates.
func testReducedMotion(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=dropout&seed=3")
	time.Sleep(500 * time.Millisecond) // a few stage frames
	if m := tb.eval(t, `document.body.dataset.motion || ""`); m != "" {
		t.Errorf("motion %q without the preference", m)
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}}); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(t, 10*time.Second, `document.body.dataset.motion === "reduced" ? "yes" : ""`)
	// Training steps still show: the stage steps, it does not stop.
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("step"))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(t, 20*time.Second, `(s => /\b1\b/.test(s) ? "stepped" : "")(document.getElementById("clock").textContent)`)
}
