package main

import (
	"bytes"
	"strings"
	"testing"
)

const mini = "../../engine/data/testdata/mini"

func TestRunTable(t *testing.T) {
	var out, progress bytes.Buffer
	o := options{steps: 3, evalEvery: 2, batch: 4, progress: 1, seed: 1, mnist: mini, markdown: true}
	if err := run(o, &out, &progress); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	// header, separator, steps 0, 2, 3, final loss
	if len(lines) < 6 || !strings.Contains(lines[0], "bn-0.1 (lr 0.5)") || !strings.Contains(lines[0], "plain-0.01 (lr 0.1)") {
		t.Fatalf("unexpected table:\n%s", out.String())
	}
	for i, step := range []string{"0", "2", "3"} {
		cells := strings.Split(lines[2+i], "|")
		if len(cells) != 7 || strings.TrimSpace(cells[1]) != step {
			t.Errorf("row %d = %q, want step %s and 4 networks", i, lines[2+i], step)
		}
	}
	if !strings.Contains(progress.String(), "step     1/3") {
		t.Errorf("no progress lines:\n%s", progress.String())
	}
}

func TestRunBadInput(t *testing.T) {
	for _, c := range []struct {
		o    options
		want string
	}{
		{options{steps: 0, evalEvery: 1, batch: 4, mnist: mini}, "-steps ≥ 1"},
		{options{steps: 1, evalEvery: 1, batch: 1, mnist: mini}, "-batch ≥ 2"},
		{options{steps: 1, evalEvery: 1, batch: 4, mnist: mini, only: "bn-0.1,nope"}, `unknown network "nope"`},
		{options{steps: 1, evalEvery: 1, batch: 4, mnist: "testdata/none"}, "neither"},
		{options{steps: 1, evalEvery: 1, batch: 13, mnist: mini}, "batch size 13 out of range"},
	} {
		err := run(c.o, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("run(%+v) error = %v, want %q", c.o, err, c.want)
		}
	}
}
