package histograms

import (
	"errors"
	"fmt"
	"html"
	"math"
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
		out.Panels["histograms-export"] = l.exportPanel()
	}
	return pages.FrameOf(out, err, lessons.Progress{Steps: v.Step, Counted: true})
}

// Stage is what the histograms stage draws: per network (plain,
// BN) and per hidden layer, a shrunk histogram of the values that reach the
// activation, the share of saturated outputs and the gradient norm.
type Stage struct {
	Step    int    `json:"step"`
	Waiting bool   `json:"waiting,omitempty"`
	Act     string `json:"act"`
	// Layer is the hidden layer the page's percentile chart follows.
	Layer int `json:"layer"`
	// Lo and Hi are the histograms' range; SatLo and SatHi the activation
	// inputs outside which the activation saturates (σ′ < 0.02 for sigmoid,
	// tanh′ < 0.04 for tanh; ReLU: SatLo = 0, SatHi = Hi, inactive below 0).
	Lo    float64    `json:"lo"`
	Hi    float64    `json:"hi"`
	SatLo float64    `json:"satLo"`
	SatHi float64    `json:"satHi"`
	Nets  []NetStage `json:"nets"`
}

// NetStage is one network's column on the stage.
type NetStage struct {
	Name     string  `json:"name"`
	Label    string  `json:"label"`
	Diverged bool    `json:"diverged,omitempty"`
	Loss     float64 `json:"loss"`
	ValAcc   float64 `json:"valAcc"`
	HasVal   bool    `json:"hasVal"`
	// Layers: the histogram of the activation's inputs (pages.StageHist),
	// Sat the share of saturated outputs in thousandths, and G log₁₀ of
	// the layer's weight gradient norm (−12 for 0).
	Layers []LayerStage `json:"layers"`
}

// LayerStage is one hidden layer on the stage: its histogram, and Sat
// and G (NetStage.Layers).
type LayerStage struct {
	pages.StageHist
	Sat int     `json:"sat"`
	G   float64 `json:"g"`
}

// stageBins is the number of histogram bins the stage draws.
const stageBins = 20

// render renders a *View.
func render(v *View) (pages.Output, error) {
	if v == nil {
		return pages.Output{}, errors.New("histograms: no view to render")
	}
	out := pages.Output{Panels: pages.Panels{}, Stage: stage(v), Text: text(v)}
	out.Panels["histograms-status"] = pages.Status(v.TrainStatus, status(v))
	ids := []string{"histograms-layer", "histograms-stack", "histograms-bands", "histograms-grads", "histograms-loss", "histograms-acc", "histograms-summary"}
	if v.Train == nil {
		for _, id := range ids {
			out.Panels[id] = pages.Waiting
		}
		return out, nil
	}
	var err error
	parts := []func(*View) (string, error){layerPanel, stack, bands, gradsPanel, lossPanel, accPanel, summaryPanel}
	for i, f := range parts {
		if out.Panels[ids[i]], err = f(v); err != nil {
			return pages.Output{}, fmt.Errorf("histograms: %w", err)
		}
	}
	return out, nil
}

// actPanel is the activation's name as the prose writes it.
func actPanel(act string) string {
	if act == "relu" {
		return "ReLU"
	}
	return act
}

// short is a network's name for legends.
func short(name string) string {
	switch name {
	case "plain":
		return "without BN"
	case "bn":
		return "with BN"
	}
	return name
}

// satRange returns the activation inputs beyond which the activation's
// outputs count as saturated (lessons' saturatedShare): sigmoid(x) < 0.02
// ⇔ x < −ln 49 ≈ −3.89; |tanh(x)| > 0.98 ⇔ |x| > atanh 0.98 ≈ 2.30.
func satRange(act string, hi float64) (lo, up float64) {
	switch act {
	case "sigmoid":
		return -math.Log(49), math.Log(49)
	case "tanh":
		return -math.Atanh(0.98), math.Atanh(0.98)
	}
	return 0, hi
}

// stage builds the stage payload.
func stage(v *View) Stage {
	st := Stage{Waiting: v.Train == nil, Act: actPanel(v.Activation), Layer: v.Layer}
	if v.Train == nil {
		return st
	}
	st.Step = v.Train.Step
	for k, n := range v.Train.Nets {
		sn := NetStage{Name: n.Name, Label: n.Label, Diverged: n.Diverged}
		if k < len(v.Summary) {
			s := v.Summary[k]
			sn.Loss, sn.ValAcc, sn.HasVal = pages.RoundTo(s.RecentLoss, 4), pages.RoundTo(s.ValAcc, 4), len(n.ValAcc.Values) > 0
		}
		for _, l := range n.Layers {
			h := actIn(l)
			st.Lo, st.Hi = h.Lo, h.Hi
			lv := shrink(h)
			lv.Sat = int(1000*l.Saturated + 0.5)
			lv.G = -12
			if l.GradNorm > 0 {
				lv.G = pages.RoundTo(math.Log10(l.GradNorm), 2)
			}
			sn.Layers = append(sn.Layers, lv)
		}
		st.Nets = append(st.Nets, sn)
	}
	st.SatLo, st.SatHi = satRange(v.Activation, st.Hi)
	return st
}

