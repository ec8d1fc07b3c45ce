package lessons

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// goListDeps returns the dependencies of pkg, or skips where there is no
// go command (under wasm).
func goListDeps(t *testing.T, pkg string) []string {
	t.Helper()
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no go command under wasm")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
	}
	return strings.Fields(string(out))
}

// TestSharedPackagesImportEngineAndStdlibOnly enforces DESIGN.md's
// layering for the lesson contract (package lessons) and the training
// machinery (lessons/train): the engine, the contract and the standard
// library only.
func TestSharedPackagesImportEngineAndStdlibOnly(t *testing.T) {
	for _, pkg := range []string{"bnlab/lessons", "bnlab/lessons/train"} {
		for _, dep := range goListDeps(t, pkg) {
			first, _, _ := strings.Cut(dep, "/")
			switch {
			case first == "bnlab":
				if dep != pkg && dep != "bnlab/lessons" && dep != "bnlab/engine" && !strings.HasPrefix(dep, "bnlab/engine/") {
					t.Errorf("%s depends on %s; only the engine and the contract are allowed", pkg, dep)
				}
			case strings.Contains(first, "."):
				t.Errorf("%s depends on %s, which is not in the standard library", pkg, dep)
			}
		}
	}
}

// TestLessonLogicDrawsNothing: the lesson logic (lessons/course, and every
// lesson package below lessons/) runs natively: it never imports syscall/js
// or Ebitengine; drawing lives in wasm/.
func TestLessonLogicDrawsNothing(t *testing.T) {
	for _, dep := range goListDeps(t, "bnlab/lessons/...") {
		if dep == "syscall/js" || strings.Contains(dep, "hajimehoshi/ebiten") {
			t.Errorf("the lessons depend on %s; only wasm/ may", dep)
		}
	}
}
