package engine

import (
	"encoding/json"
	"fmt"
	"sort"
)

// goldenAttrs reads a case's constructor arguments by PyTorch name and
// remembers which were read, so that an attribute the harness does not know
// fails the case (unused reports it).
type goldenAttrs struct {
	raw  map[string]json.RawMessage
	used map[string]bool
	err  error
}

func newGoldenAttrs(raw map[string]json.RawMessage) *goldenAttrs {
	return &goldenAttrs{raw: raw, used: map[string]bool{}}
}

// get decodes attribute name into v; it reports whether it was present
// (JSON null counts as present and leaves v unchanged).
func (a *goldenAttrs) get(name string, v any) bool {
	r, ok := a.raw[name]
	a.used[name] = true
	if !ok {
		return false
	}
	if err := json.Unmarshal(r, v); err != nil && a.err == nil {
		a.err = fmt.Errorf("attribute %s = %s: %v", name, r, err)
	}
	return true
}

// isNull reports whether attribute name is present and JSON null.
func (a *goldenAttrs) isNull(name string) bool {
	r, ok := a.raw[name]
	return ok && string(r) == "null"
}

func (a *goldenAttrs) requireInt(name string) int {
	var v int
	if !a.get(name, &v) && a.err == nil {
		a.err = fmt.Errorf("missing attribute %s", name)
	}
	// Sizes from the file are bounded before a layer allocates them.
	if (v < 0 || v > 1<<16) && a.err == nil {
		a.err = fmt.Errorf("attribute %s = %d is out of range (0 to 65536)", name, v)
	}
	return v
}

func (a *goldenAttrs) float(name string, def float64) float64 {
	v := def
	a.get(name, &v)
	return v
}

func (a *goldenAttrs) bool(name string, def bool) bool {
	v := def
	a.get(name, &v)
	return v
}

// done returns the first decoding error, or an error naming every
// attribute that was never read.
func (a *goldenAttrs) done() error {
	if a.err != nil {
		return a.err
	}
	var unknown []string
	for k := range a.raw {
		if !a.used[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("unknown attributes %v", unknown)
	}
	return nil
}

// buildGoldenLayer constructs the layer of a single-layer case from its
// PyTorch constructor arguments, with PyTorch's defaults for absent ones.
func buildGoldenLayer(op string, raw map[string]json.RawMessage) (Layer, error) {
	a := newGoldenAttrs(raw)
	var l Layer
	var err error
	switch op {
	case "batchnorm":
		c := a.requireInt("num_features")
		dims := a.requireInt("spatial_dims")
		opts := []BatchNormOption{
			WithEps(a.float("eps", 1e-5)),
			WithAffine(a.bool("affine", true)),
			WithTrackRunningStats(a.bool("track_running_stats", true)),
		}
		if a.isNull("momentum") {
			a.used["momentum"] = true
			opts = append(opts, WithCumulativeAverage())
		} else {
			opts = append(opts, WithMomentum(a.float("momentum", 0.1)))
		}
		if err := a.done(); err != nil {
			return nil, err
		}
		switch dims {
		case 1:
			l, err = NewBatchNorm1d(c, opts...)
		case 2:
			l, err = NewBatchNorm2d(c, opts...)
		default:
			return nil, fmt.Errorf("spatial_dims must be 1 or 2, got %d", dims)
		}
	case "layernorm":
		// PyTorch accepts an int or a list for normalized_shape.
		var shape []int
		if r, ok := a.raw["normalized_shape"]; ok && json.Unmarshal(r, new(int)) == nil {
			var d int
			a.get("normalized_shape", &d)
			shape = []int{d}
		} else if !a.get("normalized_shape", &shape) {
			return nil, fmt.Errorf("missing attribute normalized_shape")
		}
		n := 1
		for _, d := range shape {
			if d <= 0 || n > (1<<22)/d {
				return nil, fmt.Errorf("normalized_shape %v: sizes must be positive, at most 2²² values", shape)
			}
			n *= d
		}
		eps := a.float("eps", 1e-5)
		// PyTorch names it elementwise_affine; the reference files say affine.
		affine := a.bool("elementwise_affine", true)
		affine = a.bool("affine", affine)
		if err := a.done(); err != nil {
			return nil, err
		}
		l, err = NewLayerNorm(shape, eps, affine)
	case "groupnorm":
		g, c := a.requireInt("num_groups"), a.requireInt("num_channels")
		eps, affine := a.float("eps", 1e-5), a.bool("affine", true)
		if err := a.done(); err != nil {
			return nil, err
		}
		l, err = NewGroupNorm(g, c, eps, affine)
	case "dropout":
		p := a.float("p", 0.5)
		a.bool("inplace", false) // in place or not, the values are the same
		if err := a.done(); err != nil {
			return nil, err
		}
		l, err = NewDropout(p, nil)
	default:
		return nil, fmt.Errorf("unknown op %q", op)
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}
