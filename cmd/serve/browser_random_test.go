package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"bnlab/lessons/course"
)

// randomUserJS performs n seeded random interactions on the page, in the
// way a student's hands would: sliders to random values and to their ends,
// choices, toggles, junk typed into the text inputs, the transport buttons
// and actions, keys, and predictions (junk too) submitted to the checks.
// It returns how many it performed.
const randomUserJS = `((seed, n) => {
  let s = seed >>> 0;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const junk = ["1e309", "NaN", "", "-1e309", "Infinity", Array.from({length: 70}, (_, i) => i).join(","), "<b>x</b>", "-0", "  ", "7e-400", "1;2", "0x10", "3,,5", "é", "1e15"];
  const fire = (el, ...types) => types.forEach((t) => el.dispatchEvent(new Event(t, { bubbles: true })));
  let done = 0;
  for (let i = 0; i < n; i++) {
    const sec = document.querySelector("section[data-lesson]:not([hidden])");
    const inputs = Array.from(document.querySelectorAll("#controls input, #controls select")).filter((e) => !e.disabled);
    const buttons = Array.from(document.querySelectorAll("#controls button, .transport button")).filter((b) => !b.disabled);
    const r = rnd();
    if (r < 0.45 && inputs.length) {
      const el = pick(inputs);
      if (el.type === "range") {
        const lo = +el.min, hi = +el.max;
        el.value = String(rnd() < 0.3 ? (rnd() < 0.5 ? lo : hi) : lo + rnd() * (hi - lo));
        fire(el, "input", "change");
      } else if (el.tagName === "SELECT") {
        el.selectedIndex = Math.floor(rnd() * el.options.length);
        fire(el, "change");
      } else if (el.type === "checkbox") {
        el.click();
      } else {
        el.value = pick(junk.concat(["3,5,7,9", "1", "0.5"]));
        fire(el, "input", "change");
      }
    } else if (r < 0.75 && buttons.length) {
      pick(buttons).click();
    } else if (r < 0.92) {
      const key = pick([" ", "ArrowRight", ".", "0", "+", "-", "r", "n", "c", "?", "Escape", "d"]);
      document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    } else if (sec) {
      const f = pick(Array.from(sec.querySelectorAll("form[data-check]")).concat([null]));
      if (f) {
        const t = f.querySelector("input[type=text]");
        if (t) t.value = pick(junk.concat(["0.5", "1", "12"])) || "x";
        const radios = Array.from(f.querySelectorAll("input[type=radio]"));
        if (radios.length) pick(radios).checked = true;
        f.requestSubmit();
      }
    }
    done++;
  }
  return done;
})`

// garbage is what must never be shown: NaN, Infinity, undefined, or a
// raw number of more than 15 digits.
var garbage = regexp.MustCompile(`\bNaN\b|\bInfinity\b|\bundefined\b|\d{16,}`)

// randomSeeds are the fixed seeds CI runs; BNLAB_RANDOM_SEEDS=N runs seeds
// 1..N instead. A seed that ever failed is kept here.
func randomSeeds() []uint32 {
	if n, err := strconv.Atoi(os.Getenv("BNLAB_RANDOM_SEEDS")); err == nil && n > 0 {
		var s []uint32
		for i := 1; i <= n; i++ {
			s = append(s, uint32(i))
		}
		return s
	}
	return []uint32{1, 2}
}

// testRandomUser: every lesson gets at least 500 seeded random
// interactions (in batches, while its training runs); afterwards there is
// no console error or uncaught exception (openTab checks), the page is
// still ready and still answers a step, and no visible text (prose,
// panels, stage description, clock) shows NaN, Infinity, undefined or a
// runaway number.
func testRandomUser(t *testing.T, env *browserEnv) {
	const perLesson, batch = 500, 25
	for _, seed := range randomSeeds() {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			tb := env.openTab(t)
			total := 0
			for i, e := range course.Lessons() {
				tb.open(t, env.base+"#lesson="+e.ID)
				for b := 0; b < perLesson/batch; b++ {
					n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](fmt.Sprintf("%s(%d, %d)", randomUserJS, seed*1000+uint32(i*100+b), batch)))
					if err != nil {
						t.Fatalf("%s: interactions: %v", e.ID, err)
					}
					total += n
					time.Sleep(40 * time.Millisecond)
				}
				time.Sleep(500 * time.Millisecond) // the last frames arrive
				if st := tb.eval(t, `document.body.dataset.state`); st != "ready" {
					t.Fatalf("%s: page state %q after %d interactions: %s", e.ID, st, perLesson, tb.eval(t, `document.getElementById("error-text").innerText`))
				}
				text := tb.eval(t, `(() => { const n = document.getElementById("notice"); const keep = n.hidden; n.hidden = true; const s = document.querySelector("main").innerText + "\n" + document.getElementById("stage-desc").innerText + "\n" + document.getElementById("clock").innerText; n.hidden = keep; return s; })()`)
				if m := garbage.FindAllString(text, 5); len(m) > 0 {
					i := garbage.FindStringIndex(text)
					t.Errorf("%s, seed %d: the page shows %q, e.g. …%s…", e.ID, seed, m, text[max(0, i[0]-80):min(len(text), i[1]+40)])
				}
			}
			if total < perLesson*len(course.Lessons()) {
				t.Errorf("%d interactions, want %d", total, perLesson*len(course.Lessons()))
			}
			// Still answering: one step changes nothing for the worse.
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("step"))); err != nil {
				t.Fatal(err)
			}
			if st := tb.eval(t, `document.body.dataset.state`); st != "ready" || strings.Contains(st, "error") {
				t.Errorf("page state %q at the end", st)
			}
		})
	}
}
