package worker

import (
	"bytes"
	"fmt"

	"bnlab/lessons"
	"bnlab/lessons/train"
)

// Render posts a frame of the hosted lesson. Errors (a lesson that cannot
// render, a panic) become the frame's error, shown as a notice; the page
// never goes dead.
func (h *Host) Render() {
	t0 := h.cfg.Now()
	h.dirty, h.lastPost = false, t0
	f := Frame{Lesson: h.id, Gen: h.gen, Steps: h.steps, StepsPerSec: h.rate.perSec(t0)}
	errText := h.lastErr
	if h.lesson != nil {
		var fr lessons.Frame
		err := h.guard("render", func() (err error) {
			fr, err = h.lesson.Frame()
			return err
		})
		if err == nil {
			if p := fr.Progress; p.Counted {
				f.Steps = p.Steps // the lesson's own count survives a configure that kept its state
			}
			if fr.Progress.Done && h.playing && h.canStep() {
				h.playing = false // the lesson has finished: the page's Play returns to paused
			}
			f.Panels, f.Stage, f.Text = fr.Panels, string(fr.Stage), fr.Text
			if len(h.feedback) > 0 {
				if f.Panels == nil {
					f.Panels = map[string]string{}
				}
				for k, v := range h.feedback {
					f.Panels[k] = v
				}
			}
		}
		if err != nil && errText == "" {
			errText = "The page could not show this lesson's results: " + err.Error()
		}
		if s, ok := h.lesson.(lessons.Stateful); ok && h.force {
			f.Hash = "#" + h.cfg.Hash(s.State())
		}
	}
	h.force = false
	f.Playing = h.Running() || (h.playing && h.needsData())
	f.Error = errText
	h.renderDur = h.cfg.Now().Sub(t0)
	f.RenderMs = float64(h.renderDur.Microseconds()) / 1000
	h.cfg.Post(f)
}

// fetchData starts downloading the MNIST images once a lesson needs them;
// the result arrives as a Data message.
func (h *Host) fetchData() {
	if !h.needsData() || h.fetching {
		return
	}
	if !h.cfg.Fetch() {
		h.report(fmt.Errorf("the worker script cannot download the MNIST images (worker.js is out of date; reload)"))
		return
	}
	h.fetching = true
}

// gotData decodes the downloaded MNIST subset and gives it to the lesson.
func (h *Host) gotData(m In) {
	h.fetching = false
	if m.DataErr != "" {
		h.report(fmt.Errorf("the MNIST images could not be downloaded (%s); change a setting or reload to try again", m.DataErr))
		h.cfg.Post(Progress{Done: true})
		return
	}
	h.cfg.Post(Progress{What: "Preparing the MNIST images…"})
	ds, err := train.DatasetFromCompact(bytes.NewReader(m.Data))
	h.cfg.Post(Progress{Done: true})
	if err != nil {
		h.report(fmt.Errorf("the MNIST images arrived damaged: %v; reload to try again", err))
		return
	}
	h.ds = ds
	if nd, ok := h.lesson.(train.NeedsData); ok {
		h.steps = 0
		h.report(h.guard("SetData", func() error { return nd.SetData(ds) }))
	}
}
