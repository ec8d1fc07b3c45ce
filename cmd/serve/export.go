package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// export writes the site to dir as plain files, each with .br and .gz
// siblings when that encoding is smaller, for any static host (or -bundle).
// Files already in dir that the site does not have are left alone.
func (s *site) export(dir string) error {
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		id, br, gz := s.files[n].reps()
		outs := []struct {
			suffix string
			data   []byte
		}{{"", id.body}, {".br", br.body}, {".gz", gz.body}}
		for _, o := range outs {
			file := filepath.Join(dir, filepath.FromSlash(n)+o.suffix)
			if o.data == nil {
				if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
					return err
				}
				continue
			}
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if err := os.WriteFile(file, o.data, 0o644); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
	}
	return nil
}

// hashedRE matches a content-hashed file name made by hashedName.
var hashedRE = regexp.MustCompile(`^[^.]+\.[0-9a-f]{8}(\.|$)`)

// loadBundle reads a site written by export. It needs no Go toolchain.
func loadBundle(dir string, log io.Writer) (*site, error) {
	if log == nil {
		log = io.Discard
	}
	fsys := os.DirFS(dir)
	s := &site{files: map[string]*asset{}, names: map[string]string{}, log: log}
	encoded := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			encoded[p] = b
			return nil
		}
		base := p[strings.LastIndexByte(p, '/')+1:]
		s.files[p] = &asset{name: p, ctype: contentType(p), data: b, hash: contentHash(b), hashed: hashedRE.MatchString(base)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading bundle %s: %w", dir, err)
	}
	if s.files["index.html"] == nil {
		return nil, fmt.Errorf("%s is not an exported bnlab site: it has no index.html", dir)
	}
	for p, b := range encoded {
		a := s.files[p[:len(p)-3]]
		if a == nil {
			// A real file that happens to end in .br or .gz.
			s.files[p] = &asset{name: p, ctype: contentType(p), data: b, hash: contentHash(b)}
			continue
		}
		if strings.HasSuffix(p, ".br") {
			a.br = b
		} else {
			a.gz = b
		}
	}
	for _, a := range s.files {
		a.setEncodings(a.br, a.gz)
	}
	for n, a := range s.files {
		if a.hashed {
			s.names[unhashedName(n)] = n
		} else {
			s.names[n] = n
		}
	}
	logf(log, "bundle: %d files from %s", len(s.files), dir)
	return s, nil
}

// unhashedName undoes hashedName: app.3f9c2a1b.wasm becomes app.wasm.
func unhashedName(name string) string {
	dir, base := "", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		dir, base = name[:i+1], name[i+1:]
	}
	if i := strings.IndexByte(base, '.'); i > 0 && len(base) >= i+9 {
		return dir + base[:i] + base[i+9:]
	}
	return name
}
