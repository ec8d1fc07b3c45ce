package engine

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestEngineImportsStdlibOnly enforces the layering rule of DESIGN.md: the
// engine (and its sub-packages) must not depend on the browser, the game
// engine or the plotting library, so that it runs natively and in wasm.
func TestEngineImportsStdlibOnly(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no go command under wasm")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", "bnlab/engine/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	forbidden := []string{"syscall/js", "ebiten", "gonum.org/v1/plot"}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		if strings.Contains(first, ".") {
			t.Errorf("engine depends on %s, which is not in the standard library", dep)
		}
		for _, f := range forbidden {
			if strings.Contains(dep, f) {
				t.Errorf("engine depends on %s (forbidden: %s)", dep, f)
			}
		}
	}
}
