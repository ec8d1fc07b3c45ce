//go:build wasm

package engine

// portableExp is true where math.Exp is the portable Go routine that
// sigmoidExp reproduces bit for bit.
const portableExp = true
