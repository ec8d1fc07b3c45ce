//go:build js && wasm

// Command wasm is bnlab's WebAssembly program. In the stage iframe it runs
// the Ebitengine stage and binds to the parent page (same origin): it builds
// the lesson's controls from Controls(), keeps the URL hash in step with the
// lesson's values, writes numbers, tables and charts into the page, and draws
// the animated stage. In a Web Worker (no document) it runs a message loop
// for training lessons instead. JavaScript callbacks never block: they queue
// an event that Update applies.
package main
