package worker

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"bnlab/engine/data"
)

// TestHostMessages: each message type, applied to a fresh host after the
// setup, gives the frame the stage expects.
func TestHostMessages(t *testing.T) {
	cases := []struct {
		name  string
		msgs  [][]In
		check func(t *testing.T, r *rig, f Frame)
	}{
		{"configure builds the lesson", [][]In{{configure("plain", 1)}}, func(t *testing.T, r *rig, f Frame) {
			l := r.lesson(t, "plain")
			if f.Lesson != "plain" || f.Gen != 1 || f.Panels["plain-a"] == "" || f.Stage != `{"n":1}` || f.Text != "a stage" {
				t.Errorf("frame %+v", f)
			}
			if l.values["x"] != "1" || l.seed != 7 || f.Hash != "#lesson=plain" || f.Error != "" {
				t.Errorf("configured with %v seed %d; frame hash %q error %q", l.values, l.seed, f.Hash, f.Error)
			}
		}},
		{"an unknown lesson is an error in the frame", [][]In{{configure("nope", 1)}}, func(t *testing.T, r *rig, f Frame) {
			if !strings.Contains(f.Error, `unknown lesson "nope"`) || f.Panels != nil {
				t.Errorf("frame %+v", f)
			}
		}},
		{"a bad value is an error in the frame", [][]In{{{Kind: Configure, Lesson: "plain", Values: map[string]string{"bad": "1"}, Gen: 1}}}, func(t *testing.T, r *rig, f Frame) {
			if !strings.Contains(f.Error, "bad is not a setting") {
				t.Errorf("error %q", f.Error)
			}
		}},
		{"action", [][]In{{configure("plain", 1)}, {{Kind: Action, Key: "go", Gen: 2}}}, func(t *testing.T, r *rig, f Frame) {
			if r.lesson(t, "plain").dos != 1 || f.Error != "" || f.Gen != 2 {
				t.Errorf("Do called %d times, frame %+v", r.lesson(t, "plain").dos, f)
			}
		}},
		{"an unknown action is an error", [][]In{{configure("plain", 1)}, {{Kind: Action, Key: "fly", Gen: 2}}}, func(t *testing.T, r *rig, f Frame) {
			if !strings.Contains(f.Error, `unknown action "fly"`) {
				t.Errorf("error %q", f.Error)
			}
		}},
		{"step takes one step and pauses", [][]In{{configure("plain", 1)}, {{Kind: Play, On: true, Gen: 2}}, {{Kind: Step, Gen: 3}}}, func(t *testing.T, r *rig, f Frame) {
			if r.lesson(t, "plain").steps != 1 || f.Steps != 1 || f.Playing {
				t.Errorf("%d steps, frame %+v", r.lesson(t, "plain").steps, f)
			}
		}},
		{"reset builds the lesson again", [][]In{{configure("plain", 1)}, {{Kind: Step, Gen: 2}}, {{Kind: Reset, Gen: 3}}}, func(t *testing.T, r *rig, f Frame) {
			if len(r.made["plain"]) != 2 || f.Steps != 0 || r.lesson(t, "plain").values["x"] != "1" {
				t.Errorf("%d lessons built, frame steps %d", len(r.made["plain"]), f.Steps)
			}
		}},
		{"a check is judged against the current state", [][]In{{configure("checks", 1)}, {{Kind: Step, Gen: 2}, {Kind: Step, Gen: 3}}, {{Kind: Check, Key: "checks-count", Prediction: "2", Gen: 4}}}, func(t *testing.T, r *rig, f Frame) {
			if v := f.Panels["checks-count-feedback"]; !strings.Contains(v, "Right") || !strings.Contains(v, "one per step") || f.Panels["checks-a"] == "" {
				t.Errorf("feedback %q, panels %v", v, f.Panels)
			}
		}},
		{"a wrong prediction says by how much", [][]In{{configure("checks", 1)}, {{Kind: Check, Key: "checks-count", Prediction: "3", Gen: 2}}}, func(t *testing.T, r *rig, f Frame) {
			if v := f.Panels["checks-count-feedback"]; !strings.Contains(v, "Not quite") || !strings.Contains(v, "3 above") {
				t.Errorf("feedback %q", v)
			}
		}},
		{"an unreadable prediction says what to type, escaped", [][]In{{configure("checks", 1)}, {{Kind: Check, Key: "checks-count", Prediction: "<b>", Gen: 2}}}, func(t *testing.T, r *rig, f Frame) {
			if v := f.Panels["checks-count-feedback"]; !strings.Contains(v, "type a number") || strings.Contains(v, "<b>") || !strings.Contains(v, `class="verdict unanswered"`) {
				t.Errorf("feedback %q", v)
			}
		}},
		{"a configure blanks the verdicts", [][]In{{configure("checks", 1)}, {{Kind: Check, Key: "checks-count", Prediction: "0", Gen: 2}}, {configure("checks", 3)}}, func(t *testing.T, r *rig, f Frame) {
			if v, ok := f.Panels["checks-count-feedback"]; !ok || v != "" {
				t.Errorf("feedback %q (present %v) after a configure", v, ok)
			}
		}},
		{"an unknown check is an error", [][]In{{configure("checks", 1)}, {{Kind: Check, Key: "nope", Prediction: "1", Gen: 2}}}, func(t *testing.T, r *rig, f Frame) {
			if !strings.Contains(f.Error, `no check "nope"`) {
				t.Errorf("error %q", f.Error)
			}
		}},
		{"a lesson without checks says so", [][]In{{configure("plain", 1)}, {{Kind: Check, Key: "plain-x", Prediction: "1", Gen: 2}}}, func(t *testing.T, r *rig, f Frame) {
			if !strings.Contains(f.Error, `no check "plain-x"`) {
				t.Errorf("error %q", f.Error)
			}
		}},
		{"play trains in slices", [][]In{{configure("plain", 1)}, {{Kind: Play, On: true, Gen: 2}}}, func(t *testing.T, r *rig, f Frame) {
			if !r.h.Running() || !f.Playing {
				t.Fatalf("not running after play: frame %+v", f)
			}
			r.h.Slice()
			if n := r.lesson(t, "plain").steps; n < 2 {
				t.Errorf("one slice took %d steps, want several", n)
			}
			r.send(In{Kind: Play, On: false, Gen: 3})
			if r.h.Running() || r.frame(t).Playing {
				t.Error("still running after pause")
			}
		}},
		{"a render error is shown", [][]In{{configure("badframe", 1)}}, func(t *testing.T, r *rig, f Frame) {
			if !strings.Contains(f.Error, "could not show this lesson's results: the chart has no data") {
				t.Errorf("error %q", f.Error)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t)
			for _, batch := range c.msgs {
				r.send(batch...)
			}
			c.check(t, r, r.frame(t))
		})
	}
}

