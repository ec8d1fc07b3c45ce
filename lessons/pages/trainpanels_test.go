package pages

import (
	"testing"

	"bnlab/lessons/numfmt"
)

// TestTPFormat: the number formats the renderers share.
func TestTPFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{numfmt.Plain(-0.0123456), "−0.01235"}, {numfmt.Plain(12345.6), "12346"}, {numfmt.Plain(0), "0"},
		{numfmt.Pct(0.9234), "92.3%"}, {Pts(-0.05), "−5.0 pts"}, {Pts(0.123), "+12.3 pts"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
