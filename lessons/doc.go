// Package lessons holds the logic of every bnlab lesson: its state, its
// controls declared as data, its Step, and the view models the page and the
// stage draw. It imports the engine and the standard library only, so every
// lesson runs natively in `go test`; drawing lives in wasm/.
package lessons
