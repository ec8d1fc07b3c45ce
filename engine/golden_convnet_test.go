package engine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// buildGoldenConvNet builds the syllabus's ConvNetWithBNDropout from the
// case's attrs (num_classes, bn_eps, bn_momentum; null momentum is the
// cumulative average) with the engine's public constructors, as the PyTorch
// class does:
//
//	features:   Conv2d(1, 32, 3, padding=1), BatchNorm2d(32), ReLU, MaxPool2d(2),
//	            Conv2d(32, 64, 3, padding=1), BatchNorm2d(64), ReLU, MaxPool2d(2)
//	classifier: Flatten, Linear(3136, 512), BatchNorm1d(512), ReLU, Dropout(0.5),
//	            Linear(512, 128), ReLU, Dropout(0.3), Linear(128, num_classes)
func buildGoldenConvNet(c *goldenCase) (*Module, error) {
	a := newGoldenAttrs(c.Attrs)
	numClasses := 10
	a.get("num_classes", &numClasses)
	bnOpts := []BatchNormOption{WithEps(a.float("bn_eps", 1e-5))}
	if a.isNull("bn_momentum") {
		a.used["bn_momentum"] = true
		bnOpts = append(bnOpts, WithCumulativeAverage())
	} else {
		bnOpts = append(bnOpts, WithMomentum(a.float("bn_momentum", 0.1)))
	}
	if err := a.done(); err != nil {
		return nil, err
	}
	// Parameters are overwritten from the case; the generator only feeds
	// the constructors (and dropout, whose masks are forced).
	r := rand.New(rand.NewPCG(1, 1))
	var firstErr error
	keep := func(l Layer, err error) Layer {
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return l
	}
	conv := func(in, out int) Layer { return keep(NewConv2d(in, out, 3, 1, 1, true, r)) }
	pool := func() Layer { return keep(NewMaxPool2d(2, 2, 0)) }
	bn2d := func(ch int) Layer { return keep(NewBatchNorm2d(ch, bnOpts...)) }
	linear := func(in, out int) Layer { return keep(NewLinear(in, out, true, r)) }
	drop := func(p float64) Layer { return keep(NewDropout(p, r)) }
	features, err := NewSequential(conv(1, 32), bn2d(32), NewReLU(), pool(),
		conv(32, 64), bn2d(64), NewReLU(), pool())
	if firstErr != nil {
		return nil, firstErr
	}
	if err != nil {
		return nil, err
	}
	classifier, err := NewSequential(NewFlatten(), linear(64*7*7, 512),
		keep(NewBatchNorm1d(512, bnOpts...)), NewReLU(), drop(0.5),
		linear(512, 128), NewReLU(), drop(0.3), linear(128, numClasses))
	if err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return NewModule("ConvNetWithBNDropout", Child{"features", features}, Child{"classifier", classifier})
}

// findGoldenLayer returns the layer at a dotted path ("classifier.4").
func findGoldenLayer(m Model, path string) (Layer, error) {
	var cur Layer = m
	for _, part := range strings.Split(path, ".") {
		cl, ok := cur.(childLister)
		if !ok {
			return nil, fmt.Errorf("no layer %q: %s has no children", path, cur.Kind())
		}
		var next Layer
		for _, ch := range cl.Children() {
			if ch.Name == part {
				next = ch.Layer
			}
		}
		if next == nil {
			return nil, fmt.Errorf("no layer %q in the model", path)
		}
		cur = next
	}
	return cur, nil
}

// runGoldenConvNet replays a syllabus_convnet case: parameters from their
// formulas, then each step (forward with the given dropout masks, mean
// cross-entropy against labels, backward in train mode) compared with
// PyTorch; then the parameter count and the PyTorch print.
func runGoldenConvNet(t *testing.T, c *goldenCase, st *goldenStats) {
	m, err := buildGoldenConvNet(c)
	if err != nil {
		t.Fatalf("building the model: %v", err)
	}
	m.SetNeedInputGrad(true) // grad_x is compared
	params, buffers := map[string]*Tensor{}, map[string]*Tensor{}
	grads := map[string]*Tensor{}
	for _, p := range m.NamedParams() {
		params[p.Name], grads[p.Name] = p.Param.Value, p.Param.Grad
	}
	for _, b := range m.NamedBuffers() {
		buffers[b.Name] = b.Buffer.Value
	}
	if len(c.Params) != len(params) {
		t.Fatalf("the case sets %d parameters, the model has %d (%v)", len(c.Params), len(params), sortedTensorNames(params))
	}
	if err := loadGoldenTensors("parameter", params, c.Params); err != nil {
		t.Fatal(err)
	}
	state, err := c.stateMap()
	if err != nil {
		t.Fatal(err)
	}
	if err := loadGoldenState(buffers, state); err != nil {
		t.Fatal(err)
	}
	for i, s := range c.Steps {
		t.Run(fmt.Sprintf("step%d_%s", i+1, s.Mode), func(t *testing.T) {
			runGoldenConvNetStep(t, m, c, &s, st)
		})
		if t.Failed() {
			return
		}
	}
	if c.ParamCount != nil {
		n := 0
		for _, p := range m.Params() {
			n += p.Value.Len()
		}
		if n != *c.ParamCount {
			t.Errorf("param_count = %d, want %d", n, *c.ParamCount)
		}
		st.checked++
	}
	if c.TorchPrint != nil {
		if got := m.String(); got != *c.TorchPrint {
			t.Errorf("torch_print differs:\ngot:\n%s\nwant:\n%s", got, *c.TorchPrint)
		}
		st.checked++
	}
}

