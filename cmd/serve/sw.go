package main

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// swFile is the service worker (web/sw.js): it keeps its name, so that the
// page registers it at a fixed address, and is served no-cache.
const swFile = "sw.js"

// servedNames lists what the site serves by the names it serves them
// under: the page ("./") and every file but the service worker itself.
func servedNames(files map[string][]byte, names map[string]string) []string {
	out := []string{"./"}
	for n := range files {
		if n == swFile {
			continue
		}
		if h, ok := names[n]; ok {
			n = h
		}
		out = append(out, n)
	}
	if _, ok := files["404.html"]; !ok {
		out = append(out, "404.html")
	}
	sort.Strings(out)
	return out
}

// fillServiceWorker writes the site's files and their version into sw.js.
// The version hashes the list (most names carry their content's hash) and
// the content of the files that keep their names (the pages), so that it
// changes whenever anything the site serves does.
func fillServiceWorker(sw []byte, assets []string, files map[string][]byte, names map[string]string) []byte {
	var all bytes.Buffer
	all.WriteString(strings.Join(assets, "\n"))
	keep := make([]string, 0, len(files))
	for n := range files {
		if h := names[n]; (h == "" || h == n) && n != swFile {
			keep = append(keep, n)
		}
	}
	sort.Strings(keep)
	for _, n := range keep {
		all.WriteString("\n" + n + "\n")
		all.Write(files[n])
	}
	list, _ := json.Marshal(assets)
	v := contentHash(all.Bytes())[:16]
	sw = bytes.Replace(sw, []byte("const ASSETS = [];"), []byte("const ASSETS = "+string(list)+";"), 1)
	return bytes.Replace(sw, []byte(`const VERSION = "";`), []byte(`const VERSION = "`+v+`";`), 1)
}
