package engine

import (
	"encoding/json"
	"fmt"
	"sort"
)

// layerParamMap and layerBufferMap index a single layer's parameters and
// buffers by their local names ("weight", "running_var").
func layerParamMap(l Layer) map[string]*Tensor {
	m := map[string]*Tensor{}
	for _, p := range l.Params() {
		m[p.Name] = p.Value
	}
	return m
}

func layerBufferMap(l Layer) map[string]*Tensor {
	m := map[string]*Tensor{}
	for _, b := range l.Buffers() {
		m[b.Name] = b.Value
	}
	return m
}

// loadGoldenTensors copies each given tensor into the target of that name.
func loadGoldenTensors(what string, targets map[string]*Tensor, given map[string]*goldenTensor) error {
	for name, g := range given {
		dst, ok := targets[name]
		if !ok {
			return fmt.Errorf("the engine has no %s %q (it has %v)", what, name, sortedTensorNames(targets))
		}
		src, err := g.tensor()
		if err != nil {
			return fmt.Errorf("%s %s: %v", what, name, err)
		}
		if !SameShape(src, dst) {
			return fmt.Errorf("%s %s: reference shape %s, engine shape %s", what, name, src.ShapeString(), dst.ShapeString())
		}
		copy(dst.Data, src.Data)
	}
	return nil
}

// loadGoldenState copies the case's initial buffers (tensors, or a bare
// number for num_batches_tracked) into the named buffers.
func loadGoldenState(targets map[string]*Tensor, state map[string]json.RawMessage) error {
	for name, raw := range state {
		dst, ok := targets[name]
		if !ok {
			return fmt.Errorf("the engine has no buffer %q (it has %v)", name, sortedTensorNames(targets))
		}
		g, scalar, err := decodeTensorOrScalar(raw)
		if err != nil {
			return fmt.Errorf("state %s: %v", name, err)
		}
		if scalar != nil {
			if dst.Len() != 1 {
				return fmt.Errorf("state %s: a number for a buffer of shape %s", name, dst.ShapeString())
			}
			dst.Data[0] = float32(*scalar)
			continue
		}
		if err := loadGoldenTensors("buffer", map[string]*Tensor{name: dst}, map[string]*goldenTensor{name: g}); err != nil {
			return err
		}
	}
	return nil
}

func sortedTensorNames(m map[string]*Tensor) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// layerSnapshot is a deep copy of a layer's parameters and buffers, to show
// that a refused step changed nothing.
type layerSnapshot map[string][]float32

func snapshotLayer(l Layer) layerSnapshot {
	s := layerSnapshot{}
	for _, p := range l.Params() {
		s["param "+p.Name] = append([]float32(nil), p.Value.Data...)
		s["grad "+p.Name] = append([]float32(nil), p.Grad.Data...)
	}
	for _, b := range l.Buffers() {
		s["buffer "+b.Name] = append([]float32(nil), b.Value.Data...)
	}
	return s
}

// diff describes how l's state differs from the snapshot, or "" if not.
func (s layerSnapshot) diff(l Layer) string {
	now := snapshotLayer(l)
	if len(now) != len(s) {
		return fmt.Sprintf("%d state tensors before, %d after", len(s), len(now))
	}
	for k, before := range s {
		after := now[k]
		if len(after) != len(before) {
			return fmt.Sprintf("%s changed length", k)
		}
		for i := range before {
			if before[i] != after[i] && !(before[i] != before[i] && after[i] != after[i]) {
				return fmt.Sprintf("%s[%d] changed from %v to %v", k, i, before[i], after[i])
			}
		}
	}
	return ""
}
