package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are what the Performance panel of DevTools records:
// main-thread tasks, script, layout and paint, user timing marks, and
// JavaScript/WebAssembly stack samples.
var traceCategories = []string{
	"devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing",
	"loading", "v8.execute", "v8", "disabled-by-default-v8.cpu_profiler", "toplevel",
}

// recorder collects the events of one Chrome trace.
type recorder struct {
	mu     sync.Mutex
	events []json.RawMessage
	done   chan struct{}
}

// startTrace starts a Chrome trace of the tab (stop it with stopTrace).
func startTrace(ctx context.Context) (*recorder, error) {
	r := &recorder{done: make(chan struct{})}
	data := chromedp.Events(ctx, tracing.DataCollected)
	complete := chromedp.Events(ctx, tracing.TracingComplete)
	go func() {
		for ev, err := range data {
			if err != nil {
				return
			}
			r.mu.Lock()
			for _, v := range ev.Value {
				b, err := json.Marshal(v)
				if err == nil {
					r.events = append(r.events, b)
				}
			}
			r.mu.Unlock()
		}
	}()
	go func() {
		for _, err := range complete {
			if err == nil {
				close(r.done)
			}
			return
		}
	}()
	_, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig:  &tracing.TraceConfig{IncludedCategories: traceCategories, EnableSampling: true},
	})
	return r, err
}

// stopTrace ends the trace and writes it to file as DevTools reads it
// (load it in the Performance panel) and prints a summary to out.
func (r *recorder) stopTrace(ctx context.Context, file string, out io.Writer) error {
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		return err
	}
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		return fmt.Errorf("the trace did not complete")
	}
	time.Sleep(200 * time.Millisecond) // the last dataCollected events
	r.mu.Lock()
	defer r.mu.Unlock()
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	enc := map[string]any{"traceEvents": r.events}
	if err := json.NewEncoder(f).Encode(enc); err != nil {
		return err
	}
	summarize(r.events, out)
	return nil
}

// traceEvent is the part of a trace event the summary reads.
type traceEvent struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	Ts   float64         `json:"ts"`
	Dur  float64         `json:"dur"`
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	Args json.RawMessage `json:"args"`
}

// summarize prints the long main-thread tasks and the marks of the trace.
func summarize(raw []json.RawMessage, out io.Writer) {
	var evs []traceEvent
	threads := map[[2]int]string{}
	for _, b := range raw {
		var e traceEvent
		if json.Unmarshal(b, &e) != nil {
			continue
		}
		if e.Ph == "M" && e.Name == "thread_name" {
			var a struct{ Name string }
			_ = json.Unmarshal(e.Args, &struct {
				Name *string `json:"name"`
			}{&a.Name})
			threads[[2]int{e.Pid, e.Tid}] = a.Name
		}
		evs = append(evs, e)
	}
	var t0 float64
	for _, e := range evs {
		if e.Name == "navigationStart" || e.Name == "TracingStartedInBrowser" {
			if t0 == 0 || e.Ts < t0 {
				t0 = e.Ts
			}
		}
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i].Ts < evs[j].Ts })
	fmt.Fprintln(out, "  trace: main-thread tasks over 50 ms, first contentful paints and bnlab marks (ms from the trace's start):")
	for _, e := range evs {
		th := threads[[2]int{e.Pid, e.Tid}]
		switch {
		case e.Ph == "X" && e.Name == "RunTask" && e.Dur > 50000 && th == "CrRendererMain":
			fmt.Fprintf(out, "    %8.1f  task %6.1f ms\n", (e.Ts-t0)/1000, e.Dur/1000)
		case e.Name == "firstContentfulPaint" || strings.HasPrefix(e.Name, "bnlab:"):
			fmt.Fprintf(out, "    %8.1f  %s\n", (e.Ts-t0)/1000, e.Name)
		}
	}
}

// traceRun records, instead of the measurements, Chrome traces of a warm
// load of bn-steps (prefix-load.json) and of trainer playing for d
// (prefix-train.json), and prints their long tasks.
func traceRun(ctx context.Context, out io.Writer, base, prefix, trainer string, d, timeout time.Duration) error {
	if _, err := load(ctx, base+"#lesson=bn-steps", timeout); err != nil { // fills the cache
		return err
	}
	r, err := startTrace(ctx)
	if err != nil {
		return err
	}
	lt, err := load(ctx, base+"#lesson=bn-steps", timeout)
	if err != nil {
		return err
	}
	time.Sleep(time.Second)
	fmt.Fprintf(out, "  traced load: FCP %.0f ms, ready %.0f ms\n", lt.FCP, lt.Ready)
	if err := r.stopTrace(ctx, prefix+"-load.json", out); err != nil {
		return err
	}
	if trainer == "" {
		return nil
	}
	if _, err := load(ctx, base+"#lesson="+trainer, timeout); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("play"))); err != nil {
		return fmt.Errorf("pressing play: %w", err)
	}
	time.Sleep(2 * time.Second)
	if r, err = startTrace(ctx); err != nil {
		return err
	}
	time.Sleep(d)
	ds, _ := readDebug(ctx)
	fmt.Fprintf(out, "  traced %s: Go ms per frame p50/p95 %.2f/%.2f, FPS %.1f, %.0f steps/s\n", trainer, ds.GoP50, ds.GoP95, ds.FPS, ds.StepsPerSec)
	return r.stopTrace(ctx, prefix+"-train.json", out)
}
