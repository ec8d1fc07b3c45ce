package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"bnlab/lessons"
	"bnlab/lessons/course"
)

// testChecks: in every lesson that poses checks, the first check answered
// from the keyboard (a typed number and Enter, or a choice and Enter)
// shows the engine's verdict in its feedback region, and the page stays
// ready with no console error.
func testChecks(t *testing.T, env *browserEnv) {
	for _, e := range course.Lessons() {
		ch, ok := e.New().(lessons.Checker)
		if !ok || len(ch.Checks()) == 0 {
			continue
		}
		c := ch.Checks()[0]
		t.Run(e.ID, func(t *testing.T) {
			tb := env.openTab(t)
			tb.open(t, env.base+"#lesson="+e.ID)
			// The lesson's first frame has arrived once its feedback region is known to the worker's lesson.
			tb.waitFor(t, 20*time.Second, `(document.getElementById("`+c.ID+`") ? "ok" : "")`)
			var err error
			if c.Kind == lessons.ChoiceCheck {
				sel := fmt.Sprintf(`#%s input[value="%s"]`, c.ID, c.Options[len(c.Options)-1].Value)
				err = chromedp.Do(tb.ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.Enter))
			} else {
				sel := "#" + c.ID + ` input[name="prediction"]`
				err = chromedp.Do(tb.ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), "0.5"), chromedp.KeyEvent(kb.Enter))
			}
			if err != nil {
				t.Fatal(err)
			}
			got := tb.waitFor(t, 20*time.Second, `document.getElementById("`+c.ID+`-feedback").innerText.trim()`)
			if !strings.Contains(got, "engine") && !strings.Contains(got, "Right") {
				t.Errorf("feedback %q: want the engine's answer", got)
			}
			// A check the lesson cannot answer yet (lessons.Answer.NotYet)
			// says so and is not counted; any other verdict is kept.
			notYet := strings.HasPrefix(got, "Not yet.")
			if kept := tb.eval(t, `localStorage.getItem("bnlab.checks") || ""`); strings.Contains(kept, c.ID) == notYet {
				t.Errorf("answered checks kept %q; %s should be among them unless its verdict is Not yet (%v)", kept, c.ID, notYet)
			}
			if st := tb.eval(t, `document.body.dataset.state`); st != "ready" {
				t.Errorf("page state %q after a check", st)
			}
			env.screenshot(t, tb, "check-"+e.ID)
			if axe := axeSource(t); axe != "" {
				checkAxe(t, tb, axe) // with a check answered
			}
		})
	}
}

// testGlossary: a marked term is reachable by keyboard, is described by its
// glossary definition, and shows the definition in its pop-up on focus;
// Escape hides it. The Glossary button opens the panel.
func testGlossary(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=bn-steps")
	sel := `section[data-lesson="bn-steps"] [data-term="epsilon"]`
	if got := tb.eval(t, `(e => e ? e.tabIndex + " " + e.getAttribute("aria-describedby") : "")(document.querySelector('`+sel+`'))`); got != "0 gloss-epsilon" {
		t.Fatalf("the term ε: tabindex and aria-describedby %q, want \"0 gloss-epsilon\"", got)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	pop := tb.waitFor(t, 5*time.Second, `(p => p.hidden ? "" : p.innerText)(document.getElementById("term-pop"))`)
	if !strings.Contains(pop, "variance before the square root") {
		t.Errorf("pop-up %q: want ε's definition", pop)
	}
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if hidden := tb.eval(t, `String(document.getElementById("term-pop").hidden)`); hidden != "true" {
		t.Error("Escape did not hide the pop-up")
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("glossary-button"))); err != nil {
		t.Fatal(err)
	}
	if open := tb.eval(t, `String(document.getElementById("glossary").open) + " " + document.querySelectorAll("#glossary dt").length`); !strings.HasPrefix(open, "true ") {
		t.Errorf("the glossary panel after its button: open and terms %q", open)
	}
	env.screenshot(t, tb, "glossary")
}

// testOverview: the course overview lists every lesson with its objectives
// and every check, without the stage; a check answered in a lesson is
// ticked there, and its lesson link opens the lesson.
func testOverview(t *testing.T, env *browserEnv) {
	tb := env.openTab(t)
	tb.open(t, env.base+"#lesson=bn-steps")
	// Forget what earlier subtests answered (localStorage is per origin).
	tb.eval(t, `(localStorage.removeItem("bnlab.checks"), "")`)
	c := checksOf("bn-steps")[0]
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#%s input[value="under"]`, c))), chromedp.Click(chromedp.CSS("#"+c+` button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(t, 20*time.Second, `document.getElementById("`+c+`-feedback").innerText.trim()`)
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("overview-link"))); err != nil {
		t.Fatal(err)
	}
	got := tb.waitFor(t, 5*time.Second, `(s => s && !s.hidden ? s.querySelectorAll("ol.overview > li").length + " " + s.querySelectorAll("ol.review li").length + " " + s.querySelectorAll("li.answered").length : "")(document.querySelector('section[data-lesson="overview"]'))`)
	var lessonsN, checksN, answeredN int
	fmt.Sscan(got, &lessonsN, &checksN, &answeredN)
	total := 0
	for _, e := range course.Lessons() {
		total += len(checksOf(e.ID))
	}
	if lessonsN != len(course.Lessons()) || checksN != total || answeredN != 1 {
		t.Errorf("overview: %d lessons, %d checks, %d answered; want %d, %d, 1", lessonsN, checksN, answeredN, len(course.Lessons()), total)
	}
	if bench := tb.eval(t, `getComputedStyle(document.querySelector(".bench")).display`); bench != "none" {
		t.Errorf("the stage shows on the overview (display %q)", bench)
	}
	if h := tb.eval(t, `location.hash`); h != "#overview" {
		t.Errorf("the address became %q", h)
	}
	env.screenshot(t, tb, "overview")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`ol.overview a[href="#lesson=dropout"]`))); err != nil {
		t.Fatal(err)
	}
	tb.waitFor(t, 10*time.Second, `(s => s && !s.hidden ? "shown" : "")(document.querySelector('section[data-lesson="dropout"]'))`)
	if st := tb.eval(t, `document.body.dataset.state`); st != "ready" {
		t.Errorf("page state %q", st)
	}
}

// checksOf returns the ids of lesson id's checks.
func checksOf(id string) []string {
	var out []string
	for _, e := range course.Lessons() {
		if ch, ok := e.New().(lessons.Checker); ok && e.ID == id {
			for _, c := range ch.Checks() {
				out = append(out, c.ID)
			}
		}
	}
	return out
}
