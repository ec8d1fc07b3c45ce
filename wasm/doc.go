//go:build js && wasm

// Command wasm is bnlab's WebAssembly program. In a Web Worker (no
// document) it runs every lesson: package worker's message loop, which
// answers each change with the lesson's frame (its panels, its stage
// payload, its text). In the stage iframe it runs the Ebitengine stage and
// binds to the parent page (same origin): it builds the lesson's controls
// from Controls(), keeps the URL hash in step with the lesson's values,
// sends the changes to the worker, and draws each frame's stage payload.
// JavaScript callbacks never block: they queue an event that Update
// applies.
package main
