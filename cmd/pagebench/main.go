package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

// Targets from issue 3.
const (
	targetBytes = 4.0 * 1024 * 1024
	targetFCP   = 300.0  // ms
	targetReady = 2000.0 // ms
	targetGoP95 = 4.0    // ms per frame while training
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pagebench:", err)
		os.Exit(1)
	}
}

func run(args []string, out, log io.Writer) error {
	fl := flag.NewFlagSet("pagebench", flag.ContinueOnError)
	url := fl.String("url", "", "measure this running site instead of building and starting ./cmd/serve")
	serveArgs := fl.String("serve-args", "-brotli 11", "extra arguments for cmd/serve (default: brotli quality 11 up front, the bytes a student gets once the server's background recompression is done)")
	chromium := fl.String("chromium", "/usr/bin/chromium", "the Chromium binary")
	runs := fl.Int("runs", 3, "warm reloads whose median is reported")
	window := fl.Duration("frames", 5*time.Second, "how long to record stage frames")
	timeout := fl.Duration("timeout", 2*time.Minute, "how long a load may take to reach ready")
	trainers := fl.String("train", "histograms,placement,overfitting,dropout,train-eval,cnn,mistakes", "lessons to try, in order, for the training measurement")
	traceTo := fl.String("trace", "", "record Chrome traces to `PREFIX`-load.json and PREFIX-train.json (the first -train lesson) instead of measuring")
	if err := fl.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	base := *url
	if base == "" {
		fmt.Fprintln(log, "pagebench: building and starting ./cmd/serve ...")
		srv, err := startServer(ctx, strings.Fields(*serveArgs), log)
		if err != nil {
			return err
		}
		defer srv.stop()
		base = srv.url
	}
	base = strings.TrimSuffix(base, "/") + "/"
	bctx, closeBrowser, err := newBrowser(*chromium)
	if err != nil {
		return err
	}
	defer closeBrowser()
	version, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`navigator.userAgent`))
	loadavg, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "pagebench: %s, %d CPUs, load average %s, %s\n  %s\n\n", base, runtime.NumCPU(),
		strings.Join(strings.Fields(string(loadavg))[:min(3, len(strings.Fields(string(loadavg))))], " "), time.Now().UTC().Format(time.RFC3339), version)

	if *traceTo != "" {
		return traceRun(bctx, out, base, *traceTo, strings.Split(*trainers, ",")[0], *window, *timeout)
	}

	// First load: a fresh profile, so nothing is cached.
	tr := watchTransfer(bctx)
	cold, err := load(bctx, base+"#lesson=bn-steps", *timeout)
	if err != nil {
		return fmt.Errorf("first load: %w", err)
	}
	time.Sleep(2 * time.Second) // requests the page makes just after ready
	if err := tr.addWorker(bctx); err != nil {
		fmt.Fprintf(out, "  the training worker's downloads: %v\n", err)
	}
	bytes, files := tr.total()
	row(out, "first load, bytes on the wire", fmt.Sprintf("%.2f MB (%.0f bytes)", bytes/1048576, bytes), "≤ 4.0 MB", bytes <= targetBytes)
	for _, f := range files[:min(len(files), 8)] {
		fmt.Fprintf(out, "      %s\n", f)
	}
	var fcps, readys []float64
	marks := map[string][]float64{}
	var order []string
	for range *runs {
		lt, err := load(bctx, base+"#lesson=bn-steps", *timeout)
		if err != nil {
			return fmt.Errorf("warm load: %w", err)
		}
		fcps, readys = append(fcps, lt.FCP), append(readys, lt.Ready)
		for _, m := range lt.Marks {
			if marks[m.Name] == nil {
				order = append(order, m.Name)
			}
			marks[m.Name] = append(marks[m.Name], m.T)
		}
	}
	row(out, "text painted (FCP), cold", fmt.Sprintf("%.0f ms", cold.FCP), "≤ 300 ms", cold.FCP <= targetFCP)
	row(out, "text painted (FCP), warm median", fmt.Sprintf("%.0f ms of %v", percentile(fcps, 50), round(fcps)), "≤ 300 ms", percentile(fcps, 50) <= targetFCP)
	row(out, "ready, cold", fmt.Sprintf("%.0f ms", cold.Ready), "≤ 2.0 s", cold.Ready <= targetReady)
	row(out, "ready, warm median", fmt.Sprintf("%.0f ms of %v", percentile(readys, 50), round(readys)), "≤ 2.0 s", percentile(readys, 50) <= targetReady)
	if len(order) > 0 {
		fmt.Fprintf(out, "      warm load stages (median ms from navigation):")
		for _, n := range order {
			fmt.Fprintf(out, " %s %.0f", n, percentile(marks[n], 50))
		}
		fmt.Fprintln(out)
	}

	// The stage animating the first lesson.
	if err := stageRun(bctx, out, "bn-steps (playing)", *window, false); err != nil {
		fmt.Fprintf(out, "  bn-steps stage: %v\n", err)
	}

	// A lesson that trains.
	trained := false
	for _, id := range strings.Split(*trainers, ",") {
		if _, err := load(bctx, base+"#lesson="+id, *timeout); err != nil {
			fmt.Fprintf(out, "  %s: %v\n", id, err)
			continue
		}
		ok, _ := chromedp.Run(bctx, chromedp.Evaluate[bool](fmt.Sprintf(
			`!document.querySelector('section[data-lesson=%q] .soon') && document.querySelectorAll("#controls [data-key]").length > 0`, id)))
		if !ok {
			continue
		}
		if err := stageRun(bctx, out, id+" (training)", *window, true); err != nil {
			fmt.Fprintf(out, "  %s: %v\n", id, err)
			continue
		}
		trained = true
		break
	}
	if !trained {
		fmt.Fprintf(out, "  training: NOT MEASURED: none of %s is interactive yet (each is 'coming soon' or has no controls)\n", *trainers)
	}
	return nil
}

