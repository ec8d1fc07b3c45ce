package course

import (
	"reflect"
	"testing"
)

// FuzzParseHash: ParseHash never panics on any input, and encoding is a
// fixed point: s := ParseHash(h) encodes to a hash that parses back to s
// with no notices and encodes to the same text. Seeds are in
// testdata/fuzz/FuzzParseHash/ and below.
func FuzzParseHash(f *testing.F) {
	for _, h := range []string{
		"", "#", "#lesson=bn-steps&batch=8&gamma=1.5&seed=7",
		"#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1", "#lesson=histograms&layers=3",
		"#lesson=bn-steps&eps=1e-300&x=,,,", "#=&&==&%", "#lesson=bn-steps&x=1e39,-1e39",
	} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		s, _ := ParseHash(h)
		enc := EncodeHash(s)
		s2, notes := ParseHash(enc)
		if len(notes) > 0 {
			t.Fatalf("ParseHash(%q) = %+v encodes to %q, which gives notices %v", h, s, enc, notes)
		}
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("ParseHash(%q) = %+v, but its encoding %q parses to %+v", h, s, enc, s2)
		}
		if enc2 := EncodeHash(s2); enc2 != enc {
			t.Fatalf("encoding not canonical: %q then %q", enc, enc2)
		}
	})
}
