package web

import (
	"embed"
	"io/fs"
)

// files holds the page shell: HTML, CSS and JavaScript. The wasm bundle and
// wasm_exec.js are not here; cmd/serve builds and copies them.
//
//go:embed *.html *.css *.js *.svg lessons/*.html
var files embed.FS

// FS returns the page's static files (index.html, stage.html, style.css,
// main.js, stage.js, worker.js, ...) rooted at the site's top level, and
// the lessons' sections under lessons/, which AssembleIndex splices into
// index.html (cmd/serve does it when it builds the site).
func FS() fs.FS { return files }