// TestStaleGen: the frame carries the largest gen applied, so a frame the
// stage gets after a newer message is dropped as stale (Stale), and a late
// message with a smaller gen does not lower it.
func TestStaleGen(t *testing.T) {
	r := newRig(t)
	r.send(configure("plain", 5))
	r.send(In{Kind: Step, Gen: 3})
	f := r.frame(t)
	if f.Gen != 5 {
		t.Errorf("frame gen %d, want 5", f.Gen)
	}
	for _, c := range []struct {
		lesson string
		gen    int
		stale  bool
	}{{"plain", 5, false}, {"plain", 6, true}, {"other", 5, true}, {"plain", 4, false}} {
		if got := Stale(f.Lesson, f.Gen, c.lesson, c.gen); got != c.stale {
			t.Errorf("frame (plain, 5) for a stage at (%s, %d): stale %v, want %v", c.lesson, c.gen, got, c.stale)
		}
	}
}

// TestConfiguresCoalesce: of several configures in one batch (a dragged
// slider) only the last is applied, with the Fresh of any skipped one.
func TestConfiguresCoalesce(t *testing.T) {
	r := newRig(t)
	r.send(configure("plain", 1))
	first := configure("plain", 2)
	first.Fresh = true
	last := configure("plain", 3)
	last.Values = map[string]string{"x": "9"}
	r.send(first, configure("plain", 2), last)
	l := r.lesson(t, "plain")
	if len(r.made["plain"]) != 2 || l.configs != 2 || l.values["x"] != "9" {
		t.Errorf("%d lessons built; the newest configured %d times with %v; want a fresh one configured once more with x=9",
			len(r.made["plain"]), l.configs, l.values)
	}
	if f := r.frame(t); f.Gen != 3 {
		t.Errorf("frame gen %d, want 3", f.Gen)
	}
}

// TestFiniteLessonStops: play stops once a lesson with a budget is done,
// and pressing play again says why nothing happens.
func TestFiniteLessonStops(t *testing.T) {
	r := newRig(t)
	r.send(configure("finite", 1))
	r.send(In{Kind: Play, On: true, Gen: 2})
	r.h.Slice()
	r.h.StopIfFinished(false)
	if r.h.Running() {
		t.Fatal("still running after the budget")
	}
	r.h.Render()
	if f := r.frame(t); f.Playing || f.Steps != 3 {
		t.Errorf("frame %+v, want 3 steps and paused", f)
	}
	r.send(In{Kind: Play, On: true, Gen: 3})
	if f := r.frame(t); !strings.Contains(f.Error, "this run has finished") || f.Playing {
		t.Errorf("play on a finished run: frame %+v", f)
	}
}

// TestPanicBreaksTheLesson: a panic in Step becomes an error in the frame
// and stops training until the next configure.
func TestPanicBreaksTheLesson(t *testing.T) {
	r := newRig(t)
	var logged string
	r.h.cfg.Logf = func(format string, args ...any) { logged = format }
	r.send(configure("panics", 1))
	r.send(In{Kind: Step, Gen: 2})
	if f := r.frame(t); !strings.Contains(f.Error, "internal error in step (boom)") {
		t.Errorf("error %q", f.Error)
	}
	if logged == "" {
		t.Error("the panic was not logged")
	}
	r.send(In{Kind: Play, On: true, Gen: 3})
	if r.h.Running() {
		t.Error("a broken lesson runs")
	}
	r.lesson(t, "panics").panicStep = false
	r.send(configure("panics", 4))
	r.send(In{Kind: Step, Gen: 5})
	if f := r.frame(t); f.Error != "" || f.Steps != 1 {
		t.Errorf("after configure: frame %+v", f)
	}
}

