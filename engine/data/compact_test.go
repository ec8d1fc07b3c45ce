package data

import (
	"bytes"
	"strings"
	"testing"
)

func TestCompactRoundTrip(t *testing.T) {
	m, err := LoadMNIST("testdata/mini")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCompactMNIST(&b, m, 7, 99); err != nil {
		t.Fatal(err)
	}
	if want := 2*compactHeaderSize + 7*785 + 5*785; b.Len() != want {
		t.Fatalf("encoded %d bytes, want %d", b.Len(), want)
	}
	got, err := ReadCompactMNIST(&b)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		got, want *Set
	}{{got.Train, m.Train.Head(7)}, {got.Test, m.Test}} {
		if c.got.N != c.want.N || c.got.Rows != 28 || c.got.Cols != 28 ||
			!bytes.Equal(c.got.Pixels, c.want.Pixels) || !bytes.Equal(c.got.Labels, c.want.Labels) {
			t.Errorf("round trip: got %d images, want %d equal ones", c.got.N, c.want.N)
		}
	}
}

func TestCompactBad(t *testing.T) {
	var ok bytes.Buffer
	s := &Set{N: 2, Rows: 2, Cols: 2, Pixels: []uint8{1, 2, 3, 4, 5, 6, 7, 8}, Labels: []uint8{3, 9}}
	if err := WriteCompact(&ok, s); err != nil {
		t.Fatal(err)
	}
	good := ok.Bytes()
	mod := func(i int, v byte) []byte {
		b := append([]byte(nil), good...)
		b[i] = v
		return b
	}
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "truncated header (0 of 12 bytes)"},
		{"magic", mod(0, 'X'), `magic "XNMC"`},
		{"version", mod(4, 2), "version 2 not supported"},
		{"zero rows", mod(5, 0), "image size 0×2"},
		{"truncated", good[:len(good)-1], "need 10 bytes, got 9"},
		{"label", mod(len(good)-1, 10), "label 10 of image 1"},
		{"huge count", mod(11, 0x7f), "exceeds the limit"},
		{"reserved", mod(7, 1), "reserved header byte is 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCompact(bytes.NewReader(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("ReadCompact error = %v, want %q", err, c.want)
			}
		})
	}
	for _, bad := range []*Set{
		nil,
		{N: 1, Rows: 300, Cols: 1, Pixels: make([]uint8, 300), Labels: []uint8{0}},
		{N: 2, Rows: 1, Cols: 1, Pixels: []uint8{0}, Labels: []uint8{0, 0}},
	} {
		if err := WriteCompact(&bytes.Buffer{}, bad); err == nil {
			t.Errorf("WriteCompact(%+v) succeeded", bad)
		}
	}
}

func FuzzReadCompact(f *testing.F) {
	var b bytes.Buffer
	WriteCompact(&b, &Set{N: 1, Rows: 2, Cols: 1, Pixels: []uint8{9, 8}, Labels: []uint8{4}})
	f.Add(b.Bytes())
	f.Add([]byte("BNMC\x01\x1c\x1c\x00\xff\xff\xff\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := ReadCompact(bytes.NewReader(in))
		if err != nil {
			return
		}
		var o bytes.Buffer
		if err := WriteCompact(&o, s); err != nil {
			t.Fatalf("read %d×%d×%d but cannot write it: %v", s.N, s.Rows, s.Cols, err)
		}
		if !bytes.Equal(o.Bytes(), in[:o.Len()]) {
			t.Fatal("round trip changed the bytes")
		}
	})
}
