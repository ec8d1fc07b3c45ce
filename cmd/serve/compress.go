package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"

	"github.com/andybalholm/brotli"
)

// Brotli qualities. Small assets get the best quality (11), which is fast at
// their size. For the multi-megabyte wasm it is slow. Measured here (2 shared
// cores, LGWin 24): an 11.5 MB bundle gave 2.76 MB at quality 4 (4 s), 2.50 MB
// at 5 (5 s), 2.45 MB at 7 (10 s), 2.42 MB at 9 (14 s) and 2.12 MB at 11
// (5 min under load); a 17.1 MB one gave 3.71 MB at 11 (1 min 46 s), an
// 18.4 MB one 4.44 MB at 9 (24 s), gzip -9 5.95 MB. So a build compresses big
// assets at defaultBigBrotli, or takes a quality-11 result from the cache;
// `go run ./cmd/serve` then recompresses at 11 in the background
// (options.Upgrade) and swaps the result in, and -export waits for 11.
// Every result is cached by content hash, so restarts are fast.
const (
	bigAsset         = 1 << 20
	defaultBigBrotli = 9
	bestBrotli       = 11
	brotliWindow     = 24
)

// compressor pre-compresses assets, caching results in dir/compressed.
type compressor struct {
	dir     string // cache root; "" disables the cache
	level   int    // brotli quality for big assets; 0 means defaultBigBrotli
	upgrade bool   // recompress big assets at bestBrotli in the background
	log     io.Writer
}

// compressible reports whether an asset of this name is worth compressing.
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff2", ".woff", ".gz", ".br", ".zip":
		return false
	}
	return true
}

// compressAll sets the br and gz encodings of every compressible asset,
// biggest first, and starts the background upgrade when c.upgrade is set.
func (c compressor) compressAll(ctx context.Context, files map[string]*asset) error {
	start := time.Now()
	var list, later []*asset
	for _, a := range files {
		if compressible(a.name) {
			list = append(list, a)
		}
	}
	sort.Slice(list, func(i, j int) bool { return len(list[i].data) > len(list[j].data) })
	for _, a := range list {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := time.Now()
		q := c.quality(a)
		if q < bestBrotli && c.have(a, brSuffix(bestBrotli)) {
			q = bestBrotli
		}
		br, gz, err := c.encode(ctx, a, q)
		if err != nil {
			return err
		}
		a.setEncodings(br, gz)
		if len(a.data) >= bigAsset {
			logf(c.log, "compress: %s %s → br q%d %s, gzip %s (%s)", a.name, mb(len(a.data)), q, mb(len(br)), mb(len(gz)), since(t))
		}
		if q < bestBrotli {
			later = append(later, a)
		}
	}
	logf(c.log, "compress: %d assets in %s", len(list), since(start))
	c.prune(files)
	if c.upgrade && len(later) > 0 {
		go c.upgradeAll(ctx, later)
	}
	return nil
}

// encode computes (or reads from the cache) a's brotli encoding at quality q
// and its gzip encoding, in parallel. It returns early when ctx ends, so that
// Ctrl-C during a long compression stops the server at once.
func (c compressor) encode(ctx context.Context, a *asset, q int) (br, gz []byte, err error) {
	type result struct {
		b   []byte
		err error
	}
	brc, gzc := make(chan result, 1), make(chan result, 1)
	go func() { b, err := c.brotli(a, q); brc <- result{b, err} }()
	go func() { b, err := c.cached(a, "gz", gzipBytes); gzc <- result{b, err} }()
	var brRes, gzRes result
	for got := 0; got < 2; got++ {
		select {
		case brRes = <-brc:
		case gzRes = <-gzc:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
	if err := errors.Join(brRes.err, gzRes.err); err != nil {
		return nil, nil, fmt.Errorf("compressing %s: %w", a.name, err)
	}
	return brRes.b, gzRes.b, nil
}

// upgradeAll recompresses assets at bestBrotli and swaps the results in.
func (c compressor) upgradeAll(ctx context.Context, list []*asset) {
	for _, a := range list {
		if ctx.Err() != nil {
			return
		}
		t := time.Now()
		logf(c.log, "compress: recompressing %s with brotli q%d in the background...", a.name, bestBrotli)
		br, err := c.brotli(a, bestBrotli)
		if err != nil {
			logf(c.log, "compress: background brotli for %s failed: %v", a.name, err)
			return
		}
		_, _, gz := a.reps()
		a.setEncodings(br, gz.body)
		logf(c.log, "compress: %s now served as br q%d %s (%s)", a.name, bestBrotli, mb(len(br)), since(t))
	}
}

// quality is the brotli quality a build uses for a.
func (c compressor) quality(a *asset) int {
	if len(a.data) < bigAsset {
		return bestBrotli
	}
	if c.level > 0 {
		return c.level
	}
	return defaultBigBrotli
}

// brSuffix names a cached brotli result of quality q.
func brSuffix(q int) string { return fmt.Sprintf("q%d.br", q) }

// brotli returns a's brotli encoding at quality q, cached.
func (c compressor) brotli(a *asset, q int) ([]byte, error) {
	return c.cached(a, brSuffix(q), func(b []byte) ([]byte, error) { return brotliBytes(b, q) })
}

// have reports whether the cache holds a's encoding with this suffix.
func (c compressor) have(a *asset, suffix string) bool {
	if c.dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(c.dir, "compressed", a.hash+"."+suffix))
	return err == nil
}

// cached returns encode(a.data), from dir/compressed/<hash>.<suffix> when present.
func (c compressor) cached(a *asset, suffix string, encode func([]byte) ([]byte, error)) ([]byte, error) {
	var file string
	if c.dir != "" {
		file = filepath.Join(c.dir, "compressed", a.hash+"."+suffix)
		if b, err := os.ReadFile(file); err == nil {
			return b, nil
		}
	}
	b, err := encode(a.data)
	if err != nil || file == "" {
		return b, err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return nil, err
	}
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return nil, err
	}
	return b, os.Rename(tmp, file)
}

// brotliBytes compresses b at the given quality with a 16 MB window.
func brotliBytes(b []byte, quality int) ([]byte, error) {
	var out bytes.Buffer
	w := brotli.NewWriterOptions(&out, brotli.WriterOptions{Quality: quality, LGWin: brotliWindow})
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// gzipBytes compresses b at gzip's best compression.
func gzipBytes(b []byte) ([]byte, error) {
	var out bytes.Buffer
	w, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
