package main

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestModeToggleAndEndInBrowser checks two behaviours of worker lessons in a real
// browser: train-eval's Mode control is a toggle that keeps the trained
// network and its step count, and a lesson with a fixed budget
// (overfitting, mistakes) stops playing at its end, the Play button
// returning to paused.
//
//	go test ./cmd/serve -run TestModeToggleAndEndInBrowser -v
func TestModeToggleAndEndInBrowser(t *testing.T) {
	env := startBrowserEnv(t)
	t.Run("TrainEvalModeToggle", func(t *testing.T) { testTrainEvalModeToggle(t, env) })
	t.Run("OverfittingStopsAtEnd", func(t *testing.T) { testStopsAtEnd(t, env, "overfitting", "steps=100", "step 100 of 100") })
	t.Run("MistakesStopsAtEnd", func(t *testing.T) { testStopsAtEnd(t, env, "mistakes", "steps=50", "measured") })
}

var clockStep = regexp.MustCompile(`^step (\d+)( of \d+)?$`)

// clockSteps reads "step N" from #clock (-1 when it says something else).
func clockSteps(t *testing.T, tb *tab) int {
	t.Helper()
	m := clockStep.FindStringSubmatch(tb.eval(t, `document.getElementById("clock").textContent.trim()`))
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// setChoice selects value in choice control key, as a student does.
func setChoice(t *testing.T, tb *tab, key, value string) {
	t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		`(s => { s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); })(document.getElementById("c-%s"))`, value, key))); err != nil {
		t.Fatalf("choosing %s=%s: %v", key, value, err)
	}
}

func testTrainEvalModeToggle(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=train-eval&mode=train&width=24")
	status := `document.getElementById("train-eval-status").textContent`
	tb.waitFor(t, 90*time.Second, status+`.includes("model.train()") ? "yes" : ""`)
	for range 3 { // a few steps, one at a time (the MNIST download may come first)
		before := clockSteps(t, tb)
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("step"))); err != nil {
			t.Fatalf("pressing Step: %v", err)
		}
		tb.waitFor(t, 90*time.Second, fmt.Sprintf(`(c => c !== "step %d" && /^step [1-9]/.test(c) ? "yes" : "")(document.getElementById("clock").textContent.trim())`, max(before, 0)))
	}
	n := clockSteps(t, tb)
	if n <= 0 {
		t.Fatalf("after three steps the clock says %q", tb.eval(t, `document.getElementById("clock").textContent`))
	}
	tb.waitFor(t, 10*time.Second, fmt.Sprintf(status+`.includes("step %d ") ? "yes" : ""`, n))
	trainLayers := tb.eval(t, `document.getElementById("train-eval-layers").innerHTML`)
	for i, mode := range []string{"eval", "train", "eval"} {
		setChoice(t, tb, "mode", mode)
		tb.waitFor(t, 20*time.Second, fmt.Sprintf(status+`.includes("model.%s()") ? "yes" : ""`, mode))
		if got := clockSteps(t, tb); got != n {
			t.Errorf("switch %d to %s: the clock says step %d, want %d (the mode must not restart training)", i, mode, got, n)
		}
		if s := tb.eval(t, status); !regexp.MustCompile(fmt.Sprintf(`step %d\b`, n)).MatchString(s) {
			t.Errorf("switch %d to %s: status %q, want step %d", i, mode, s, n)
		}
		layers := tb.eval(t, `document.getElementById("train-eval-layers").innerHTML`)
		if mode == "train" && layers != trainLayers {
			t.Errorf("back in train mode the layers table differs from before the switch")
		}
		if mode == "eval" && layers == trainLayers {
			t.Errorf("eval mode shows the train-mode layers table")
		}
	}
	env.screenshot(t, tb, "train-eval-toggled")
}

// testStopsAtEnd plays lesson id with a small budget (settings) until it
// ends: the Play button must return to paused with the clock at wantClock,
// and pressing Play again must leave it paused with a notice saying why.
func testStopsAtEnd(t *testing.T, env *browserEnv, id, settings, wantClock string) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson="+id+"&"+settings)
	tb.waitFor(t, 90*time.Second, fmt.Sprintf(`document.querySelector('section[data-lesson=%q]').textContent.includes("Waiting for the MNIST") ? "" : "yes"`, id))
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("play"))); err != nil {
		t.Fatalf("pressing Play: %v", err)
	}
	play := `(b => b.getAttribute("aria-pressed") + " " + b.textContent.trim())(document.getElementById("play"))`
	tb.waitFor(t, 5*time.Second, play+` === "true Pause" ? "yes" : ""`)
	tb.waitFor(t, 180*time.Second, play+` === "false Play" ? "yes" : ""`)
	clock := `document.getElementById("clock").textContent.trim()`
	if got := tb.eval(t, clock); got != wantClock {
		t.Errorf("the run stopped with the clock at %q, want %q", got, wantClock)
	}
	time.Sleep(time.Second)
	if got := tb.eval(t, play); got != "false Play" {
		t.Errorf("a second after the end the Play button says %q", got)
	}
	// Pressing Play on a finished run leaves it paused and says why.
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("play"))); err != nil {
		t.Fatalf("pressing Play again: %v", err)
	}
	tb.waitFor(t, 10*time.Second, `document.getElementById("notice").textContent.includes("finished") ? "yes" : ""`)
	tb.waitFor(t, 10*time.Second, play+` === "false Play" ? "yes" : ""`)
	if got := tb.eval(t, clock); got != wantClock {
		t.Errorf("after pressing Play on the finished run the clock says %q, want %q", got, wantClock)
	}
	env.screenshot(t, tb, id+"-finished")
}
