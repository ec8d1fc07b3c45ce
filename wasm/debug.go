//go:build js && wasm

package main

import (
	"fmt"
	"sort"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// frameStats keeps the Go time of the last frames for the debug overlay.
type frameStats struct {
	update, draw time.Duration // the current frame's parts
	recent       []float64     // Go milliseconds of recent frames
	shown        time.Time
}

func (f *frameStats) addUpdate(d time.Duration) { f.update = d }

// addDraw closes a frame: Update's and Draw's time together.
func (f *frameStats) addDraw(d time.Duration) {
	f.draw = d
	f.recent = append(f.recent, float64(f.update+f.draw)/float64(time.Millisecond))
	if len(f.recent) > 120 {
		f.recent = f.recent[len(f.recent)-120:]
	}
}

// percentile returns the p-th percentile (0..100) of the recent frames.
func (f *frameStats) percentile(p float64) float64 {
	if len(f.recent) == 0 {
		return 0
	}
	s := append([]float64(nil), f.recent...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(p/100*float64(len(s))))]
}

// showDebug writes the overlay four times a second while it is visible;
// the overlay is toggled by main.js (key d, or ?debug=1).
func (a *app) showDebug() {
	el := a.dom.byID("debug")
	now := time.Now()
	if now.Sub(a.frames.shown) < 250*time.Millisecond {
		return
	}
	a.frames.shown = now
	on := !el.Get("hidden").Bool()
	if on && !a.debugOn {
		a.worker.start() // the overlay also checks that the worker answers
	}
	a.debugOn = on
	if !on {
		return
	}
	text := fmt.Sprintf("FPS %5.1f  TPS %4.1f\nGo ms/frame p50 %.2f  p95 %.2f\nsteps/s %d  playing %v ×%g\nworker %s",
		ebiten.ActualFPS(), ebiten.ActualTPS(), a.frames.percentile(50), a.frames.percentile(95),
		len(a.stepTick), a.playing, a.speed, a.worker.status())
	setText(el, text)
	el.Get("dataset").Set("fps", fmt.Sprintf("%.1f", ebiten.ActualFPS()))
	el.Get("dataset").Set("goMs", fmt.Sprintf("%.3f", a.frames.percentile(95)))
}
