//go:build js && wasm

package main

import (
	"fmt"
	"sort"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// frameStats keeps the Go time of the frames of the last statsWindow (at
// most 120) for the debug overlay, so that its percentiles describe what
// the stage does now, not the first frames of a lesson (which rasterise
// its glyphs and run its code for the first time); worst keeps the
// slowest frame since the last reset.
type frameStats struct {
	update, draw time.Duration // the current frame's parts
	recent       []float64     // Go milliseconds of recent frames
	at           []time.Time   // when each recent frame ended
	worst        float64
	shown        time.Time
	// apply and refresh are the parts of update spent applying a worker
	// frame and writing the view into the page; parts keeps, per recent
	// frame, apply, refresh, the rest of Update, and Draw (ms).
	apply, refresh time.Duration
	parts          [][4]float64
}

// statsWindow is the time the overlay's frame statistics cover.
const statsWindow = 3 * time.Second

func (f *frameStats) addUpdate(d time.Duration) { f.update = d }

// reset starts the statistics again (when play starts or stops).
func (f *frameStats) reset() {
	f.recent, f.at, f.parts, f.worst = f.recent[:0], f.at[:0], f.parts[:0], 0
}

// addDraw closes a frame: Update's and Draw's time together.
func (f *frameStats) addDraw(d time.Duration) {
	f.draw = d
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	now := time.Now()
	f.recent = append(f.recent, ms(f.update+f.draw))
	f.at = append(f.at, now)
	f.parts = append(f.parts, [4]float64{ms(f.apply), ms(f.refresh), ms(f.update - f.apply - f.refresh), ms(f.draw)})
	f.worst = max(f.worst, ms(f.update+f.draw))
	drop := max(len(f.recent)-120, 0)
	for drop < len(f.at)-1 && now.Sub(f.at[drop]) > statsWindow {
		drop++
	}
	if drop > 0 {
		f.recent = append(f.recent[:0], f.recent[drop:]...)
		f.at = append(f.at[:0], f.at[drop:]...)
		f.parts = append(f.parts[:0], f.parts[drop:]...)
	}
	f.apply, f.refresh = 0, 0
}

// partP95 returns the 95th percentile of part i of the recent frames.
func (f *frameStats) partP95(i int) float64 {
	if len(f.parts) == 0 {
		return 0
	}
	s := make([]float64, len(f.parts))
	for k, p := range f.parts {
		s[k] = p[i]
	}
	sort.Float64s(s)
	return s[min(len(s)-1, int(0.95*float64(len(s))))]
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
	sps, where := a.remote.perSec, "worker"
	panels := fmt.Sprintf("\npage panels %.1f ms per frame (JS)", a.page.Get("panelMs").Float())
	f := &a.frames
	p50, p95 := f.percentile(50), f.percentile(95)
	text := fmt.Sprintf("FPS %5.1f  TPS %4.1f\nGo ms/frame p50 %.2f  p95 %.2f (%d frames, %.0f s; max %.1f)\n  p95 parts: frame %.2f, page %.2f, update %.2f, draw %.2f\nsteps/s %.1f (%s)  playing %v ×%g\nworker %s%s",
		ebiten.ActualFPS(), ebiten.ActualTPS(), p50, p95, len(f.recent), statsWindow.Seconds(), f.worst,
		f.partP95(0), f.partP95(1), f.partP95(2), f.partP95(3),
		sps, where, a.playing, a.speed, a.remote.status(), panels)
	setText(el, text)
	el.Get("dataset").Set("fps", fmt.Sprintf("%.1f", ebiten.ActualFPS()))
	el.Get("dataset").Set("goMs", fmt.Sprintf("%.3f", p95))
	el.Get("dataset").Set("goMs50", fmt.Sprintf("%.3f", p50))
	el.Get("dataset").Set("stepsPerSec", fmt.Sprintf("%.1f", sps))
}
