package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// inputDirs are the directories whose files the wasm bundle depends on
// (third_party holds the font subset that go.mod replaces a module with).
var inputDirs = []string{"wasm", "engine", "lessons", "web", "third_party"}

// inputHash is a content hash of everything the wasm build reads: every file
// (except _test.go files and testdata) under inputDirs and the built package's
// own directory, go.mod, go.sum, the Go version and the build settings.
func inputHash(o options, env toolchain) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "bnlab-wasm-inputs v1\n%s\n%s\ntags=%s\n", env.version, o.WasmPkg, o.Tags)
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := hashFile(h, o.Root, f); err != nil && !os.IsNotExist(err) {
			return "", err
		}
	}
	dirs := append([]string{filepath.Clean(o.WasmPkg)}, inputDirs...)
	sort.Strings(dirs)
	seen := map[string]bool{}
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(o.Root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if name == "testdata" || (strings.HasPrefix(name, ".") && p != filepath.Join(o.Root, dir)) {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, ".") || !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(o.Root, p)
			if err != nil || seen[rel] {
				return err
			}
			seen[rel] = true
			return hashFile(h, o.Root, rel)
		})
		if err != nil {
			return "", fmt.Errorf("hashing wasm inputs: %w", err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile writes rel's name, length and content hash into h.
func hashFile(h io.Writer, root, rel string) error {
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	fmt.Fprintf(h, "%s %d %x\n", filepath.ToSlash(rel), len(b), sum)
	return nil
}

// contentHash is the hex sha256 of b.
func contentHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// hashedName inserts the first 8 hex digits of hash before name's extension:
// app.wasm becomes app.3f9c2a1b.wasm.
func hashedName(name, hash string) string {
	dir, base := "", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		dir, base = name[:i+1], name[i+1:]
	}
	if i := strings.IndexByte(base, '.'); i > 0 {
		return dir + base[:i] + "." + hash[:8] + base[i:]
	}
	return dir + base + "." + hash[:8]
}
