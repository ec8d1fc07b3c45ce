package export

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// layer is one layer of an engine model, read from its PyTorch-style
// print: Kind is the PyTorch class name, Repr the whole constructor as
// PyTorch prints it (which is also valid Python), and the numbers the
// Keras translation needs.
type layer struct {
	Kind    string
	Repr    string
	In, Out int  // Linear
	Bias    bool // Linear
	C       int  // norm layers: features
	Groups  int  // GroupNorm
	Eps     float64
	Mom     float64 // BatchNorm1d: PyTorch momentum (weight of the new batch)
	P       float64 // Dropout
	Params  int     // trainable parameters
	Buffers int     // BatchNorm1d's running mean and variance
}

var (
	reprLine  = regexp.MustCompile(`^\s+\(\d+\): (\w+)\((.*)\)$`)
	reprArg   = regexp.MustCompile(`(\w+)=([^,]+)`)
	firstInts = regexp.MustCompile(`^\(?(\d+)`)
)

// parseLayers reads the layers of a Sequential's print (engine's String).
func parseLayers(repr string) ([]layer, error) {
	lines := strings.Split(strings.TrimSpace(repr), "\n")
	if len(lines) < 3 || lines[0] != "Sequential(" || lines[len(lines)-1] != ")" {
		return nil, fmt.Errorf("export: not a Sequential's print: %.60q", repr)
	}
	var out []layer
	for _, ln := range lines[1 : len(lines)-1] {
		m := reprLine.FindStringSubmatch(ln)
		if m == nil {
			return nil, fmt.Errorf("export: cannot read the layer line %q", strings.TrimSpace(ln))
		}
		l, err := parseLayer(m[1], m[2])
		if err != nil {
			return nil, err
		}
		l.Repr = m[1] + "(" + m[2] + ")"
		out = append(out, l)
	}
	return out, nil
}

// parseLayer reads one layer's constructor arguments.
func parseLayer(kind, args string) (layer, error) {
	kw := map[string]string{}
	for _, m := range reprArg.FindAllStringSubmatch(args, -1) {
		kw[m[1]] = strings.TrimSpace(m[2])
	}
	num := func(k string) float64 { f, _ := strconv.ParseFloat(kw[k], 64); return f }
	l := layer{Kind: kind}
	switch kind {
	case "Linear":
		l.In, _ = strconv.Atoi(kw["in_features"])
		l.Out, _ = strconv.Atoi(kw["out_features"])
		l.Bias = kw["bias"] == "True"
		l.Params = l.In * l.Out
		if l.Bias {
			l.Params += l.Out
		}
		if l.In <= 0 || l.Out <= 0 {
			return l, fmt.Errorf("export: cannot read %s(%s)", kind, args)
		}
	case "BatchNorm1d", "LayerNorm":
		m := firstInts.FindStringSubmatch(args)
		if m == nil {
			return l, fmt.Errorf("export: cannot read %s(%s)", kind, args)
		}
		l.C, _ = strconv.Atoi(m[1])
		l.Eps, l.Mom = num("eps"), num("momentum")
		l.Params = 2 * l.C
		if kind == "BatchNorm1d" {
			l.Buffers = 2 * l.C
			if kw["momentum"] == "None" || !(l.Mom > 0) {
				return l, fmt.Errorf("export: %s(%s): only an exponential moving average (a momentum) is exported", kind, args)
			}
		}
	case "GroupNorm":
		var g, c int
		if _, err := fmt.Sscanf(args, "%d, %d,", &g, &c); err != nil {
			return l, fmt.Errorf("export: cannot read %s(%s)", kind, args)
		}
		l.Groups, l.C, l.Eps, l.Params = g, c, num("eps"), 2*c
	case "Dropout":
		l.P = num("p")
	case "ReLU", "Sigmoid", "Tanh":
	default:
		return l, fmt.Errorf("export: the layer %s has no PyTorch and Keras equivalent here", kind)
	}
	return l, nil
}
