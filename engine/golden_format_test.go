package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// goldenCase is one PyTorch reference case (format bnlab-golden/1, described
// in testdata/golden/README.md). Decoding rejects unknown fields, so a case
// that uses something this harness does not know fails instead of passing
// unchecked.
type goldenCase struct {
	Format      string                     `json:"format"`
	Name        string                     `json:"name"`
	Op          string                     `json:"op"`
	Description string                     `json:"description"`
	Attrs       map[string]json.RawMessage `json:"attrs"`
	Params      map[string]*goldenTensor   `json:"params"`
	State       json.RawMessage            `json:"state"` // {name: value}; [] or {} when empty
	Steps       []goldenStep               `json:"steps"`
	Tol         goldenTol                  `json:"tol"`
	ParamCount  *int                       `json:"param_count"`
	TorchPrint  *string                    `json:"torch_print"`
}

type goldenTol struct {
	Atol float64 `json:"atol"`
	Rtol float64 `json:"rtol"`
}

type goldenStep struct {
	Mode        string                     `json:"mode"`
	X           *goldenTensor              `json:"x"`
	GradY       *goldenTensor              `json:"grad_y"`
	Mask        *goldenTensor              `json:"mask"`
	Masks       map[string]*goldenTensor   `json:"masks"`
	Labels      []int                      `json:"labels"`
	Expect      map[string]json.RawMessage `json:"expect"`
	ExpectError *string                    `json:"expect_error"`
}

// goldenTensor is {"shape", "data"}, {"shape", "summary"} or
// {"shape", "init"} (a formula).
type goldenTensor struct {
	Shape   []int          `json:"shape"`
	Data    []float64      `json:"data"`
	Summary *goldenSummary `json:"summary"`
	Init    *goldenInit    `json:"init"`
}

type goldenSummary struct {
	Sum     float64      `json:"sum"`
	Sumsq   float64      `json:"sumsq"`
	Samples [][2]float64 `json:"samples"`
}

type goldenInit struct {
	Fn     string  `json:"fn"`
	Offset float64 `json:"offset"`
	Scale  float64 `json:"scale"`
	Freq   float64 `json:"freq"`
	Phase  float64 `json:"phase"`
}

// stateMap decodes the case's initial buffers: an object of name → tensor
// or number, or an empty list or object.
func (c *goldenCase) stateMap() (map[string]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(c.State)
	if len(trimmed) == 0 || string(trimmed) == "null" || string(trimmed) == "[]" {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &m); err != nil {
		return nil, fmt.Errorf("state: %v", err)
	}
	return m, nil
}

// strictUnmarshal decodes data into v, failing on unknown fields.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// count returns the element count of the shape.
func (g *goldenTensor) count() int {
	n := 1
	for _, d := range g.Shape {
		n *= d
	}
	return n
}

// tensor materialises an input tensor (data or init formula) as float32.
func (g *goldenTensor) tensor() (*Tensor, error) {
	if g == nil {
		return nil, fmt.Errorf("missing tensor")
	}
	// A shape from the file is checked before anything is allocated.
	const maxElems = 1 << 22
	n := 1
	for _, d := range g.Shape {
		if d < 0 || (d > 0 && n > maxElems/d) {
			return nil, fmt.Errorf("shape %v: a negative size, or more than %d values", g.Shape, maxElems)
		}
		n *= d
	}
	t := New(g.Shape...)
	switch {
	case g.Init != nil:
		if g.Init.Fn != "sin" {
			return nil, fmt.Errorf("unknown init fn %q", g.Init.Fn)
		}
		// data[i] = float32(o + s·sin(f·i + p)), in float64 then rounded.
		for i := range t.Data {
			t.Data[i] = float32(g.Init.Offset + g.Init.Scale*math.Sin(g.Init.Freq*float64(i)+g.Init.Phase))
		}
	case g.Data != nil:
		if len(g.Data) != n {
			return nil, fmt.Errorf("%d values for shape %s", len(g.Data), ShapeString(g.Shape))
		}
		for i, v := range g.Data {
			t.Data[i] = float32(v)
		}
	default:
		return nil, fmt.Errorf("tensor of shape %s has neither data nor init", ShapeString(g.Shape))
	}
	return t, nil
}

