package code

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"

	"bnlab/engine"
)

// torchLine matches a leaf layer of print(model): "    (4): Conv2d(32, 64, …".
var torchLine = regexp.MustCompile(`^\s*\((\w+)\): (\w+)\((.*)\)$`)

// torchParams counts the parameters of each layer of the syllabus's
// PyTorch model, by the layer's name ("features.0"), from the engine.
var torchParams = sync.OnceValues(func() (map[string]int, error) {
	m, err := engine.NewSyllabusConvNet(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		return nil, fmt.Errorf("code: %w", err)
	}
	out := map[string]int{}
	for _, p := range m.NamedParams() {
		name := p.Name[:strings.LastIndex(p.Name, ".")]
		out[name] += p.Param.Value.Len()
	}
	return out, nil
})

// stage builds the layer stacks of both models.
func stage(v *View) (Stage, error) {
	st := Stage{Topic: v.Topic, Framework: v.Framework, TorchTotal: v.TorchParams, KerasTotal: v.KerasTotal, KerasNon: v.KerasNonTrainable}
	for _, d := range v.Defaults {
		if d.Key == v.Topic {
			st.TopicLabel = d.Setting
		}
	}
	params, err := torchParams()
	if err != nil {
		return st, err
	}
	// Leaf layers are the print's lines "(i): Kind(args)" inside a
	// container line "(name): Sequential(".
	container := ""
	for _, line := range strings.Split(v.TorchPrint, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasSuffix(t, ": Sequential(") {
			container = strings.TrimSuffix(strings.TrimPrefix(t, "("), "): Sequential(")
			continue
		}
		sm := torchLine.FindStringSubmatch(line)
		if sm == nil {
			continue
		}
		name := sm[1]
		if container != "" {
			name = container + "." + name
		}
		st.Torch = append(st.Torch, StageLayer{Name: name, Kind: sm[2], Label: shortLabel(sm[2], sm[3]), Params: params[name]})
	}
	for _, r := range v.KerasRows {
		st.Keras = append(st.Keras, StageLayer{Name: r.Name, Kind: r.Class, Label: r.Class + " " + r.OutputShape, Params: r.Params})
	}
	sum := 0
	for _, l := range st.Torch {
		sum += l.Params
	}
	if sum != v.TorchParams {
		return st, fmt.Errorf("code: the layers of print(model) hold %d parameters, the model %d", sum, v.TorchParams)
	}
	markHot(st.Torch, v.Topic)
	markHot(st.Keras, v.Topic)
	return st, nil
}

// shortLabel shortens a layer's repr for the stage: the leading
// positional arguments only ("Conv2d(1, 32)", "Linear(3136, 512)").
func shortLabel(kind, args string) string {
	var keep []string
	for _, a := range splitArgs(args) {
		if k, val, ok := strings.Cut(a, "="); ok {
			switch k {
			case "in_features", "out_features", "p":
				keep = append(keep, val)
			}
			continue
		}
		keep = append(keep, a)
	}
	if len(keep) == 0 {
		return kind
	}
	if kind == "Dropout" {
		return "Dropout(p=" + keep[0] + ")"
	}
	return kind + "(" + strings.Join(keep, ", ") + ")"
}

// markHot marks the layers a topic concerns.
func markHot(ls []StageLayer, topic string) {
	is := func(l StageLayer, kinds ...string) bool {
		for _, k := range kinds {
			if strings.HasPrefix(l.Kind, k) {
				return true
			}
		}
		return false
	}
	biggest := 0
	for i, l := range ls {
		if l.Params > ls[biggest].Params {
			biggest = i
		}
	}
	for i := range ls {
		l := &ls[i]
		switch topic {
		case "eps", "momentum", "variance":
			l.Hot = is(*l, "BatchNorm")
		case "dropout":
			l.Hot = is(*l, "Dropout")
		case "mode", "inference":
			l.Hot = is(*l, "BatchNorm", "Dropout")
		case "output":
			l.Hot = i == len(ls)-1
		case "init":
			l.Hot = is(*l, "Conv", "Linear", "Dense")
		case "layout":
			l.Hot = i == 0 || is(*l, "Flatten")
		case "size":
			l.Hot = i == biggest
		}
	}
}

// splitArgs splits "1, 32, kernel_size=(3, 3)" at the commas outside
// parentheses: "1", "32", "kernel_size=(3, 3)".
func splitArgs(args string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range args {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(args[start:i]))
				start = i + 1
			}
		}
	}
	if t := strings.TrimSpace(args[start:]); t != "" {
		out = append(out, t)
	}
	return out
}
