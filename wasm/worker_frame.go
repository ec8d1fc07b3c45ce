//go:build js && wasm

package main

import (
	"bytes"
	"fmt"
	"syscall/js"
	"time"

	"bnlab/lessons"
	"bnlab/lessons/course"
	"bnlab/lessons/train"
)

// render renders the lesson's view with its pages renderer and posts a
// frame. Errors (no renderer, a bad view, a panic) become the frame's
// error, shown as a notice; the page never goes dead.
func (w *workerHost) render() {
	t0 := time.Now()
	w.dirty, w.lastPost = false, t0
	f := map[string]any{"type": "frame", "lesson": w.id, "gen": w.gen, "steps": w.steps,
		"stepsPerSec": w.rate.perSec()}
	errText := w.lastErr
	if w.lesson != nil {
		var fr lessons.Frame
		err := w.guard("render", func() (err error) {
			fr, err = w.lesson.Frame()
			return err
		})
		if err == nil {
			p := fr.Progress
			if p.Counted {
				f["steps"] = p.Steps // the lesson's own count survives a configure that kept its state
			}
			if p.Done && w.playing && w.canStep() {
				w.playing = false // the lesson has finished: the page's Play returns to paused
			}
			panels := map[string]any{}
			for k, v := range fr.Panels {
				panels[k] = v
			}
			f["panels"], f["stage"], f["text"] = panels, string(fr.Stage), fr.Text
		}
		if err != nil && errText == "" {
			errText = "The page could not show this lesson's results: " + err.Error()
		}
		if s, ok := w.lesson.(lessons.Stateful); ok && w.force {
			f["hash"] = "#" + course.EncodeHash(s.State())
		}
	}
	w.force = false
	f["playing"] = w.running() || (w.playing && w.needsData())
	if errText != "" {
		f["error"] = errText
	}
	w.renderDur = time.Since(t0)
	f["renderMs"] = float64(w.renderDur) / float64(time.Millisecond)
	w.post(f)
}

// fetchData starts downloading the MNIST images once a lesson needs them;
// worker.js fetches mnist.bin (by its hashed name) and reports byte progress
// itself, and the result arrives as a "data" message.
func (w *workerHost) fetchData() {
	if !w.needsData() || w.fetching {
		return
	}
	fetch := w.self.Get("bnlabFetchData")
	if fetch.Type() != js.TypeFunction {
		w.report(fmt.Errorf("the worker script cannot download the MNIST images (worker.js is out of date; reload)"))
		return
	}
	w.fetching = true
	var ok, fail js.Func
	done := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(this js.Value, args []js.Value) any {
		defer done()
		b := make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(b, args[0])
		w.push(wmsg{kind: "data", data: b})
		return nil
	})
	fail = js.FuncOf(func(this js.Value, args []js.Value) any {
		defer done()
		msg := "unknown error"
		if len(args) > 0 {
			if m := args[0].Get("message"); m.Type() == js.TypeString {
				msg = m.String()
			} else {
				msg = args[0].Call("toString").String()
			}
		}
		w.push(wmsg{kind: "data", dataErr: msg})
		return nil
	})
	fetch.Invoke().Call("then", ok, fail)
}

// gotData decodes the downloaded MNIST subset and gives it to the lesson.
func (w *workerHost) gotData(m wmsg) {
	w.fetching = false
	if m.dataErr != "" {
		w.report(fmt.Errorf("the MNIST images could not be downloaded (%s); change a setting or reload to try again", m.dataErr))
		w.post(map[string]any{"type": "progress", "done": true})
		return
	}
	w.post(map[string]any{"type": "progress", "what": "Preparing the MNIST images…", "loaded": 0, "total": 0})
	ds, err := train.DatasetFromCompact(bytes.NewReader(m.data))
	w.post(map[string]any{"type": "progress", "done": true})
	if err != nil {
		w.report(fmt.Errorf("the MNIST images arrived damaged: %v; reload to try again", err))
		return
	}
	w.ds = ds
	if nd, ok := w.lesson.(train.NeedsData); ok {
		w.steps = 0
		w.report(w.guard("SetData", func() error { return nd.SetData(ds) }))
	}
}
