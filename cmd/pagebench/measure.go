package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// transfer sums the compressed bytes of every response of a tab, by URL.
type transfer struct {
	mu    sync.Mutex
	urls  map[network.RequestID]string
	bytes map[string]float64
}

// watchTransfer starts counting the bytes of the tab's responses.
func watchTransfer(ctx context.Context) *transfer {
	tr := &transfer{urls: map[network.RequestID]string{}, bytes: map[string]float64{}}
	reqs := chromedp.Events(ctx, network.RequestWillBeSent)
	done := chromedp.Events(ctx, network.LoadingFinished)
	go func() {
		for ev, err := range reqs {
			if err != nil {
				return
			}
			tr.mu.Lock()
			tr.urls[ev.RequestID] = ev.Request.URL
			tr.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range done {
			if err != nil {
				return
			}
			tr.mu.Lock()
			u := tr.urls[ev.RequestID]
			if u == "" {
				u = "(request " + string(ev.RequestID) + ")"
			}
			tr.bytes[u] += ev.EncodedDataLength
			tr.mu.Unlock()
		}
	}()
	return tr
}

// addWorker adds the requests of the stage's training worker, which the
// tab's network log does not show: stage.js keeps their Resource Timing
// (transferSize: bytes on the wire, headers included) in
// bnlabWorkerTransfer.
func (tr *transfer) addWorker(ctx context.Context) error {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(((document.getElementById("stage-frame") || {}).contentWindow || {}).bnlabWorkerTransfer || [])`))
	if err != nil {
		return err
	}
	var entries []struct {
		Name         string  `json:"name"`
		TransferSize float64 `json:"transferSize"`
	}
	if err := decode(raw, &entries); err != nil {
		return err
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for _, e := range entries {
		if _, seen := tr.bytes[e.Name]; !seen {
			tr.bytes[e.Name+" (worker)"] += e.TransferSize
		}
	}
	return nil
}

// total returns the bytes so far and the files sorted by size.
func (tr *transfer) total() (float64, []string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var sum float64
	var files []string
	for u, b := range tr.bytes {
		sum += b
		files = append(files, fmt.Sprintf("%10.0f  %s", b, u))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(files)))
	return sum, files
}

// frameResult holds the stage's frame intervals and size.
type frameResult struct {
	Intervals []float64 `json:"intervals"`
	CSSW      float64   `json:"cssW"`
	CSSH      float64   `json:"cssH"`
	W         int       `json:"w"`
	H         int       `json:"h"`
}

// frames collects requestAnimationFrame timestamps in the stage iframe for d.
func frames(ctx context.Context, d time.Duration) (frameResult, error) {
	var fr frameResult
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`new Promise(res => {
  const w = document.getElementById("stage-frame").contentWindow;
  const c = w.document.querySelector("canvas") || {width: 0, height: 0, getBoundingClientRect: () => ({width: 0, height: 0})};
  const ts = [];
  const f = t => { ts.push(t); if (t - ts[0] < %d) w.requestAnimationFrame(f); else {
    const r = c.getBoundingClientRect();
    res(JSON.stringify({intervals: ts.slice(1).map((t, i) => t - ts[i]), cssW: r.width, cssH: r.height, w: c.width, h: c.height}));
  } };
  w.requestAnimationFrame(f);
})`, d.Milliseconds()), chromedp.EvalAwaitPromise))
	if err != nil {
		return fr, err
	}
	return fr, decode(raw, &fr)
}

// debugStats is what the page's debug overlay shows.
type debugStats struct {
	FPS, GoP50, GoP95, StepsPerSec float64
	Text                           string
}

var (
	reGo    = regexp.MustCompile(`Go ms/frame p50 ([0-9.]+)\s+p95 ([0-9.]+)`)
	reSteps = regexp.MustCompile(`steps/s ([0-9.]+)`)
	reFPS   = regexp.MustCompile(`FPS\s+([0-9.]+)`)
)

// readDebug opens the debug overlay (as the key d does) and reads it, waiting
// up to 3 s for the Go program to fill it in. The overlay's Go time is Update
// plus Draw over the last 120 frames.
func readDebug(ctx context.Context) (debugStats, error) {
	var ds debugStats
	deadline := time.Now().Add(3 * time.Second)
	for {
		txt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
  const d = document.getElementById("debug");
  if (!d) return "NO-OVERLAY";
  if (d.hidden && window.bnlab && window.bnlab.toggleDebug) window.bnlab.toggleDebug(true);
  return d.textContent;
})()`))
		if err != nil {
			return ds, err
		}
		if txt == "NO-OVERLAY" {
			return ds, fmt.Errorf("the page has no #debug overlay")
		}
		ds.Text = txt
		if m := reGo.FindStringSubmatch(txt); m != nil {
			ds.GoP50, _ = strconv.ParseFloat(m[1], 64)
			ds.GoP95, _ = strconv.ParseFloat(m[2], 64)
			break
		}
		if time.Now().After(deadline) {
			return ds, fmt.Errorf("debug overlay shows no Go ms/frame: %q", txt)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if m := reSteps.FindStringSubmatch(ds.Text); m != nil {
		ds.StepsPerSec, _ = strconv.ParseFloat(m[1], 64)
	}
	if m := reFPS.FindStringSubmatch(ds.Text); m != nil {
		ds.FPS, _ = strconv.ParseFloat(m[1], 64)
	}
	return ds, nil
}

// percentile returns the p-th percentile (0..100) of xs, nearest rank.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func decode(s string, v any) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decoding %.200q: %w", s, err)
	}
	return nil
}
