package placement

import (
	"errors"
	"fmt"
	"html"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/charts"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

// Frame renders the lesson's current view: its panels, its Stage payload
// and the text alternative (lessons.Lesson).
func (l *Lesson) Frame() (lessons.Frame, error) {
	v := l.View()
	out, err := render(v)
	if err == nil {
		out.Panels["placement-export"] = l.exportPanel()
	}
	return pages.FrameOf(out, err, lessons.Progress{Steps: v.Step, Counted: true})
}

// Stage is what the placement stage draws: for each of the three
// networks its layer order, its last numbers, and per hidden layer a small
// histogram of the values that reach the activation.
type Stage struct {
	Step    int    `json:"step"`
	Waiting bool   `json:"waiting,omitempty"`
	Act     string `json:"act"`
	// Lo and Hi are the histograms' range; values outside are counted in
	// Under and Over.
	Lo   float64    `json:"lo"`
	Hi   float64    `json:"hi"`
	Nets []StageNet `json:"nets"`
}

// StageNet is one network's column on the stage. Name is
// "before" (Linear → BN → act), "after" (Linear → act → BN) or "none".
type StageNet struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Diverged bool   `json:"diverged,omitempty"`
	// Loss is the mean training loss of the last 20 steps; ValAcc the last
	// validation accuracy (0 to 1), measured at ValStep; HasVal is false
	// before the first one.
	Loss    float64     `json:"loss"`
	ValAcc  float64     `json:"valAcc"`
	ValStep int         `json:"valStep"`
	HasVal  bool        `json:"hasVal"`
	Layers  []StageHist `json:"layers"`
}

// StageHist is a histogram shrunk for the stage (pages.StageHist), with
// the Mean and Std of all its values.
type StageHist struct {
	pages.StageHist
	Mean float64 `json:"mean"`
	Std  float64 `json:"std"`
}

// stageBins is the number of histogram bins the stage draws.
const stageBins = 20

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("placement: no view to render")
	}
	st := stage(v)
	out := pages.Output{Panels: pages.Panels{}, Stage: st, Text: text(v)}
	out.Panels["placement-status"] = pages.Status(v.TrainStatus, status(v))
	if v.Train == nil {
		for _, id := range []string{"placement-loss", "placement-acc", "placement-dist", "placement-bands", "placement-results"} {
			out.Panels[id] = pages.Waiting
		}
		return out, nil
	}
	var err error
	if out.Panels["placement-loss"], out.Panels["placement-acc"], err = curves(v); err != nil {
		return pages.Output{}, err
	}
	if out.Panels["placement-dist"], err = dist(v); err != nil {
		return pages.Output{}, err
	}
	if out.Panels["placement-bands"], err = bands(v); err != nil {
		return pages.Output{}, err
	}
	out.Panels["placement-results"] = resultsPanel(v)
	return out, nil
}

// actName is the activation's name as the prose writes it.
func actName(act string) string {
	if act == "relu" {
		return "ReLU"
	}
	return act
}

// short is a network's short name for legends.
func short(name, act string) string {
	a := actName(act)
	switch name {
	case "before":
		return "BN before " + a
	case "after":
		return "BN after " + a
	case "none":
		return "no BN"
	}
	return name
}

// label is a network's layer order with the activation's proper name,
// e.g. "Linear → BN → ReLU"; label is the fallback for an unknown name.
func label(name, act, label string) string {
	a := actName(act)
	switch name {
	case "before":
		return "Linear → BN → " + a
	case "after":
		return "Linear → " + a + " → BN"
	case "none":
		return "Linear → " + a + " (no BN)"
	}
	return label
}

// stage builds the stage payload.
func stage(v *View) Stage {
	st := Stage{Waiting: v.Train == nil, Act: actName(v.Activation)}
	if v.Train == nil {
		return st
	}
	st.Step = v.Train.Step
	for k, n := range v.Train.Nets {
		sn := StageNet{Name: n.Name, Label: label(n.Name, v.Activation, n.Label), Diverged: n.Diverged}
		if k < len(v.Summary) {
			s := v.Summary[k]
			sn.Loss, sn.ValAcc, sn.ValStep, sn.HasVal = pages.RoundTo(s.RecentLoss, 4), pages.RoundTo(s.ValAcc, 4), s.ValStep, len(n.ValAcc.Values) > 0
		}
		if k < len(v.Reaching) {
			for _, h := range v.Reaching[k] {
				st.Lo, st.Hi = h.Lo, h.Hi
				sn.Layers = append(sn.Layers, shrink(h))
			}
		}
		st.Nets = append(st.Nets, sn)
	}
	return st
}

