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
// machinery (lessons/train) and the code export (lessons/export): the
// engine, the contract, the export and the standard library only.
func TestSharedPackagesImportEngineAndStdlibOnly(t *testing.T) {
	for _, pkg := range []string{"bnlab/lessons", "bnlab/lessons/train", "bnlab/lessons/export"} {
		for _, dep := range goListDeps(t, pkg) {
			first, _, _ := strings.Cut(dep, "/")
			switch {
			case first == "bnlab":
				if dep != pkg && dep != "bnlab/lessons" && dep != "bnlab/lessons/export" && dep != "bnlab/engine" && !strings.HasPrefix(dep, "bnlab/engine/") {
					t.Errorf("%s depends on %s; only the engine and the contract are allowed", pkg, dep)
				}
			case strings.Contains(first, "."):
				t.Errorf("%s depends on %s, which is not in the standard library", pkg, dep)
			}
		}
	}
}

// TestLessonLogicDrawsNothing: the lesson logic (lessons/course, and every
// lesson package below lessons/) and the worker's host (package worker)
// run natively: they never import syscall/js or Ebitengine; drawing lives
// in wasm/.
func TestLessonLogicDrawsNothing(t *testing.T) {
	for _, dep := range append(goListDeps(t, "bnlab/lessons/..."), goListDeps(t, "bnlab/worker")...) {
		if dep == "syscall/js" || strings.Contains(dep, "hajimehoshi/ebiten") {
			t.Errorf("the lessons depend on %s; only wasm/ may", dep)
		}
	}
}

// lessonPackages are the packages that hold one lesson each (the course's
// and the example lesson).
var lessonPackages = []string{"bnsteps", "histograms", "placement", "cnn", "dropout", "traineval", "overfitting", "mistakes", "smallbatch", "code", "example"}

// TestNoLessonImportsAnother: a lesson package and its internal tests
// import no other lesson and not the course that lists them, so that each
// lesson can be read, tested and changed alone. (An external example test
// may open its lesson through the course, as a user of the package would.)
func TestNoLessonImportsAnother(t *testing.T) {
	for _, name := range lessonPackages {
		pkg := "bnlab/lessons/" + name
		for _, dep := range goListTestImports(t, pkg) {
			if dep == "bnlab/lessons/course" {
				t.Errorf("%s: its internal tests import the course", pkg)
			}
			for _, other := range lessonPackages {
				if other != name && dep == "bnlab/lessons/"+other {
					t.Errorf("%s imports %s", pkg, dep)
				}
			}
		}
		for _, dep := range goListDeps(t, pkg) {
			if dep == "bnlab/lessons/course" {
				t.Errorf("%s depends on the course", pkg)
			}
			for _, other := range lessonPackages {
				if other != name && dep == "bnlab/lessons/"+other {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}

// goListTestImports returns what pkg's own tests import (internal and
// external), or skips where there is no go command.
func goListTestImports(t *testing.T, pkg string) []string {
	t.Helper()
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no go command under wasm")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(goTool, "list", "-f", "{{join .TestImports \" \"}}", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", pkg, err, out)
	}
	return strings.Fields(string(out))
}
