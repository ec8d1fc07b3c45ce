package web

import (
	"embed"
	"io/fs"
)

// files holds the page shell: HTML, CSS and JavaScript. The wasm bundle and
// wasm_exec.js are not here; cmd/serve builds and copies them.
//
//go:embed *.html *.css *.js *.svg
var files embed.FS

// FS returns the page's static files (index.html, stage.html, style.css,
// main.js, stage.js, worker.js, ...) rooted at the site's top level. The
// lessons' sections come from the course: AssembleIndex splices them into
// index.html, and AssembleNotFound the list of lessons into 404.html
// (cmd/serve does both when it builds the site).
func FS() fs.FS { return files }