// shrink merges a histogram's bins into stageBins and turns counts
// into thousandths of all values.
func shrink(h train.Hist) StageHist {
	return StageHist{StageHist: pages.ShrinkHist(h, stageBins), Mean: pages.RoundTo(h.Mean, 3), Std: pages.RoundTo(h.Std, 3)}
}

// text is the stage's text alternative.
func text(v *View) string {
	if v.Train == nil {
		return "Three networks, each a stack of hidden layers, appear when the MNIST images have loaded."
	}
	var parts []string
	for k, n := range v.Train.Nets {
		p := short(n.Name, v.Activation)
		if k < len(v.Reaching) && len(v.Reaching[k]) > 0 {
			last := v.Reaching[k][len(v.Reaching[k])-1]
			p += fmt.Sprintf(", input to the last %s has mean %s and standard deviation %s",
				actName(v.Activation), numfmt.Plain(pages.RoundTo(last.Mean, 2)), numfmt.Plain(pages.RoundTo(last.Std, 2)))
		}
		if n.Diverged {
			p += " (diverged)"
		}
		parts = append(parts, p)
	}
	return fmt.Sprintf("Step %d. Three networks side by side, one histogram per hidden layer of what reaches the activation: %s.",
		v.Train.Step, strings.Join(parts, "; "))
}

// status is the status sentence (HTML, numbers only).
func status(v *View) string {
	if v.Train == nil {
		return "Waiting for the MNIST images to load…"
	}
	return fmt.Sprintf(`Step <strong>%d</strong> · %s · %d hidden layers of 100 %s units · batch %d · learning rate %s · validation on %d images`,
		v.Train.Step, html.EscapeString(v.Train.Data), v.Depth, html.EscapeString(actName(v.Activation)), v.Batch, numfmt.Plain(v.LR), v.Train.ValSize)
}

// curves draws the training loss and the validation accuracy.
func curves(v *View) (loss, acc string, err error) {
	var ls, as []charts.Series
	for _, n := range v.Train.Nets {
		name := short(n.Name, v.Activation)
		if x, y := pages.XY(n.Loss); len(x) > 0 {
			ls = append(ls, charts.Series{Name: name, X: x, Y: y})
		}
		if x, y := pages.XY(n.ValAcc); len(x) > 0 {
			as = append(as, charts.Series{Name: name, X: x, Y: y})
		}
	}
	if len(ls) == 0 {
		loss = `<p class="aside">The loss curves start with the first step.</p>`
	} else {
		svg, e := charts.Lines(charts.LineSpec{Title: "Training loss (mini-batch cross-entropy)", XLabel: "step", YLabel: "loss", Series: ls})
		if e != nil {
			return "", "", fmt.Errorf("placement: %w", e)
		}
		loss = pages.Figure(svg, "Each point is a mini-batch's loss in train mode, before that step's update (long runs are averaged).")
	}
	if len(as) == 0 {
		acc = `<p class="aside">The validation curve starts at the first validation step.</p>`
	} else {
		svg, e := charts.Lines(charts.LineSpec{Title: "Validation accuracy (eval mode)", XLabel: "step", YLabel: "accuracy",
			YMin: 0, YMax: 1, YPercent: true, XMax: float64(v.Train.Step), Series: as})
		if e != nil {
			return "", "", fmt.Errorf("placement: %w", e)
		}
		acc = pages.Figure(svg, fmt.Sprintf("Measured every %d steps on %d validation images, BN using its running statistics.",
			v.Train.ValEvery, v.Train.ValSize))
	}
	return loss, acc, nil
}

