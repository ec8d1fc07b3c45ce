package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "serve:", err)
		}
		os.Exit(1)
	}
}

// run parses the flags and builds, exports or serves the site until a
// signal arrives.
func run(args []string, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "localhost:8080", "address to listen on")
	cache := fl.String("cache", "", "build cache directory (default: the user cache directory + /bnlab)")
	root := fl.String("root", "", "module root (default: found by walking up to go.mod)")
	exportDir := fl.String("export", "", "write the site as static files (with .br/.gz siblings) to `DIR` and exit")
	bundle := fl.String("bundle", "", "serve a site exported with -export from `DIR` (needs no Go toolchain)")
	level := fl.Int("brotli", 0, fmt.Sprintf("brotli quality 1-11 for assets over 1 MB (default: %d, then %d in the background; -export: %d)",
		defaultBigBrotli, bestBrotli, bestBrotli))
	embed := fl.String("embed-origins", "", "origins that may embed the lab in an iframe (?embed=1), e.g. \"https://lms.example.edu\" (default: none but the site itself)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	origins, err := parseOrigins(*embed)
	if err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (see -help)", fl.Args())
	}
	if *exportDir != "" && *bundle != "" {
		return errors.New("-export and -bundle cannot be used together")
	}
	if *level < 0 || *level > 11 {
		return fmt.Errorf("-brotli %d: quality must be between 1 and 11", *level)
	}
	if *root != "" {
		// The MNIST helpers ask the go command from the working directory.
		abs, err := filepath.Abs(*root)
		if err == nil {
			err = os.Chdir(abs)
		}
		if err != nil {
			return fmt.Errorf("-root: %w", err)
		}
		*root = abs
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := options{Root: *root, CacheDir: *cache, Log: stderr, BrotliLevel: *level, Upgrade: *level == 0}

	if *exportDir != "" {
		o.Upgrade = false
		if *level == 0 {
			o.BrotliLevel = bestBrotli
		}
		s, err := buildSite(ctx, o)
		if err != nil {
			if ctx.Err() != nil {
				return errors.New("interrupted")
			}
			return err
		}
		if err := s.export(*exportDir); err != nil {
			return err
		}
		logf(stderr, "exported %d files to %s", len(s.files), *exportDir)
		return nil
	}

	// Listen before building, so a port in use is reported at once.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another server running? choose another with -addr)", *addr, err)
	}
	defer ln.Close()
	var s *site
	if *bundle != "" {
		s, err = loadBundle(*bundle, stderr)
	} else {
		s, err = buildSite(ctx, o)
	}
	if err != nil {
		if ctx.Err() != nil {
			return errors.New("interrupted")
		}
		return err
	}
	s.embedOrigins = origins
	return serve(ctx, ln, s, stderr)
}

// readHeaderTimeout is how long a client may take to send its headers.
const readHeaderTimeout = 5 * time.Second

// newServer is the HTTP server serve runs, with its limits: a slow client
// cannot hold a connection open by trickling its headers, and headers
// are at most 64 KiB.
func newServer(h http.Handler, headerTimeout time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: headerTimeout,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      10 * time.Minute, // a 16 MB wasm over a slow link
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// serve runs the HTTP server on ln until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, ln net.Listener, s *site, stderr io.Writer) error {
	srv := newServer(s.handler(), readHeaderTimeout)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logf(stderr, "ready: open http://%s/ (Ctrl-C to stop)", displayAddr(ln.Addr()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logf(stderr, "shutting down...")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// displayAddr turns a listener address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}
