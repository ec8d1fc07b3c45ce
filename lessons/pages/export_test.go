package pages

import (
	"errors"
	"html"
	"math/rand/v2"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons/export"
)

// TestExportPanel: both scripts, escaped, each with a copy button and a
// download link; a setup that cannot be exported says why.
func TestExportPanel(t *testing.T) {
	m, err := engine.NewMLP(engine.MLPSpec{Sizes: []int{784, 16, 10}, Activation: "relu", Placement: engine.NormBefore}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	s := export.Setup{Lesson: "placement", Address: "#lesson=placement&x=<b>", Batch: 60, LR: 0.1, Steps: 10, ValEvery: 5,
		TrainImages: 1000, ValImages: 100, Nets: []export.Net{{Name: "before", Model: m}}}
	p := ExportPanel("placement-export", s, nil)
	torch, _ := export.PyTorch(s)
	for _, want := range []string{`data-copy="placement-export-pytorch"`, `id="placement-export-keras"`, `data-save-name="bnlab_placement_pytorch.py"`, html.EscapeString(torch)} {
		if !strings.Contains(p, want) {
			t.Errorf("panel lacks %.80q", want)
		}
	}
	if strings.Contains(p, "<b>") {
		t.Error("the address is not escaped")
	}
	if p := ExportPanel("x", s, errors.New("not yet")); !strings.Contains(p, "not yet") || strings.Contains(p, "<pre") {
		t.Errorf("error panel: %s", p)
	}
	s.Nets = nil
	if p := ExportPanel("x", s, nil); !strings.Contains(p, "cannot be exported") {
		t.Errorf("no nets: %s", p)
	}
}