// TestDataDelivery: a lesson that needs MNIST asks for it once, waits
// (saying so), reports a failed or damaged download with a way out, and
// trains once good data arrives.
func TestDataDelivery(t *testing.T) {
	r := newRig(t)
	r.send(configure("data", 1))
	r.send(configure("data", 2))
	if r.fetches != 1 {
		t.Errorf("%d downloads started, want 1", r.fetches)
	}
	r.send(In{Kind: Play, On: true, Gen: 3})
	if f := r.frame(t); r.h.Running() || !f.Playing {
		t.Errorf("waiting for data: running %v, frame playing %v (want false, true)", r.h.Running(), f.Playing)
	}
	r.send(In{Kind: Step, Gen: 4})
	if f := r.frame(t); !strings.Contains(f.Error, "still loading") {
		t.Errorf("step while loading: %q", f.Error)
	}

	r.send(In{Kind: Data, DataErr: "network down"})
	if f := r.frame(t); !strings.Contains(f.Error, "could not be downloaded (network down)") {
		t.Errorf("failed download: %q", f.Error)
	}
	if p, ok := r.out[len(r.out)-2].(Progress); !ok || !p.Done {
		t.Errorf("the progress line was not closed: %#v", r.out[len(r.out)-2])
	}
	r.send(configure("data", 5)) // a setting changed: try again
	if r.fetches != 2 {
		t.Errorf("%d downloads after the retry, want 2", r.fetches)
	}
	r.send(In{Kind: Data, Data: []byte("not MNIST")})
	if f := r.frame(t); !strings.Contains(f.Error, "arrived damaged") {
		t.Errorf("damaged download: %q", f.Error)
	}

	r.send(configure("data", 6))
	r.send(In{Kind: Data, Data: compactMNIST(t)})
	if l := r.lesson(t, "data"); l.data == nil || l.data.Train.Len() != 4 {
		t.Fatalf("the lesson got no data")
	}
	r.send(In{Kind: Play, On: true, Gen: 7})
	if !r.h.Running() {
		t.Error("not training once the data arrived")
	}
}

// TestNoDownloader: a worker script that cannot download says so.
func TestNoDownloader(t *testing.T) {
	r := newRig(t)
	r.canGet = false
	r.send(configure("data", 1))
	if f := r.frame(t); !strings.Contains(f.Error, "cannot download the MNIST images") {
		t.Errorf("error %q", f.Error)
	}
}

// TestFramePacing: while playing, frames go out at most every FrameGap;
// an answer to a message goes out at once.
func TestFramePacing(t *testing.T) {
	r := newRig(t)
	r.send(configure("plain", 1))
	r.send(In{Kind: Play, On: true, Gen: 2})
	posted := len(r.out)
	r.h.Slice()
	if r.h.FrameDue() {
		t.Error("a frame is due right after the last one")
	}
	r.now = r.now.Add(FrameGap)
	if !r.h.FrameDue() {
		t.Error("no frame due after FrameGap")
	}
	r.h.Render()
	r.h.Slice()
	r.send(In{Kind: Action, Key: "go", Gen: 3})
	if len(r.out) != posted+2 {
		t.Errorf("%d frames posted, want 2 (one after FrameGap, one answering the action)", len(r.out)-posted)
	}
}

// compactMNIST is a tiny MNIST file as the page downloads it.
func compactMNIST(t *testing.T) []byte {
	t.Helper()
	set := func(n int) *data.Set {
		s := &data.Set{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*784), Labels: make([]uint8, n)}
		for i := range s.Labels {
			s.Labels[i] = uint8(i % 10)
		}
		return s
	}
	var b bytes.Buffer
	if err := data.WriteCompactMNIST(&b, &data.MNIST{Train: set(4), Test: set(2)}, 4, 2); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRunStopsWithItsContext: Run applies messages as they come, answers
// each with a frame, and returns when its context ends.
func TestRunStopsWithItsContext(t *testing.T) {
	r := newRig(t)
	r.h.cfg.Now = time.Now
	frames := make(chan Frame, 16)
	r.h.cfg.Post = func(o Out) {
		if f, ok := o.(Frame); ok {
			frames <- f
		}
	}
	msgs := make(chan In, 4)
	ctx, cancel := contextWithCancel()
	done := make(chan struct{})
	go func() { r.h.Run(ctx, msgs); close(done) }()
	msgs <- configure("plain", 1)
	msgs <- In{Kind: Play, On: true, Gen: 2}
	msgs <- In{Kind: Play, On: false, Gen: 3}
	msgs <- In{Kind: Step, Gen: 4}
	for f := range frames {
		if f.Gen == 4 {
			if f.Playing || f.Steps < 1 {
				t.Errorf("last frame %+v: want paused after at least one step", f)
			}
			break
		}
	}
	cancel()
	<-done
}
