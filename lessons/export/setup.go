package export

import (
	"fmt"
	"regexp"
	"strings"

	"bnlab/engine"
)

// Net is one network to export.
type Net struct {
	// Name is a short name ("plain", "bn"); it becomes a Python name.
	Name, Label string
	// Model is the engine's model; its PyTorch-style print (String) is the
	// architecture the code builds.
	Model *engine.Sequential
	// WeightStd > 0: weights from N(0, WeightStd²) and zero biases, as the
	// lab draws them; 0: PyTorch's default initialisation.
	WeightStd float64
	// Omitted says what the lab's network has that the code leaves out
	// (e.g. the BN + noise network's noise), or "".
	Omitted string
}

// Setup is a lesson's training configuration, as the lesson runs it.
type Setup struct {
	// Lesson is the lesson's id and Address the URL hash of its state.
	Lesson, Address string
	Nets            []Net
	Batch           int
	LR, Momentum    float64
	// Steps is how long the loop trains, ValEvery how often it measures.
	Steps, ValEvery int
	// TrainImages and ValImages are the first MNIST training and test
	// images used.
	TrainImages, ValImages int
	Seed                   uint64
}

// Exporter is implemented by a lesson whose networks can be exported.
type Exporter interface {
	Export() (Setup, error)
}

var pyName = regexp.MustCompile(`[^a-z0-9_]+`)

// ident turns a network's name into a Python identifier.
func ident(name string) string {
	s := strings.Trim(pyName.ReplaceAllString(strings.ToLower(name), "_"), "_")
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "net_" + s
	}
	return s
}

// check refuses a Setup the code could not run.
func (s Setup) check() error {
	switch {
	case len(s.Nets) == 0:
		return fmt.Errorf("export: %s: no network to export", s.Lesson)
	case s.Batch < 1 || !(s.LR > 0) || s.Momentum < 0 || s.Steps < 1 || s.TrainImages < s.Batch || s.ValImages < 1:
		return fmt.Errorf("export: %s: cannot export batch %d, lr %v, momentum %v, %d steps on %d training and %d validation images",
			s.Lesson, s.Batch, s.LR, s.Momentum, s.Steps, s.TrainImages, s.ValImages)
	}
	seen := map[string]bool{}
	for _, n := range s.Nets {
		if n.Model == nil {
			return fmt.Errorf("export: %s: network %q has no model", s.Lesson, n.Name)
		}
		if seen[ident(n.Name)] {
			return fmt.Errorf("export: %s: two networks are called %q", s.Lesson, ident(n.Name))
		}
		seen[ident(n.Name)] = true
	}
	return nil
}

// ParamCount is the number of trainable values of m, as the engine holds
// them (PyTorch's sum(p.numel() for p in model.parameters())).
func ParamCount(m *engine.Sequential) int {
	n := 0
	for _, p := range m.Params() {
		n += len(p.Value.Data)
	}
	return n
}

// parsedNet is a network with its Python name and its layers.
type parsedNet struct {
	id     string
	net    Net
	layers []layer
}

// parse checks s and reads every network's layers from the engine's print.
func (s Setup) parse() ([]parsedNet, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	var out []parsedNet
	for _, n := range s.Nets {
		ls, err := parseLayers(n.Model.String())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n.Name, err)
		}
		out = append(out, parsedNet{id: ident(n.Name), net: n, layers: ls})
	}
	return out, nil
}

// docstring is a network's label as a Python docstring's text.
func docstring(n Net) string { return strings.ReplaceAll(n.Label, `"`, `'`) }

// modelsDict is the Python dict of the networks, built by make_<id>().
func modelsDict(nets []parsedNet) string {
	var b strings.Builder
	b.WriteString("    models = {\n")
	for _, n := range nets {
		fmt.Fprintf(&b, "        %q: make_%s(),\n", n.id, n.id)
	}
	b.WriteString("    }\n")
	return b.String()
}
