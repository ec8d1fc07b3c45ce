// Package engine is bnlab's neural-network engine: float32 tensors laid out
// as in PyTorch (row-major, batch first), layers with forward and backward
// passes, losses, optimisers and sequential models whose numbers agree with
// PyTorch to float32 precision.
//
// The engine imports the standard library only; a test enforces it, so the
// same code runs natively in `go test` and in the browser as WebAssembly.
//
// Randomness always comes from a *rand.Rand (math/rand/v2) handed in by the
// caller, so a seed replays a run exactly. The training/eval mode is a field
// of every layer, set by SetTraining (Sequential.Train and Sequential.Eval
// set it on every layer), never a package global.
//
// Errors are values: bad shapes, bad options and bad files return an error
// that names the shapes or values involved, and leave every piece of state
// (running statistics, parameters, masks) unchanged. Nothing panics on user
// input.
package engine