// actIn is the histogram of what reaches a layer's activation.
func actIn(l train.LayerStats) train.Hist {
	if l.ActIn == "norm" && l.Norm != nil {
		return *l.Norm
	}
	return l.Pre
}

// shrink merges a histogram's bins into stageBins and turns counts
// into thousandths of all values.
func shrink(h train.Hist) LayerStage { return LayerStage{StageHist: pages.ShrinkHist(h, stageBins)} }

// text is the stage's text alternative.
func text(v *View) string {
	if v.Train == nil {
		return "Two networks, each a stack of hidden layers, appear when the MNIST images have loaded."
	}
	var parts []string
	for k, n := range v.Train.Nets {
		p := short(n.Name)
		if n.Diverged {
			parts = append(parts, p+": "+diverged(n))
			continue
		}
		if k < len(v.Summary) {
			p += fmt.Sprintf(": %s of the %s outputs saturated on average", numfmt.Pct(v.Summary[k].Saturated), actPanel(v.Activation))
		}
		if len(n.Layers) > 0 {
			last := actIn(n.Layers[len(n.Layers)-1])
			p += fmt.Sprintf(", last layer's input mean %s and spread %s", fix(last.Mean), fix(last.Std))
		}
		parts = append(parts, p)
	}
	return fmt.Sprintf("Step %d. Two networks side by side, one histogram per hidden layer of what reaches the %s: %s.",
		v.Train.Step, actPanel(v.Activation), strings.Join(parts, "; "))
}

// diverged says in words that network n diverged, when, and what to try.
func diverged(n train.NetSnapshot) string {
	s := fmt.Sprintf("diverged at step %d (a loss or an activation overflowed to infinity or NaN); ", n.DivergedAt)
	if n.Name == "plain" {
		return s + "try BN, or a smaller learning rate"
	}
	return s + "try a smaller learning rate"
}

// status is the status sentence.
func status(v *View) string {
	if v.Train == nil {
		return "Waiting for the MNIST images to load…"
	}
	var warn string
	for _, n := range v.Train.Nets {
		if n.Diverged {
			warn += " · <strong>" + html.EscapeString(short(n.Name)+": "+diverged(n)) + "</strong>"
		}
	}
	return fmt.Sprintf(`Step <strong>%d</strong> · %s · %d hidden layers of 100 %s units · batch %d · learning rate %s · weights N(0, %s²) · validation on %d images`,
		v.Train.Step, html.EscapeString(v.Train.Data), v.Depth, html.EscapeString(actPanel(v.Activation)), v.Batch, numfmt.Plain(v.LR), numfmt.Plain(v.WeightStd), v.Train.ValSize) + warn
}

// layerPanel draws the chosen layer's distributions: z = Wx + b in both nets,
// and after BN in the BN net.
func layerPanel(v *View) (string, error) {
	var sets []charts.Binned
	add := func(name string, h train.Hist) {
		if h.N > 0 && len(h.Counts) > 0 {
			sets = append(sets, charts.Binned{Name: name, Lo: h.Lo, Hi: h.Hi, Counts: h.Counts, Under: h.Under, Over: h.Over})
		}
	}
	step := 0
	for _, n := range v.Train.Nets {
		if v.Layer < 1 || v.Layer > len(n.Layers) {
			continue
		}
		l := n.Layers[v.Layer-1]
		step = n.HistStep
		if l.Norm != nil {
			add(short(n.Name)+": z before BN", l.Pre)
			add(short(n.Name)+": "+after(v), *l.Norm)
		} else {
			add(short(n.Name)+": z", l.Pre)
		}
	}
	if len(sets) == 0 {
		return `<p class="aside">The histograms appear with the first recorded step.</p>`, nil
	}
	svg, err := charts.BinnedHistogram(charts.BinnedSpec{Title: fmt.Sprintf("Hidden layer %d: pre-activations", v.Layer),
		XLabel: "pre-activation value", Sets: sets})
	if err != nil {
		return "", err
	}
	return pages.Figure(svg, fmt.Sprintf("Step %d, one training mini-batch, all 100 units of layer %d. z = Wx + b is the Linear layer's output; with BN, the %s receives the normalised, scaled and shifted values.%s",
		step, v.Layer, actPanel(v.Activation), noiseNote(v))), nil
}
