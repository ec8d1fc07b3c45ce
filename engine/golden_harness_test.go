package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// errorRecorder collects Errorf calls instead of failing the test.
type errorRecorder struct{ msgs []string }

func (r *errorRecorder) Helper() {}
func (r *errorRecorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// TestGoldenHarnessFails shows that the harness cannot pass by accident: a
// value out of tolerance, a wrong shape, a summary that does not match, an
// unknown attribute, field or op are all reported.
func TestGoldenHarnessFails(t *testing.T) {
	tol := goldenTol{Atol: 1e-5, Rtol: 1e-5}
	got, _ := FromData([]float32{1, 2, 3, 4}, 2, 2)
	compares := []struct {
		name string
		want goldenTensor
		fail bool
	}{
		{"exact", goldenTensor{Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4}}, false},
		{"within_tol", goldenTensor{Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4.00004}}, false},
		{"off", goldenTensor{Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4.001}}, true},
		{"nan", goldenTensor{Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4}}, true},
		{"shape", goldenTensor{Shape: []int{4}, Data: []float64{1, 2, 3, 4}}, true},
		{"summary_ok", goldenTensor{Shape: []int{2, 2}, Summary: &goldenSummary{Sum: 10, Sumsq: 30, Samples: [][2]float64{{3, 4}}}}, false},
		{"summary_sum", goldenTensor{Shape: []int{2, 2}, Summary: &goldenSummary{Sum: 10.01, Sumsq: 30, Samples: [][2]float64{{3, 4}}}}, true},
		{"summary_sample", goldenTensor{Shape: []int{2, 2}, Summary: &goldenSummary{Sum: 10, Sumsq: 30, Samples: [][2]float64{{0, 1.5}}}}, true},
		{"summary_no_samples", goldenTensor{Shape: []int{2, 2}, Summary: &goldenSummary{Sum: 10, Sumsq: 30}}, true},
		{"empty", goldenTensor{Shape: []int{2, 2}}, true},
	}
	for _, tc := range compares {
		g := got.Clone()
		if tc.name == "nan" {
			g.Data[3] = float32(math.NaN())
		}
		var rec errorRecorder
		var st goldenStats
		compareTensor(&rec, &st, tc.name, g, &tc.want, tol)
		if failed := len(rec.msgs) > 0; failed != tc.fail {
			t.Errorf("%s: failed=%v (%v), want failed=%v", tc.name, failed, rec.msgs, tc.fail)
		}
	}
	raw := func(s string) map[string]json.RawMessage {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, tc := range []struct{ op, attrs, want string }{
		{"batchnorm", `{"num_features": 3, "spatial_dims": 1, "frobnicate": true}`, "unknown attributes [frobnicate]"},
		{"batchnorm", `{"num_features": 3}`, "missing attribute spatial_dims"},
		{"batchnorm", `{"num_features": 3, "spatial_dims": 3}`, "spatial_dims must be 1 or 2"},
		{"dropout", `{"p": 0.5, "training": true}`, "unknown attributes [training]"},
		{"layernorm", `{"normalized_shape": [4], "bias": false}`, "unknown attributes [bias]"},
		{"conv3d", `{}`, "unknown op"},
		{"layernorm", `{"normalized_shape": "x"}`, "attribute normalized_shape"},
	} {
		if _, err := buildGoldenLayer(tc.op, raw(tc.attrs)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s: %v, want %q", tc.op, tc.attrs, err, tc.want)
		}
	}
	if l, err := buildGoldenLayer("layernorm", raw(`{"normalized_shape": 6, "eps": 1e-6}`)); err != nil || l.String() != "LayerNorm((6,), eps=1e-06, elementwise_affine=True)" {
		t.Errorf("normalized_shape as an int: %v, %v", l, err)
	}
	var c goldenCase
	if err := strictUnmarshal([]byte(`{"format": "bnlab-golden/1", "op": "dropout", "new_field": 1}`), &c); err == nil {
		t.Errorf("a case with an unknown field decoded without error")
	}
	if _, ok := goldenRunners["conv3d"]; ok {
		t.Errorf("unexpected runner for conv3d")
	}
}
