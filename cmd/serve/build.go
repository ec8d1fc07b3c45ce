package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"bnlab/lessons"
	"bnlab/lessons/course"
	"bnlab/lessons/glossary"
	"bnlab/palette"
	"bnlab/web"
)

// buildSite builds everything the site needs (the wasm bundle only when it is
// stale) and returns the site in memory, ready for handler or export.
func buildSite(ctx context.Context, o options) (*site, error) {
	start := time.Now()
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	env, err := goEnv(ctx, o.GoCmd, o.Root)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	if err := readWeb(o, files); err != nil {
		return nil, err
	}
	wasm, err := buildWasm(ctx, o, env)
	if err != nil {
		return nil, err
	}
	files["app.wasm"] = wasm
	execJS, err := readWasmExec(env.goroot)
	if err != nil {
		return nil, err
	}
	files["wasm_exec.js"] = execJS
	if !o.NoMNIST {
		if err := addMNIST(ctx, o, files); err != nil {
			return nil, err
		}
	}
	s, err := assemble(ctx, files, compressor{dir: o.CacheDir, level: o.BrotliLevel, upgrade: o.Upgrade, log: o.Log})
	if err != nil {
		return nil, err
	}
	logf(o.Log, "site ready: %d files in %s", len(s.files), since(start))
	return s, nil
}

// withDefaults fills in the zero fields of o and checks the toolchain.
func (o options) withDefaults() (options, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return o, err
		}
		if o.Root, err = findRoot(wd); err != nil {
			return o, err
		}
	}
	if o.CacheDir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return o, fmt.Errorf("no cache directory (%v); pass -cache DIR", err)
		}
		o.CacheDir = filepath.Join(dir, "bnlab")
	}
	if err := os.MkdirAll(o.CacheDir, 0o755); err != nil {
		return o, fmt.Errorf("cache directory: %w", err)
	}
	if o.WasmPkg == "" {
		o.WasmPkg = "./wasm"
	}
	if o.Tags == "" {
		o.Tags = "minimal"
	} else if o.Tags == "-" {
		o.Tags = ""
	}
	if o.Web == nil {
		o.Web = web.FS()
	}
	if o.GoCmd == "" {
		o.GoCmd = "go"
	}
	gocmd, err := exec.LookPath(o.GoCmd)
	if err != nil {
		return o, fmt.Errorf("Go toolchain not found (%q is not in PATH): install Go from https://go.dev/dl/, "+
			"or serve a prebuilt site with -bundle DIR (made elsewhere with -export DIR)", o.GoCmd)
	}
	o.GoCmd = gocmd
	return o, nil
}

// findRoot walks up from dir to the directory that holds go.mod.
func findRoot(dir string) (string, error) {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			return "", fmt.Errorf("no go.mod in %s or any parent: run serve inside the bnlab module, or pass -root", dir)
		}
		d = up
	}
}

// toolchain is what the go command reports about itself.
type toolchain struct{ goroot, version string }

// goEnv asks the go command for GOROOT and GOVERSION.
func goEnv(ctx context.Context, gocmd, root string) (toolchain, error) {
	cmd := exec.CommandContext(ctx, gocmd, "env", "GOROOT", "GOVERSION")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = fmt.Errorf("%v: %s", err, ee.Stderr)
		}
		return toolchain{}, fmt.Errorf("%s env: %w", gocmd, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return toolchain{}, fmt.Errorf("%s env GOROOT GOVERSION printed %q", gocmd, out)
	}
	return toolchain{goroot: lines[0], version: lines[1]}, nil
}

// readWasmExec reads wasm_exec.js from the toolchain (lib/wasm since Go 1.24).
func readWasmExec(goroot string) ([]byte, error) {
	var firstErr error
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		b, err := os.ReadFile(filepath.Join(goroot, dir, "wasm_exec.js"))
		if err == nil {
			return b, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("wasm_exec.js not found in GOROOT %s: %w", goroot, firstErr)
}

// readWeb adds the page's files: everything in o.Web except Go sources,
// Markdown, dot files and testdata.
func readWeb(o options, files map[string][]byte) error {
	n := 0
	err := fs.WalkDir(o.Web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if p != "." && (strings.HasPrefix(base, ".") || base == "testdata") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || strings.HasSuffix(base, ".go") || strings.HasSuffix(base, ".md") {
			return nil
		}
		b, err := fs.ReadFile(o.Web, p)
		if err != nil {
			return err
		}
		files[p] = b
		n++
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading web files: %w", err)
	}
	if _, ok := files["index.html"]; !ok {
		return fmt.Errorf("reading web files: no index.html among %d files", n)
	}
	ls := o.Lessons
	if ls == nil {
		ls = courseLessons()
	}
	page, err := web.AssembleIndex(files["index.html"], ls)
	if err == nil {
		page, err = web.AssembleGlossary(page, glossary.HTML())
	}
	if err == nil {
		page, err = web.AssembleOverview(page, ls)
	}
	if err != nil {
		return fmt.Errorf("reading web files: %w", err)
	}
	files["index.html"] = page
	if css, ok := files["style.css"]; ok {
		if files["style.css"], err = web.AssembleStyle(css, palette.CSS("  "), palette.HeatCSS(".heatmap")); err != nil {
			return fmt.Errorf("reading web files: %w", err)
		}
	}
	if nf, ok := files["404.html"]; ok {
		if files["404.html"], err = web.AssembleNotFound(nf, ls); err != nil {
			return fmt.Errorf("reading web files: %w", err)
		}
	}
	logf(o.Log, "web: %d files (%d lesson sections in index.html)", n, len(ls))
	return nil
}

// courseLessons is the course as the page shows it.
func courseLessons() []web.Lesson {
	var ls []web.Lesson
	for _, e := range course.Lessons() {
		l := web.Lesson{ID: e.ID, Number: e.Number, Section: e.Section, Short: e.Short, Title: e.Title, Prose: e.Prose, Summary: e.Summary}
		if ch, ok := e.New().(lessons.Checker); ok {
			for _, c := range ch.Checks() {
				l.Checks = append(l.Checks, web.Question{ID: c.ID, HTML: c.Question})
			}
		}
		ls = append(ls, l)
	}
	return ls
}

// logf prints one progress line.
func logf(w io.Writer, format string, args ...any) {
	if w == nil {
		return
	}
	fmt.Fprintf(w, "serve: "+format+"\n", args...)
}

// since formats the time since t for progress lines.
func since(t time.Time) string {
	d := time.Since(t)
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}