// dist draws, per hidden layer, the distribution reaching the activation
// in the three networks.
func dist(v *View) (string, error) {
	if len(v.Reaching) == 0 || len(v.Reaching[0]) == 0 {
		return `<p class="aside">The histograms appear with the first recorded step.</p>`, nil
	}
	var b strings.Builder
	act := actName(v.Activation)
	step := 0
	if len(v.Train.Nets) > 0 {
		step = v.Train.Nets[0].HistStep
	}
	for i := range v.Reaching[0] {
		var sets []charts.Binned
		var outside []string
		for k, row := range v.Reaching {
			if i >= len(row) || k >= len(v.Train.Nets) || row[i].N == 0 {
				continue
			}
			h := row[i]
			name := short(v.Train.Nets[k].Name, v.Activation)
			sets = append(sets, charts.Binned{Name: name, Lo: h.Lo, Hi: h.Hi, Counts: h.Counts, Under: h.Under, Over: h.Over})
			if h.Under+h.Over > 0 {
				outside = append(outside, fmt.Sprintf("%s %s", name, numfmt.Pct(float64(h.Under+h.Over)/float64(h.N))))
			}
		}
		if len(sets) == 0 {
			continue
		}
		svg, err := charts.BinnedHistogram(charts.BinnedSpec{Title: fmt.Sprintf("Hidden layer %d: input to %s", i+1, act),
			XLabel: "value reaching " + act, Sets: sets, Size: charts.Size{W: 432, H: 190}})
		if err != nil {
			return "", fmt.Errorf("placement: layer %d: %w", i+1, err)
		}
		cap := fmt.Sprintf("Step %d, one training mini-batch, all units of the layer.", step)
		if len(outside) > 0 {
			cap += " Outside the drawn range ±" + numfmt.Plain(sets[0].Hi) + ": " + strings.Join(outside, ", ") + "."
		}
		b.WriteString(pages.Figure(svg, cap))
	}
	return b.String(), nil
}

// bands draws the 15th/50th/85th percentiles of the chosen layer's
// activation input over training (Ioffe & Szegedy 2015, Fig. 1).
func bands(v *View) (string, error) {
	var bs []charts.Band
	for _, n := range v.Train.Nets {
		lb := n.LayerBand
		if len(lb.Steps) == 0 {
			continue
		}
		x := make([]float64, len(lb.Steps))
		for i, s := range lb.Steps {
			x[i] = float64(s)
		}
		bs = append(bs, charts.Band{Name: short(n.Name, v.Activation), Steps: x, P15: lb.P15, P50: lb.P50, P85: lb.P85})
	}
	if len(bs) == 0 {
		return `<p class="aside">The percentile bands start with the first recorded step.</p>`, nil
	}
	act := actName(v.Activation)
	svg, err := charts.PercentileBands(charts.BandSpec{Title: fmt.Sprintf("Input to %s in hidden layer %d", act, v.Train.Layer),
		XLabel: "step", YLabel: "value reaching " + act, Bands: bs})
	if err != nil {
		return "", fmt.Errorf("placement: %w", err)
	}
	return pages.Figure(svg, fmt.Sprintf("The 15th, 50th and 85th percentiles over every unit of the layer, every %d steps.", v.Train.HistEvery)), nil
}

// resultsPanel is the results table: numbers, no verdict.
func resultsPanel(v *View) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers nowrap-cells"><caption>Measured so far (no winner declared)</caption>`)
	b.WriteString(`<thead><tr><th scope="col">network</th><th scope="col">best val. acc.</th><th scope="col">at step</th>` +
		`<th scope="col">first ≥ 90%</th><th scope="col">train loss</th><th scope="col">` +
		html.EscapeString(satHead(v.Activation)) + `</th></tr></thead><tbody>`)
	for _, s := range v.Summary {
		name := `<abbr title="` + html.EscapeString(label(s.Name, v.Activation, s.Label)) + `">` + html.EscapeString(short(s.Name, v.Activation)) + `</abbr>`
		if s.Diverged {
			name += " <strong>(diverged)</strong>"
		}
		reach := "not yet"
		for _, r := range s.Reached {
			if r.Acc == 0.9 && r.Step > 0 {
				reach = fmt.Sprintf("step %d", r.Step)
			}
		}
		best, at := "—", "—"
		if s.BestValStep > 0 || s.BestValAcc > 0 {
			best, at = numfmt.Pct(s.BestValAcc), fmt.Sprint(s.BestValStep)
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			name, best, at, reach, numfmt.Plain(pages.RoundTo(s.RecentLoss, 3)), numfmt.Pct(s.Saturated))
	}
	b.WriteString(`</tbody></table></div><p class="aside">Best validation accuracy is measured every ` +
		fmt.Sprint(v.Train.ValEvery) + ` steps in eval mode; train loss is the mean of the last 20 mini-batches.</p>`)
	return b.String()
}

// satHead is the heading of the saturation column.
func satHead(act string) string {
	if act == "relu" {
		return "ReLU at 0"
	}
	return act + " saturated"
}