func runGoldenConvNetStep(t *testing.T, m *Module, c *goldenCase, s *goldenStep, st *goldenStats) {
	switch s.Mode {
	case "train":
		m.Train()
	case "eval":
		m.Eval()
	default:
		t.Fatalf("unknown mode %q", s.Mode)
	}
	if s.Mask != nil || s.GradY != nil || s.ExpectError != nil {
		t.Fatalf("mask/grad_y/expect_error are not defined for op %s", c.Op)
	}
	if s.Masks != nil && s.Mode != "train" {
		t.Fatalf("dropout masks given in %s mode", s.Mode)
	}
	for _, name := range sortedTensorKeys(s.Masks) {
		l, err := findGoldenLayer(m, name)
		if err != nil {
			t.Fatalf("mask %s: %v", name, err)
		}
		d, ok := l.(interface{ SetNextMask(*Tensor) error })
		if !ok {
			t.Fatalf("mask %s: layer %s is not a dropout layer", name, l)
		}
		mask, err := s.Masks[name].tensor()
		if err != nil {
			t.Fatalf("mask %s: %v", name, err)
		}
		if err := d.SetNextMask(mask); err != nil {
			t.Fatalf("mask %s: %v", name, err)
		}
	}
	x, err := s.X.tensor()
	if err != nil {
		t.Fatalf("x: %v", err)
	}
	logits, err := m.Forward(x)
	if err != nil {
		t.Fatalf("forward: %v", err)
	}
	loss, gradLogits, err := CrossEntropy(logits, s.Labels)
	if err != nil {
		t.Fatalf("loss: %v", err)
	}
	var gx *Tensor
	if s.Mode == "train" {
		m.ZeroGrad()
		if gx, err = m.Backward(gradLogits); err != nil {
			t.Fatalf("backward: %v", err)
		}
	}
	if len(s.Expect) == 0 {
		t.Fatalf("step has no expect")
	}
	for _, key := range sortedKeys(s.Expect) {
		raw := s.Expect[key]
		switch key {
		case "logits", "grad_x":
			got := logits
			if key == "grad_x" {
				if gx == nil {
					t.Fatalf("grad_x expected but no backward pass in %s mode", s.Mode)
				}
				got = gx
			}
			var want goldenTensor
			if err := strictUnmarshal(raw, &want); err != nil {
				t.Fatalf("expect %s: %v", key, err)
			}
			compareTensor(t, st, key, got, &want, c.Tol)
		case "loss":
			_, want, err := decodeTensorOrScalar(raw)
			if err != nil || want == nil {
				t.Fatalf("expect loss: not a number (%v)", err)
			}
			compareScalar(t, st, "loss", loss, *want, c.Tol)
		case "grads", "buffers":
			var want map[string]*goldenTensor
			if err := strictUnmarshal(raw, &want); err != nil {
				t.Fatalf("expect %s: %v", key, err)
			}
			have := map[string]*Tensor{}
			if key == "grads" {
				if s.Mode != "train" {
					t.Fatalf("grads expected without a backward pass")
				}
				for _, p := range m.NamedParams() {
					have[p.Name] = p.Param.Grad
				}
			} else {
				for _, b := range m.NamedBuffers() {
					have[b.Name] = b.Buffer.Value
				}
			}
			for _, name := range sortedTensorKeys(want) {
				got, ok := have[name]
				if !ok {
					t.Errorf("expect %s: the model has no %q", key, name)
					continue
				}
				compareTensor(t, st, key+"["+name+"]", got, want[name], c.Tol)
			}
		default:
			t.Errorf("unknown expected quantity %q", key)
		}
	}
}

func sortedTensorKeys(m map[string]*goldenTensor) []string {
	ts := map[string]*Tensor{}
	for k := range m {
		ts[k] = nil
	}
	return sortedTensorNames(ts)
}
