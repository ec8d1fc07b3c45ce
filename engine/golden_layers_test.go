package engine

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// runGoldenLayerCase replays a single-layer case (batchnorm, layernorm,
// groupnorm, dropout): build the layer from attrs, load params and state,
// then apply the steps in order to that one instance.
func runGoldenLayerCase(t *testing.T, c *goldenCase, st *goldenStats) {
	l, err := buildGoldenLayer(c.Op, c.Attrs)
	if err != nil {
		t.Fatalf("%s: building %s: %v", c.Name, c.Op, err)
	}
	if c.ParamCount != nil || c.TorchPrint != nil {
		t.Fatalf("%s: param_count/torch_print are not defined for op %s", c.Name, c.Op)
	}
	if err := loadGoldenTensors("parameter", layerParamMap(l), c.Params); err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	state, err := c.stateMap()
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	if err := loadGoldenState(layerBufferMap(l), state); err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	for i, s := range c.Steps {
		t.Run(fmt.Sprintf("step%d_%s", i+1, s.Mode), func(t *testing.T) {
			runGoldenLayerStep(t, l, c, &s, st)
		})
		if t.Failed() {
			return // later steps depend on this one's state
		}
	}
}

func runGoldenLayerStep(t *testing.T, l Layer, c *goldenCase, s *goldenStep, st *goldenStats) {
	switch s.Mode {
	case "train", "eval":
		l.SetTraining(s.Mode == "train")
	default:
		t.Fatalf("unknown mode %q", s.Mode)
	}
	if s.Labels != nil || s.Masks != nil {
		t.Fatalf("labels/masks are not defined for op %s", c.Op)
	}
	x, err := s.X.tensor()
	if err != nil {
		t.Fatalf("x: %v", err)
	}
	if s.Mask != nil {
		m, ok := l.(interface{ SetNextMask(*Tensor) error })
		if !ok || s.Mode != "train" {
			t.Fatalf("a mask is only defined for dropout in train mode (op %s, mode %s)", c.Op, s.Mode)
		}
		mask, err := s.Mask.tensor()
		if err != nil {
			t.Fatalf("mask: %v", err)
		}
		if err := m.SetNextMask(mask); err != nil {
			t.Fatalf("mask: %v", err)
		}
	}
	for _, p := range l.Params() {
		clear(p.Grad.Data)
	}
	if s.ExpectError != nil {
		if s.Expect != nil || s.GradY != nil {
			t.Fatalf("a step has both expect_error and expect/grad_y")
		}
		before := snapshotLayer(l)
		_, err := l.Forward(x)
		if err == nil {
			t.Fatalf("engine accepted input %s that PyTorch refused with %q", x.ShapeString(), *s.ExpectError)
		}
		t.Logf("refused as PyTorch does: engine %q; PyTorch %q", err, *s.ExpectError)
		if diff := before.diff(l); diff != "" {
			t.Fatalf("a refused step changed state: %s", diff)
		}
		st.checked++
		mirrorPyTorchRefusal(t, l, x)
		return
	}
	y, err := l.Forward(x)
	if err != nil {
		t.Fatalf("forward %s: %v", x.ShapeString(), err)
	}
	var gx *Tensor
	if s.GradY != nil {
		gy, err := s.GradY.tensor()
		if err != nil {
			t.Fatalf("grad_y: %v", err)
		}
		if gx, err = l.Backward(gy); err != nil {
			t.Fatalf("backward: %v", err)
		}
	}
	if len(s.Expect) == 0 {
		t.Fatalf("step has neither expect nor expect_error")
	}
	for _, key := range sortedKeys(s.Expect) {
		got, err := goldenLayerValue(l, key, y, gx)
		if err != nil {
			t.Errorf("expect %s: %v", key, err)
			continue
		}
		want, scalar, err := decodeTensorOrScalar(s.Expect[key])
		if err != nil {
			t.Errorf("expect %s: %v", key, err)
			continue
		}
		if scalar != nil {
			if got.Len() != 1 {
				t.Errorf("expect %s: a number, the engine has shape %s", key, got.ShapeString())
				continue
			}
			compareScalar(t, st, key, float64(got.Data[0]), *scalar, c.Tol)
			continue
		}
		compareTensor(t, st, key, got, want, c.Tol)
	}
}

// goldenLayerValue returns the engine's value for an expect key: y, grad_x,
// grad_<param> or the name of a buffer.
func goldenLayerValue(l Layer, key string, y, gx *Tensor) (*Tensor, error) {
	switch {
	case key == "y":
		return y, nil
	case key == "grad_x":
		if gx == nil {
			return nil, fmt.Errorf("no grad_y given for the backward pass")
		}
		return gx, nil
	case strings.HasPrefix(key, "grad_"):
		for _, p := range l.Params() {
			if p.Name == key[len("grad_"):] {
				return p.Grad, nil
			}
		}
		return nil, fmt.Errorf("%s has no parameter %q", l, key[len("grad_"):])
	}
	for _, b := range l.Buffers() {
		if b.Name == key {
			return b.Value, nil
		}
	}
	return nil, fmt.Errorf("unknown expected quantity %q for %s", key, l)
}

// mirrorPyTorchRefusal reproduces PyTorch 1.13's side effect of a refused
// step on the reference side. _BatchNorm.forward checks the input's number
// of dimensions, then (in train mode with running statistics) increments
// num_batches_tracked, and only then does F.batch_norm refuse the batch. So
// after the refusal PyTorch's counter is one higher, and the reference values
// of later steps (the counter itself, and the cumulative-average factor
// 1/num_batches_tracked) come from that state. The engine, by design, changes
// nothing when it refuses (checked above); the harness applies PyTorch's
// increment to the layer so that the steps that follow start from PyTorch's
// state.
func mirrorPyTorchRefusal(t *testing.T, l Layer, x *Tensor) {
	b, ok := l.(*BatchNorm)
	if !ok || !b.training || !b.track {
		return
	}
	if d := x.Dims(); (b.spatialDims == 1 && d != 2 && d != 3) || (b.spatialDims == 2 && d != 4) {
		return // PyTorch's _check_input_dim refused before the increment
	}
	b.numBatches.Value.Data[0]++
	t.Logf("mirrored PyTorch: its refused train step still incremented num_batches_tracked (now %v)", b.numBatches.Value.Data[0])
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
