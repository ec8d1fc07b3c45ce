//go:build !wasm

package engine

// portableExp is false where math.Exp may be an assembly routine: then
// sigmoidExp calls math.Exp.
const portableExp = false
