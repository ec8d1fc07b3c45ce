package data

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var o bytes.Buffer
	w := gzip.NewWriter(&o)
	w.Write(b)
	w.Close()
	return o.Bytes()
}

func TestIDXRoundTrip(t *testing.T) {
	dims := []int{2, 3, 4}
	vals := make([]uint8, 24)
	for i := range vals {
		vals[i] = uint8(i * 11)
	}
	var b bytes.Buffer
	if err := WriteIDX(&b, dims, vals); err != nil {
		t.Fatal(err)
	}
	for name, file := range map[string][]byte{"raw": b.Bytes(), "gzip": gzipped(t, b.Bytes())} {
		x, err := ParseIDX(file)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(x.Dims) != 3 || x.Dims[0] != 2 || x.Dims[1] != 3 || x.Dims[2] != 4 || !bytes.Equal(x.Data, vals) {
			t.Errorf("%s: got dims %v data %v", name, x.Dims, x.Data)
		}
	}
}

func TestIDXBadInput(t *testing.T) {
	good := []byte{0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3}
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"short magic", []byte{0, 0, 8}, "truncated magic"},
		{"foreign PNG", []byte("\x89PNG\r\n\x1a\n...."), "not an IDX file"},
		{"float type", []byte{0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0}, "type 0x0d not supported"},
		{"zero dims", []byte{0, 0, 8, 0}, "0 dimensions"},
		{"nine dims", []byte{0, 0, 8, 9}, "9 dimensions"},
		{"short header", []byte{0, 0, 8, 3, 0, 0, 0, 1, 0, 0}, "truncated header"},
		{"truncated data", good[:len(good)-1], "needs 3 values, file has 2"},
		{"trailing data", append(append([]byte(nil), good...), 9), "trailing data"},
		{"huge dims", []byte{0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0}, "more than"},
		{"huge dim", []byte{0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff}, "limit"},
		{"truncated gzip", gzipped(t, good)[:12], "data: idx"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseIDX(c.file)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("ParseIDX(% x) error = %v, want one containing %q", c.file, err, c.want)
			}
		})
	}
}

func TestWriteIDXBadInput(t *testing.T) {
	cases := []struct {
		dims []int
		n    int
		want string
	}{
		{nil, 0, "0 dimensions"},
		{[]int{2, 2}, 3, "3 values cannot have shape [2 2]"},
		{[]int{-1}, 0, "bad dimension -1"},
	}
	for _, c := range cases {
		err := WriteIDX(&bytes.Buffer{}, c.dims, make([]uint8, c.n))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("WriteIDX(%v, %d values) error = %v, want %q", c.dims, c.n, err, c.want)
		}
	}
}

// FuzzParseIDX checks that no input panics and that whatever parses
// writes back to the same bytes.
func FuzzParseIDX(f *testing.F) {
	f.Add([]byte{0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3})
	f.Add([]byte{0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 1, 7, 9})
	f.Add([]byte{0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff})
	f.Add(gzipped(f, []byte{0, 0, 8, 1, 0, 0, 0, 1, 5}))
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := ParseIDX(b)
		if err != nil {
			return
		}
		var o bytes.Buffer
		if err := WriteIDX(&o, x.Dims, x.Data); err != nil {
			t.Fatalf("parsed %v but cannot write it back: %v", x.Dims, err)
		}
		if len(b) > 1 && b[0] == 0x1f && b[1] == 0x8b {
			return
		}
		if !bytes.Equal(o.Bytes(), b) {
			t.Fatalf("round trip changed % x to % x", b, o.Bytes())
		}
	})
}
