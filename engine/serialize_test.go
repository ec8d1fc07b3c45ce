package engine

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// stateValues copies every state_dict tensor of m.
func stateValues(m Model) [][]float32 {
	var out [][]float32
	for _, e := range m.StateDict() {
		out = append(out, slices.Clone(e.Tensor.Data))
	}
	return out
}

func sameState(a, b [][]float32) bool {
	return slices.EqualFunc(a, b, func(x, y []float32) bool { return slices.Equal(x, y) })
}

func smallNet(seed uint64) *Sequential {
	m, err := NewMLP(MLPSpec{Sizes: []int{4, 6, 3}, Activation: "relu", Placement: NormBefore}, rand.New(rand.NewPCG(seed, 1)))
	if err != nil {
		panic(err)
	}
	return m
}

// TestSaveLoadRoundTrip: a model saved and loaded into a differently
// initialised one of the same architecture gets every parameter and buffer.
func TestSaveLoadRoundTrip(t *testing.T) {
	a := smallNet(1)
	x := New(5, 4)
	for i := range x.Data {
		x.Data[i] = float32(i%7) - 3
	}
	if _, err := a.Forward(x); err != nil { // move the running statistics
		t.Fatal(err)
	}
	data, err := SaveBytes(a)
	if err != nil {
		t.Fatal(err)
	}
	if string(data[:5]) != "BNLAB" || binary.LittleEndian.Uint16(data[5:]) != 1 {
		t.Fatalf("header % x", data[:7])
	}
	b := smallNet(2)
	if sameState(stateValues(a), stateValues(b)) {
		t.Fatal("two seeds gave the same network")
	}
	if err := Load(bytes.NewReader(data), b); err != nil {
		t.Fatal(err)
	}
	if !sameState(stateValues(a), stateValues(b)) {
		t.Errorf("state differs after Save/Load")
	}
	// The syllabus network round-trips too (16 parameters, 9 buffers).
	c1, _ := NewSyllabusConvNet(rand.New(rand.NewPCG(1, 1)))
	c2, _ := NewSyllabusConvNet(rand.New(rand.NewPCG(2, 2)))
	d, err := SaveBytes(c1)
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(bytes.NewReader(d), c2); err != nil || !sameState(stateValues(c1), stateValues(c2)) {
		t.Errorf("syllabus model round trip: %v", err)
	}
}

// TestLoadErrors: bad files are refused with a message naming the problem
// and the model is left exactly as it was.
func TestLoadErrors(t *testing.T) {
	good, err := SaveBytes(smallNet(1))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewMLP(MLPSpec{Sizes: []int{4, 7, 3}, Activation: "relu", Placement: NormBefore}, testRand())
	otherData, _ := SaveBytes(other)
	noBN, _ := NewMLP(MLPSpec{Sizes: []int{4, 6, 3}, Activation: "relu"}, testRand())
	noBNData, _ := SaveBytes(noBN)
	flip := slices.Clone(good)
	flip[len(flip)/2] ^= 0x40
	badVer := slices.Clone(good)
	badVer[5] = 9
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a bnlab model file"},
		{"foreign", []byte("PK\x03\x04 this is a zip file, not a model"), `not a bnlab model file (magic "PK\x03\x04 "`},
		{"version", badVer, "unsupported file version 9"},
		{"truncated header", good[:9], "truncated"},
		{"truncated values", good[:len(good)/2], "file is truncated (while reading the values of"},
		{"no checksum", good[:len(good)-4], "truncated (while reading the checksum)"},
		{"corrupted", flip, "checksum mismatch"},
		{"trailing", append(slices.Clone(good), 0), "unexpected data after the checksum"},
		{"shape", otherData, `shape mismatch for "0.weight": file has (7, 4), model has (6, 4)`},
		{"missing", noBNData, `has entry "2.weight" that the model does not have`},
	} {
		m := smallNet(3)
		before := stateValues(m)
		err := Load(bytes.NewReader(tc.data), m)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
		if !sameState(before, stateValues(m)) {
			t.Errorf("%s: a failed Load changed the model", tc.name)
		}
	}
	// A file lacking entries the model needs: Linear-ReLU-Linear saved,
	// Linear-ReLU-Linear-ReLU-Linear loaded.
	r := testRand()
	l0, _ := NewLinear(4, 6, true, r)
	l2, _ := NewLinear(6, 3, true, r)
	l4, _ := NewLinear(3, 2, true, r)
	deep, _ := NewSequential(l0, NewReLU(), l2, NewReLU(), l4)
	before := stateValues(deep)
	if err := Load(bytes.NewReader(noBNData), deep); err == nil || !strings.Contains(err.Error(), `file has no entry "4.weight" (shape (2, 3))`) {
		t.Errorf("missing entries: err = %v", err)
	}
	if !sameState(before, stateValues(deep)) {
		t.Errorf("a failed Load changed the model")
	}
}

// FuzzLoad: whatever the bytes, Load returns an error or succeeds, never
// panics, and on error leaves the model unchanged.
func FuzzLoad(f *testing.F) {
	good, err := SaveBytes(smallNet(1))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:40])
	f.Add([]byte("BNLAB\x01\x00\xff\xff\xff\xff"))
	f.Add([]byte("BNLAB\x01\x00\x01\x00\x00\x00\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := smallNet(3)
		before := stateValues(m)
		if err := Load(bytes.NewReader(data), m); err != nil && !sameState(before, stateValues(m)) {
			t.Errorf("failed Load (%v) changed the model", err)
		}
	})
}
