package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// pruneAge is how long cached encodings of assets the site no longer has are
// kept (long enough to switch branches back and forth without recompressing).
const pruneAge = 24 * time.Hour

// prune removes cached encodings older than pruneAge whose content hash is
// not one of the site's files, so the cache does not grow with every build.
func (c compressor) prune(files map[string]*asset) {
	if c.dir == "" {
		return
	}
	dir := filepath.Join(c.dir, "compressed")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	keep := map[string]bool{}
	for _, a := range files {
		keep[a.hash] = true
	}
	removed := 0
	for _, e := range entries {
		hash, _, _ := strings.Cut(e.Name(), ".")
		info, err := e.Info()
		if err != nil || keep[hash] || time.Since(info.ModTime()) < pruneAge {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed++
		}
	}
	if removed > 0 {
		logf(c.log, "compress: pruned %d old cache files", removed)
	}
}
