package worker

import (
	"context"
	"time"
)

// Run drives h until ctx ends: it waits for messages while idle, and
// alternates slices of training with the messages that arrived meanwhile
// while playing; frames go out as FrameDue allows.
func (h *Host) Run(ctx context.Context, msgs <-chan In) {
	for {
		var batch []In
		if h.Running() {
			select { // yield so that messages arrive
			case m := <-msgs:
				batch = append(batch, m)
			case <-time.After(max(h.pause, time.Millisecond)):
			case <-ctx.Done():
				return
			}
		} else {
			select {
			case m := <-msgs:
				batch = append(batch, m)
			case <-ctx.Done():
				return
			}
		}
		for drained := false; !drained; {
			select {
			case m := <-msgs:
				batch = append(batch, m)
			default:
				drained = true
			}
		}
		h.Handle(batch)
		if h.Running() {
			h.Slice()
			h.StopIfFinished(false)
		}
		if h.FrameDue() {
			h.Render()
		}
	}
}

// FrameDue reports whether a frame should go out now: something changed,
// and it is the answer to a message, or play is paused, or the last frame
// is at least FrameGap (or twice its render time) old.
func (h *Host) FrameDue() bool {
	return h.dirty && (h.force || !h.playing || h.cfg.Now().Sub(h.lastPost) >= max(FrameGap, 2*h.renderDur))
}

// Slice runs steps for at most SliceBudget at the chosen speed and sets
// the pause before the next slice (Pause).
func (h *Host) Slice() {
	start := h.cfg.Now()
	since := func() time.Duration { return h.cfg.Now().Sub(start) }
	if h.interval == 0 { // as fast as possible; speed < 1 idles part of the time
		for first := true; h.Running() && (first || since() < SliceBudget); first = false {
			h.step()
		}
		h.pause = time.Millisecond
		if h.speed < 1 {
			h.pause = time.Duration(float64(since()) * (1 - h.speed) / h.speed)
		}
		return
	}
	h.acc += time.Duration(float64(start.Sub(h.lastRun)) * h.speed)
	h.lastRun = start
	for h.Running() && h.acc >= h.interval && since() < SliceBudget {
		h.step()
		h.acc -= h.interval
	}
	h.acc = min(h.acc, 2*h.interval) // do not pile up steps after a slow slice
	h.pause = min(max(time.Duration(float64(h.interval-h.acc)/h.speed), time.Millisecond), FrameGap)
}

// Pause is how long Run waits before the next slice.
func (h *Host) Pause() time.Duration { return h.pause }

// stepRate measures steps per second over windows of about a second.
type stepRate struct {
	start, prev time.Time
	n           int
	last        float64
}

func (r *stepRate) add(now time.Time, n int) {
	if now.Sub(r.prev) > time.Second { // after a pause, start a new window
		r.start, r.n = now, 0
	}
	r.prev = now
	r.n += n
	if d := now.Sub(r.start); d >= time.Second {
		r.last = float64(r.n) / d.Seconds()
		r.start, r.n = now, 0
	}
}

// perSec is the last measured rate, or 0 when no step ran for 2 seconds.
func (r *stepRate) perSec(now time.Time) float64 {
	if now.Sub(r.prev) > 2*time.Second {
		return 0
	}
	return r.last
}
