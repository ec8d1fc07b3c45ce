package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// bigTestAsset is a compressible asset just over bigAsset.
func bigTestAsset() *asset {
	var b bytes.Buffer
	for i := 0; b.Len() < bigAsset+1000; i++ {
		fmt.Fprintf(&b, "line %d of a big asset %x\n", i, i*i%977)
	}
	return &asset{name: "big.wasm", ctype: contentType("big.wasm"), data: b.Bytes(), hash: contentHash(b.Bytes()), hashed: true}
}

func TestCompressCacheUpgrade(t *testing.T) {
	if testing.Short() {
		t.Skip("brotli quality 11 on a megabyte takes seconds")
	}
	dir := t.TempDir()
	var log syncBuffer
	a := bigTestAsset()
	c := compressor{dir: dir, level: 1, upgrade: true, log: &log}
	if err := c.compressAll(context.Background(), map[string]*asset{a.name: a}); err != nil {
		t.Fatal(err)
	}
	_, first, _ := a.reps()
	if !strings.Contains(log.String(), "br q1 ") {
		t.Errorf("first build should compress at the given quality 1:\n%s", log.String())
	}
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(log.String(), "now served as br q11") {
		if time.Now().After(deadline) {
			t.Fatalf("no background upgrade:\n%s", log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	_, upgraded, _ := a.reps()
	if upgraded.tag == first.tag || len(upgraded.body) >= len(first.body) {
		t.Errorf("upgrade: tag %s → %s, %d → %d bytes; want a new tag and fewer bytes", first.tag, upgraded.tag, len(first.body), len(upgraded.body))
	}
	plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(upgraded.body)))
	if err != nil || !bytes.Equal(plain, a.data) {
		t.Errorf("upgraded brotli does not decode to the asset (err %v)", err)
	}
	// A restart finds quality 11 in the cache and uses it at once.
	var log2 bytes.Buffer
	b := bigTestAsset()
	c2 := compressor{dir: dir, level: 1, log: &log2}
	start := time.Now()
	if err := c2.compressAll(context.Background(), map[string]*asset{b.name: b}); err != nil {
		t.Fatal(err)
	}
	if _, br, _ := b.reps(); br.tag != upgraded.tag || !strings.Contains(log2.String(), "br q11") {
		t.Errorf("restart did not use the cached quality-11 result (%s):\n%s", time.Since(start), log2.String())
	}
}

func TestCompressCancel(t *testing.T) {
	a := bigTestAsset()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	err := compressor{level: bestBrotli}.compressAll(ctx, map[string]*asset{a.name: a})
	if err != context.Canceled {
		t.Errorf("compressAll cancelled during a quality-11 compression: err = %v, want context.Canceled", err)
	}
	if _, br, _ := a.reps(); br.body != nil {
		t.Error("a cancelled compression left an encoding behind")
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	s := newTestSite(t)
	a := s.files["index.html"]
	old := time.Now().Add(-2 * pruneAge)
	files := map[string]bool{ // name → kept
		a.hash + ".q11.br":                    true,  // current asset, old
		strings.Repeat("0", 64) + ".gz":       true,  // gone asset, recent
		strings.Repeat("1", 64) + ".q9.br":    false, // gone asset, old
		strings.Repeat("2", 64) + ".gz.7.tmp": false, // stale temporary file
	}
	os.MkdirAll(filepath.Join(dir, "compressed"), 0o755)
	for name := range files {
		p := filepath.Join(dir, "compressed", name)
		os.WriteFile(p, []byte("x"), 0o644)
		if !strings.HasPrefix(name, "0") {
			os.Chtimes(p, old, old)
		}
	}
	compressor{dir: dir}.prune(s.files)
	for name, kept := range files {
		_, err := os.Stat(filepath.Join(dir, "compressed", name))
		if (err == nil) != kept {
			t.Errorf("%s: kept = %v, want %v", name, err == nil, kept)
		}
	}
}
