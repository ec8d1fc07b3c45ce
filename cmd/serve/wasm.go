package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// buildWasm returns the wasm bundle, rebuilding it into CacheDir/app.wasm when
// the input hash stored beside it (app.wasm.inputs) differs from the current one.
func buildWasm(ctx context.Context, o options, env toolchain) ([]byte, error) {
	start := time.Now()
	sum, err := inputHash(o, env)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(o.CacheDir, "app.wasm")
	stamp := out + ".inputs"
	if old, err := os.ReadFile(stamp); err == nil && string(old) == sum {
		if b, err := os.ReadFile(out); err == nil {
			logf(o.Log, "wasm: up to date (%s, %s, checked in %s)", out, mb(len(b)), since(start))
			return b, nil
		}
	}
	logf(o.Log, "wasm: building %s with %s (GOOS=js GOARCH=wasm, tags %q); this takes a minute or more...",
		o.WasmPkg, env.version, o.Tags)
	tmp, err := os.CreateTemp(o.CacheDir, "app-*.wasm.tmp")
	if err != nil {
		return nil, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	args := []string{"build", "-trimpath", "-ldflags=-s -w"}
	if o.Tags != "" {
		args = append(args, "-tags", o.Tags)
	}
	args = append(args, "-o", tmp.Name(), o.WasmPkg)
	cmd := exec.CommandContext(ctx, o.GoCmd, args...)
	cmd.Dir = o.Root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var output bytes.Buffer
	cmd.Stdout = &output
	cmd.Stderr = &output
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("wasm build interrupted: %w", ctx.Err())
		}
		return nil, fmt.Errorf("wasm build failed (GOOS=js GOARCH=wasm go %s: %v):\n%s",
			joinArgs(args), err, bytes.TrimSpace(output.Bytes()))
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return nil, err
	}
	if err := os.WriteFile(stamp, []byte(sum), 0o644); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	logf(o.Log, "wasm: built %s (%s) in %s", out, mb(len(b)), since(start))
	return b, nil
}

// joinArgs quotes args that contain spaces, for error messages.
func joinArgs(args []string) string {
	var b bytes.Buffer
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if bytes.ContainsAny([]byte(a), " \t") {
			fmt.Fprintf(&b, "%q", a)
		} else {
			b.WriteString(a)
		}
	}
	return b.String()
}

// mb formats a byte count for progress lines.
func mb(n int) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.2f MB", float64(n)/1e6)
}