// goldenStats records, for one case, the largest absolute error seen and the
// largest ratio of an error to what the tolerance allowed.
// Errors of summary sums (over up to millions of values) are kept apart
// from the errors of single values.
type goldenStats struct {
	maxErr, maxSumErr, maxRatio float64
	worst                       string // the quantity with the largest ratio
	checked                     int
}

func (s *goldenStats) note(name string, err, allowed float64) {
	s.checked++
	s.maxErr = math.Max(s.maxErr, err)
	if allowed > 0 && err/allowed > s.maxRatio {
		s.maxRatio, s.worst = err/allowed, name
	}
}

// goldenReporter is the part of *testing.T the comparisons use, so that a
// test can show they fail on wrong values.
type goldenReporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// compareTensor checks got against want with the case tolerance: element
// by element |got − want| ≤ atol + rtol·|want|, or for a summary the sum and
// the sum of squares (accumulated in float64) within atol·√n + rtol·|want|
// and every sample as a value.
func compareTensor(t goldenReporter, st *goldenStats, name string, got *Tensor, want *goldenTensor, tol goldenTol) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: engine gave no tensor", name)
		return
	}
	if !sameShapeAs(got.Shape, want.Shape) {
		t.Errorf("%s: shape %s, want %s", name, got.ShapeString(), ShapeString(want.Shape))
		return
	}
	bad := 0
	value := func(i int, w float64) {
		g := float64(got.Data[i])
		e, allowed := math.Abs(g-w), tol.Atol+tol.Rtol*math.Abs(w)
		st.note(name, e, allowed)
		if !(e <= allowed) {
			if bad < 5 {
				t.Errorf("%s[%d] = %.9g, want %.9g (|err| %.3g > %.3g)", name, i, g, w, e, allowed)
			}
			bad++
		}
	}
	defer func() {
		if bad > 5 {
			t.Errorf("%s: %d values out of tolerance", name, bad)
		}
	}()
	switch {
	case want.Data != nil:
		if len(want.Data) != got.Len() {
			t.Errorf("%s: %d reference values for shape %s", name, len(want.Data), ShapeString(want.Shape))
			return
		}
		for i, w := range want.Data {
			value(i, w)
		}
	case want.Summary != nil:
		sum, sumsq := 0.0, 0.0
		for _, v := range got.Data {
			sum += float64(v)
			sumsq += float64(v) * float64(v)
		}
		n := math.Sqrt(float64(got.Len()))
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"sum", sum, want.Summary.Sum}, {"sumsq", sumsq, want.Summary.Sumsq}} {
			e, allowed := math.Abs(c.got-c.want), tol.Atol*n+tol.Rtol*math.Abs(c.want)
			st.checked++
			st.maxSumErr = math.Max(st.maxSumErr, e)
			if e/allowed > st.maxRatio {
				st.maxRatio, st.worst = e/allowed, name+" "+c.what
			}
			if !(e <= allowed) {
				t.Errorf("%s: %s = %.9g, want %.9g (|err| %.3g > %.3g)", name, c.what, c.got, c.want, e, allowed)
			}
		}
		if len(want.Summary.Samples) == 0 {
			t.Errorf("%s: summary without samples", name)
		}
		for _, s := range want.Summary.Samples {
			i := int(s[0])
			if float64(i) != s[0] || i < 0 || i >= got.Len() {
				t.Errorf("%s: bad sample index %v", name, s[0])
				continue
			}
			value(i, s[1])
		}
	default:
		t.Errorf("%s: reference has neither data nor summary", name)
	}
}

// compareScalar checks one number with the case tolerance.
func compareScalar(t goldenReporter, st *goldenStats, name string, got, want float64, tol goldenTol) {
	t.Helper()
	e, allowed := math.Abs(got-want), tol.Atol+tol.Rtol*math.Abs(want)
	st.note(name, e, allowed)
	if !(e <= allowed) {
		t.Errorf("%s = %.9g, want %.9g (|err| %.3g > %.3g)", name, got, want, e, allowed)
	}
}

// decodeTensorOrScalar decodes an expected value that is either a tensor or a
// bare number (num_batches_tracked, loss).
func decodeTensorOrScalar(raw json.RawMessage) (*goldenTensor, *float64, error) {
	var f float64
	if err := json.Unmarshal(raw, &f); err == nil {
		return nil, &f, nil
	}
	var g goldenTensor
	if err := strictUnmarshal(raw, &g); err != nil {
		return nil, nil, err
	}
	return &g, nil, nil
}
