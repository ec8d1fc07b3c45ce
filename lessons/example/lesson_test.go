package example

import (
	"math"
	"strings"
	"testing"

	"bnlab/lessons/lessontest"
)

// TestShareSettlesTowardsP: after many flips the share of heads is within
// four standard errors of p, for several p.
func TestShareSettlesTowardsP(t *testing.T) {
	for _, p := range []string{"0.05", "0.5", "0.95"} {
		l := lessontest.After[*Lesson](t, New(), "#lesson=example&p="+p+"&seed=3", 20000)
		v := l.View()
		se := math.Sqrt(v.P * (1 - v.P) / float64(v.Flips))
		if v.Flips != 20000 || math.Abs(v.Share-v.P) > 4*se {
			t.Errorf("p %s: %d flips, share %v (±%v)", p, v.Flips, v.Share, 4*se)
		}
	}
}

// TestSameSeedSameFlips: a configuration and a seed give the same flips;
// another seed gives others.
func TestSameSeedSameFlips(t *testing.T) {
	a := lessontest.After[*Lesson](t, New(), "#lesson=example&seed=1", 500).View()
	b := lessontest.After[*Lesson](t, New(), "#lesson=example&seed=1", 500).View()
	c := lessontest.After[*Lesson](t, New(), "#lesson=example&seed=2", 500).View()
	if *a != *b || *a == *c {
		t.Errorf("seed 1 twice: %+v, %+v; seed 2: %+v", a, b, c)
	}
}

// TestFlipTenAndBadAction: the action flips ten times; another is an error.
func TestFlipTenAndBadAction(t *testing.T) {
	l := lessontest.OpenAs[*Lesson](t, New(), "#lesson=example")
	if err := l.Do(actFlip); err != nil || l.View().Flips != 10 {
		t.Fatalf("flip-ten: err %v, %d flips", err, l.View().Flips)
	}
	if err := l.Do("fly"); err == nil || !strings.Contains(err.Error(), `unknown action "fly"`) {
		t.Errorf("err %v", err)
	}
}

// TestFramePanels: the frame's panels are safe HTML named after the lesson
// and say what the stage shows.
func TestFramePanels(t *testing.T) {
	l := lessontest.After[*Lesson](t, New(), "#lesson=example&p=0.25", 40)
	out := render(l.View())
	texts := lessontest.CheckOutput(t, out, "example-", []string{"example-tally"}, 200)
	if !strings.Contains(texts["example-tally"], "40 flips") {
		t.Errorf("tally %q", texts["example-tally"])
	}
}
