package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// server is a running cmd/serve process.
type server struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// startServer builds ./cmd/serve into a temporary directory, starts it on a
// free loopback port with extra arguments, forwards its progress to log, and
// returns once it prints its "ready" line (the build can take minutes).
func startServer(ctx context.Context, extra []string, log io.Writer) (*server, error) {
	dir, err := os.MkdirTemp("", "pagebench")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir) // the running binary keeps its inode
	bin := filepath.Join(dir, "serve")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/serve")
	build.Stdout, build.Stderr = log, log
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("building ./cmd/serve (run pagebench from the module root): %w", err)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, append([]string{"-addr", addr}, extra...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(log, "  serve|", line)
			if _, rest, ok := strings.Cut(line, "open http://"); ok {
				select {
				case ready <- "http://" + strings.Fields(rest)[0]:
				default:
				}
			}
		}
		s.done <- cmd.Wait()
	}()
	select {
	case u := <-ready:
		s.url = u
		return s, nil
	case err := <-s.done:
		return nil, fmt.Errorf("cmd/serve exited before it was ready: %v", err)
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	case <-time.After(15 * time.Minute):
		s.stop()
		return nil, fmt.Errorf("cmd/serve not ready after 15 minutes")
	}
}

// stop asks the server to shut down gracefully and waits for it.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
