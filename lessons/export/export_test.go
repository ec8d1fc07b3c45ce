package export

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/engine/data"
)

// specs are the networks the tests export: every layer kind the lessons
// train.
var specs = []engine.MLPSpec{
	{Sizes: []int{784, 100, 100, 10}, Activation: "sigmoid", Placement: engine.NormBefore, WeightStd: 0.1, Dropout: 0.5},
	{Sizes: []int{784, 64, 10}, Activation: "relu", Placement: engine.NormAfter, Norm: "group", Groups: 4},
	{Sizes: []int{784, 64, 10}, Activation: "tanh", Placement: engine.NormBefore, NoBiasBeforeNorm: true,
		BNOptions: []engine.BatchNormOption{engine.WithEps(1e-3), engine.WithMomentum(0.01)}},
	{Sizes: []int{784, 32, 32, 10}, Activation: "relu", Placement: engine.NormBefore, Norm: "layer"},
	{Sizes: []int{784, 20, 10}, Activation: "relu"},
}

func model(t *testing.T, s engine.MLPSpec) *engine.Sequential {
	t.Helper()
	m, err := engine.NewMLP(s, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func setup(t *testing.T, s engine.MLPSpec) Setup {
	return Setup{Lesson: "histograms", Address: "#lesson=histograms", Batch: 60, LR: 0.1, Steps: 3, ValEvery: 2,
		TrainImages: 600, ValImages: 100, Seed: 7, Nets: []Net{{Name: "with BN", Label: "a test", Model: model(t, s), WeightStd: s.WeightStd}}}
}

// TestParseLayers: the layers read from the engine's print count the
// same trainable parameters as the engine holds.
func TestParseLayers(t *testing.T) {
	for i, s := range specs {
		m := model(t, s)
		ls, err := parseLayers(m.String())
		if err != nil {
			t.Fatalf("spec %d: %v", i, err)
		}
		n := 0
		for _, l := range ls {
			n += l.Params
		}
		if want := ParamCount(m); n != want || len(ls) != len(m.String())-len(strings.ReplaceAll(m.String(), "\n", ""))-1 {
			t.Errorf("spec %d: %d layers, %d parameters read, the engine has %d", i, len(ls), n, want)
		}
	}
	for _, bad := range []string{"", "Linear()", "Sequential(\n  (0): Conv9d(3)\n)", "Sequential(\n  (0): BatchNorm1d(4, eps=1e-05, momentum=None, affine=True, track_running_stats=True)\n)"} {
		if _, err := parseLayers(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

var torchLine = regexp.MustCompile(`(?m)^        nn\.(.*),$`)

// TestPyTorchArchitecture: the script's nn.Sequential, printed as PyTorch
// prints a Sequential, is exactly the engine's own print of the model.
func TestPyTorchArchitecture(t *testing.T) {
	for i, s := range specs {
		st := setup(t, s)
		code, err := PyTorch(st)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.WriteString("Sequential(\n")
		for k, m := range torchLine.FindAllStringSubmatch(code, -1) {
			b.WriteString("  (" + strconv.Itoa(k) + "): " + m[1] + "\n")
		}
		b.WriteString(")")
		if got, want := b.String(), st.Nets[0].Model.String(); got != want {
			t.Errorf("spec %d:\n%s\nwant\n%s", i, got, want)
		}
		for _, want := range []string{"model.eval()", "model.train()", "torch.no_grad()", "BATCH = 60", "LR = 0.1", "def make_with_bn():"} {
			if !strings.Contains(code, want) {
				t.Errorf("spec %d: the script lacks %q", i, want)
			}
		}
		if (s.WeightStd > 0) != strings.Contains(code, "nn.init.normal_(m.weight, 0.0, "+py(s.WeightStd)+")") {
			t.Errorf("spec %d: initialisation N(0, %v²) not as the lab's", i, s.WeightStd)
		}
	}
}

// TestKerasLayers: one Keras layer per engine layer, with BN's momentum
// translated to Keras's convention (1 − PyTorch's) and the same ε.
func TestKerasLayers(t *testing.T) {
	for _, c := range []struct {
		spec int
		want []string
	}{
		{0, []string{"layers.BatchNormalization(momentum=0.9, epsilon=1e-05)", "layers.Dropout(0.5)", `layers.Activation("sigmoid")`, "RandomNormal(0.0, 0.1)"}},
		{1, []string{"layers.GroupNormalization(groups=4, epsilon=1e-05)", `layers.Activation("relu")`, "torch_default(784)"}},
		{2, []string{"layers.BatchNormalization(momentum=0.99, epsilon=0.001)", "layers.Dense(64, use_bias=False", `layers.Activation("tanh")`}},
		{3, []string{"layers.LayerNormalization(epsilon=1e-05)"}},
	} {
		st := setup(t, specs[c.spec])
		code, err := Keras(st)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(code, w) {
				t.Errorf("spec %d: no %q in\n%s", c.spec, w, code)
			}
		}
		ls, _ := parseLayers(st.Nets[0].Model.String())
		if n := strings.Count(code, "\n        layers."); n != len(ls) {
			t.Errorf("spec %d: %d Keras layers for %d engine layers", c.spec, n, len(ls))
		}
		if !strings.Contains(code, "EPOCHS = 1") || !strings.Contains(code, "training=False") {
			t.Errorf("spec %d: epochs or the mode comment missing", c.spec)
		}
	}
}

// TestBadSetup: what the code could not run is refused with a reason.
func TestBadSetup(t *testing.T) {
	good := setup(t, specs[0])
	for name, mod := range map[string]func(*Setup){
		"no nets":       func(s *Setup) { s.Nets = nil },
		"no model":      func(s *Setup) { s.Nets[0].Model = nil },
		"zero lr":       func(s *Setup) { s.LR = 0 },
		"tiny data":     func(s *Setup) { s.TrainImages = 10 },
		"same names":    func(s *Setup) { s.Nets = append(s.Nets, Net{Name: "With BN!", Model: s.Nets[0].Model}) },
		"zero steps":    func(s *Setup) { s.Steps = 0 },
		"no validation": func(s *Setup) { s.ValImages = 0 },
	} {
		s := good
		s.Nets = append([]Net(nil), good.Nets...)
		mod(&s)
		if _, err := PyTorch(s); err == nil {
			t.Errorf("%s: PyTorch: no error", name)
		}
		if _, err := Keras(s); err == nil {
			t.Errorf("%s: Keras: no error", name)
		}
	}
}

// TestRunPyTorch runs an exported script for a few steps with PyTorch
// (Debian's python3-torch, which .ci/run installs): it must print the
// engine's architecture and parameter count, and train. Outside CI it
// skips, saying why, when torch is missing.
func TestRunPyTorch(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no processes under GOOS=js; the native run checks the exported code")
	}
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		py = "python3"
	}
	if out, err := exec.Command(py, "-c", "import torch").CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI: PyTorch is not installed (%s -c 'import torch': %v, %s); .ci/run installs python3-torch", py, err, out)
		}
		t.Skipf("SKIPPED: PyTorch is not installed (%s: %v); apt-get install python3-torch to run the exported code", py, err)
	}
	dir, err := data.ModuleDir()
	if err != nil {
		t.Fatalf("MNIST: %v", err)
	}
	for _, i := range []int{0, 1} {
		st := setup(t, specs[i])
		code, err := PyTorch(st)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(t.TempDir(), "export.py")
		if err := os.WriteFile(f, []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(py, f, "--mnist", dir, "--steps", "3")
		cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("spec %d: %v\n%s", i, err, out)
		}
		s := string(out)
		if !strings.Contains(s, st.Nets[0].Model.String()) || !strings.Contains(s, "parameters: "+strconv.Itoa(ParamCount(st.Nets[0].Model))) || !strings.Contains(s, "step 3: with_bn loss") {
			t.Errorf("spec %d: PyTorch's output does not show the engine's model, its %d parameters and the training:\n%s", i, ParamCount(st.Nets[0].Model), s)
		}
	}
}
