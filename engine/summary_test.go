package engine

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTorchPrintGolden compares the syllabus model's print and parameter
// count with what PyTorch reported (the golden case's torch_print).
func TestTorchPrintGolden(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", "syllabus_convnet_mnist8.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		TorchPrint string `json:"torch_print"`
		ParamCount int    `json:"param_count"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	m, err := NewSyllabusConvNet(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	if got := TorchPrint(m); got != g.TorchPrint {
		t.Errorf("TorchPrint differs from PyTorch's.\n got:\n%s\nwant:\n%s", got, g.TorchPrint)
	}
	if got := ParamCount(m); got != g.ParamCount {
		t.Errorf("ParamCount = %d, want %d", got, g.ParamCount)
	}
	if s := TorchSummary(m); !strings.HasSuffix(s, "\nTotal params: 1,693,130") {
		t.Errorf("TorchSummary ends %q", s[len(s)-40:])
	}
}

func TestFormatThousands(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {825866, "825,866"}, {1693130, "1,693,130"}, {-1234, "-1,234"}} {
		if got := FormatThousands(tc.n); got != tc.want {
			t.Errorf("FormatThousands(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestKerasSummary checks the Keras-style table of the syllabus's Keras
// model against testdata/keras_summary.txt (laid out as Keras 2's
// model.summary()) and the counts the syllabus gives. The text file was
// produced independently of this package: Keras 2.9–2.12's print_row and
// print_summary re-run in Python on the layer list of the syllabus's
// build_model_keras().
func TestKerasSummary(t *testing.T) {
	m, err := NewKerasSyllabusModel(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := KerasRows(m, []int{1, 28, 28})
	if err != nil {
		t.Fatal(err)
	}
	total, non := 0, 0
	for _, r := range rows {
		total += r.Params
		non += r.NonTrainable
	}
	if total != 825866 || non != 704 || total-non != 825162 {
		t.Errorf("Keras counts total=%d trainable=%d non-trainable=%d, want 825866, 825162, 704", total, total-non, non)
	}
	got, err := KerasSummary(m, "", []int{1, 28, 28})
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "keras_summary.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("KerasSummary differs from testdata/keras_summary.txt.\n got:\n%s\nwant:\n%s", got, want)
	}
	if _, err := KerasSummary(m, "", []int{3, 28, 28}); err == nil || !strings.Contains(err.Error(), "(1, 3, 28, 28)") {
		t.Errorf("wrong input channels: err = %v, want one naming the shape", err)
	}
}

func TestOutputShape(t *testing.T) {
	m, err := NewSyllabusConvNet(rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		layer Layer
		in    []int
		want  string
	}{
		{"model", m, []int{8, 1, 28, 28}, "(8, 10)"},
		{"features", m.Child("features"), []int{8, 1, 28, 28}, "(8, 64, 7, 7)"},
		{"classifier", m.Child("classifier"), []int{2, 64, 7, 7}, "(2, 10)"},
	} {
		got, err := OutputShape(tc.layer, tc.in)
		if err != nil || ShapeString(got) != tc.want {
			t.Errorf("%s: OutputShape = %v, %v; want %s", tc.name, got, err, tc.want)
		}
	}
	if _, err := OutputShape(m, []int{8, 3, 28, 28}); err == nil {
		t.Errorf("3-channel input accepted by a 1-channel model")
	}
}
