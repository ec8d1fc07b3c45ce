//go:build js

package data

// ModuleDir is unavailable under GOOS=js and returns ErrNoGoCommand.
func ModuleDir() (string, error) { return "", ErrNoGoCommand }

// LoadModuleMNIST is unavailable under GOOS=js and returns ErrNoGoCommand.
func LoadModuleMNIST() (*MNIST, error) { return nil, ErrNoGoCommand }
