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
		a.remote.start(a) // the overlay also checks that the worker answers
	}
	a.debugOn = on
	if !on {
		return
	}
	sps, where := float64(len(a.stepTick)), "stage"
	if a.isRemote {
		sps, where = a.remote.perSec, "worker"
	}
	panels := ""
	if a.isRemote {
		panels = fmt.Sprintf("\npage panels %.1f ms per frame (JS)", a.page.Get("panelMs").Float())
	}
	text := fmt.Sprintf("FPS %5.1f  TPS %4.1f\nGo ms/frame p50 %.2f  p95 %.2f\nsteps/s %.1f (%s)  playing %v ×%g\nworker %s%s",
		ebiten.ActualFPS(), ebiten.ActualTPS(), a.frames.percentile(50), a.frames.percentile(95),
		sps, where, a.playing, a.speed, a.remote.status(), panels)
	setText(el, text)
	el.Get("dataset").Set("fps", fmt.Sprintf("%.1f", ebiten.ActualFPS()))
	el.Get("dataset").Set("goMs", fmt.Sprintf("%.3f", a.frames.percentile(95)))
	el.Get("dataset").Set("goMs50", fmt.Sprintf("%.3f", a.frames.percentile(50)))
	el.Get("dataset").Set("stepsPerSec", fmt.Sprintf("%.1f", sps))
}
