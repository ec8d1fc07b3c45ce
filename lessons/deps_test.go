package lessons

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestLessonsImportsEngineAndStdlibOnly enforces DESIGN.md's layering: the
// lesson logic (package lessons, not its charts sub-package) depends on the
// engine and the standard library only, so it runs natively in go test.
func TestLessonsImportsEngineAndStdlibOnly(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no go command under wasm")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", "bnlab/lessons").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		switch {
		case dep == "syscall/js":
			t.Errorf("lessons depends on syscall/js")
		case first == "bnlab":
			if dep != "bnlab/lessons" && dep != "bnlab/engine" && !strings.HasPrefix(dep, "bnlab/engine/") {
				t.Errorf("lessons depends on %s; only the engine is allowed", dep)
			}
		case strings.Contains(first, "."):
			t.Errorf("lessons depends on %s, which is not in the standard library", dep)
		}
	}
}