// stageRun presses Play, records the stage's frames for d and reads the
// debug overlay: frame intervals, Go ms per frame and steps per second.
func stageRun(ctx context.Context, out io.Writer, name string, d time.Duration, training bool) error {
	if _, err := readDebug(ctx); err != nil {
		fmt.Fprintf(out, "  %s: Go ms/frame MISSING: %v\n", name, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("play"))); err != nil {
		return fmt.Errorf("pressing play: %w", err)
	}
	time.Sleep(time.Second)
	fr, err := frames(ctx, d)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  %s: stage canvas %.0f×%.0f CSS px (%d×%d device px), %d frames in %s\n",
		name, fr.CSSW, fr.CSSH, fr.W, fr.H, len(fr.Intervals)+1, d)
	row(out, "  frame interval p50 / p95", fmt.Sprintf("%.1f / %.1f ms", percentile(fr.Intervals, 50), percentile(fr.Intervals, 95)), "", true)
	ds, err := readDebug(ctx)
	if err != nil {
		fmt.Fprintf(out, "  %s: Go ms/frame MISSING: %v\n", name, err)
		return nil
	}
	goal := ""
	if training {
		goal = "p95 ≤ 4 ms"
	}
	row(out, "  Go ms per frame p50 / p95", fmt.Sprintf("%.2f / %.2f ms (overlay FPS %.1f)", ds.GoP50, ds.GoP95, ds.FPS), goal, !training || ds.GoP95 <= targetGoP95)
	row(out, "  training steps per second", fmt.Sprintf("%.0f", ds.StepsPerSec), "", true)
	for _, l := range strings.Split(ds.Text, "\n") {
		if strings.Contains(l, "parts") || strings.HasPrefix(l, "Go ms") || strings.HasPrefix(l, "page panels") {
			fmt.Fprintf(out, "      overlay: %s\n", strings.TrimSpace(l))
		}
	}
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("play").click()`)) // pause
	return nil
}

// row prints one measurement with its target and verdict.
func row(out io.Writer, name, value, target string, ok bool) {
	verdict := ""
	if target != "" {
		verdict = "ok"
		if !ok {
			verdict = "MISSED"
		}
		target = "target " + target
	}
	fmt.Fprintf(out, "  %-34s %-36s %-18s %s\n", name, value, target, verdict)
}

func round(xs []float64) []int {
	r := make([]int, len(xs))
	for i, x := range xs {
		r[i] = int(x + 0.5)
	}
	return r
}
