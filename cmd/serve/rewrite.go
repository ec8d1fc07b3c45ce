package main

import (
	"context"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"
)

// stableName reports whether name keeps its name (and are served no-cache): entry documents
// and the files browsers and crawlers ask for by fixed name.
func stableName(name string) bool {
	switch name {
	case "favicon.ico", "robots.txt", swFile:
		return true
	}
	return strings.HasSuffix(name, ".html")
}

// isText reports whether references inside name are rewritten.
func isText(name string) bool {
	switch path.Ext(name) {
	case ".html", ".js", ".mjs", ".css", ".json", ".svg", ".webmanifest", ".txt":
		return true
	}
	return false
}

// refForms are the ways a web file may refer to another one by name.
func refForms(name string) []string {
	var forms []string
	for _, q := range []string{`"`, `'`, "`"} {
		forms = append(forms, q+name+q, q+"./"+name+q, q+"/"+name+q)
	}
	return append(forms, "url("+name+")", "url(./"+name+")", "url(/"+name+")")
}

// refersTo reports whether text contains a plain quoted reference to name.
func refersTo(text []byte, name string) bool {
	s := string(text)
	for _, f := range refForms(name) {
		if strings.Contains(s, f) {
			return true
		}
	}
	return false
}

// rewriteRefs replaces every reference to a key of names by its value.
func rewriteRefs(text []byte, names map[string]string) []byte {
	var pairs []string
	for from, to := range names {
		if from == to {
			continue
		}
		fromForms, toForms := refForms(from), refForms(to)
		for i := range fromForms {
			pairs = append(pairs, fromForms[i], toForms[i])
		}
	}
	if len(pairs) == 0 {
		return text
	}
	return []byte(strings.NewReplacer(pairs...).Replace(string(text)))
}

// toHash lists the files that get content-hashed names: those that are not
// stableName and that some text file refers to. A file nobody refers to by a
// quoted name (one a Go program fetches by a name it builds itself, say)
// keeps its name, so such a lookup still works; it is served no-cache.
func toHash(files map[string][]byte) []string {
	var names []string
	for n := range files {
		if stableName(n) {
			continue
		}
		for m, text := range files {
			if m != n && isText(m) && refersTo(text, n) {
				names = append(names, n)
				break
			}
		}
	}
	sort.Strings(names)
	return names
}

// hashOrder lists the files to hash so that every file comes after the files
// it refers to (leaves first). A cycle among hashed files is an error.
func hashOrder(files map[string][]byte) ([]string, error) {
	names := toHash(files)
	deps := map[string][]string{}
	for _, n := range names {
		if !isText(n) {
			continue
		}
		for _, m := range names {
			if m != n && refersTo(files[n], m) {
				deps[n] = append(deps[n], m)
			}
		}
	}
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var order, stack []string
	var visit func(n string) error
	visit = func(n string) error {
		switch state[n] {
		case done:
			return nil
		case visiting:
			i := len(stack) - 1
			for stack[i] != n {
				i--
			}
			return fmt.Errorf("reference cycle %s → %s: content-hashed files cannot refer to each other in a cycle "+
				"(load one of them from an .html entry document instead)", strings.Join(stack[i:], " → "), n)
		}
		state[n] = visiting
		stack = append(stack, n)
		for _, m := range deps[n] {
			if err := visit(m); err != nil {
				return err
			}
		}
		stack = stack[:len(stack)-1]
		state[n] = done
		order = append(order, n)
		return nil
	}
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// assemble rewrites references, hashes names and compresses every file,
// as c says.
func assemble(ctx context.Context, files map[string][]byte, c compressor) (*site, error) {
	log := c.log
	if log == nil {
		log = io.Discard
	}
	start := time.Now()
	order, err := hashOrder(files)
	if err != nil {
		return nil, err
	}
	s := &site{files: map[string]*asset{}, names: map[string]string{}, log: log}
	add := func(name, served string, data []byte, hashed bool) {
		s.names[name] = served
		s.files[served] = &asset{name: served, ctype: contentType(served), data: data, hash: contentHash(data), hashed: hashed}
	}
	for _, n := range order {
		data := files[n]
		if isText(n) {
			data = rewriteRefs(data, s.names)
		}
		add(n, hashedName(n, contentHash(data)), data, true)
	}
	var stable []string
	for n := range files {
		if _, done := s.names[n]; !done {
			stable = append(stable, n)
		}
	}
	sort.Strings(stable)
	for _, n := range stable {
		data := files[n]
		if isText(n) {
			data = rewriteRefs(data, s.names)
		}
		if n == swFile {
			data = fillServiceWorker(data, servedNames(files, s.names), files, s.names)
		}
		add(n, n, data, false)
	}
	if _, ok := s.files["404.html"]; !ok {
		add("404.html", "404.html", notFoundPage(s.names["style.css"]), false)
	}
	logf(log, "names: %d files hashed and references rewritten in %s", len(order), since(start))
	c.log = log
	if err := c.compressAll(ctx, s.files); err != nil {
		return nil, err
	}
	return s, nil
}
