package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// parseNum reads a number as the page prints it: a typographic minus
// (U+2212), and powers of ten as "10⁻⁵" or "1.5×10⁻⁵".
func parseNum(s string) (float64, error) {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "−", "-")
	s = strings.ReplaceAll(s, "\u00a0", "")
	mant, pow, ok := strings.Cut(s, "10")
	if ok && (mant == "" || mant == "-" || strings.HasSuffix(mant, "×")) && strings.ContainsAny(pow, "⁰¹²³⁴⁵⁶⁷⁸⁹") {
		e, err := strconv.Atoi(strings.NewReplacer("⁻", "-", "⁰", "0", "¹", "1", "²", "2", "³", "3",
			"⁴", "4", "⁵", "5", "⁶", "6", "⁷", "7", "⁸", "8", "⁹", "9").Replace(pow))
		if err != nil {
			return 0, fmt.Errorf("number %q: bad exponent: %v", s, err)
		}
		m := 1.0
		switch mant = strings.TrimSuffix(mant, "×"); mant {
		case "":
		case "-":
			m = -1
		default:
			if m, err = strconv.ParseFloat(mant, 64); err != nil {
				return 0, fmt.Errorf("number %q: %v", s, err)
			}
		}
		return m * math.Pow(10, float64(e)), nil
	}
	return strconv.ParseFloat(s, 64)
}

func mustFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return f
}

// readBNTable returns the bn-steps table as rows of x, x − μ, x̂, y, once
// the lesson's first frame has filled it (bn-steps runs in the worker, so
// its numbers arrive a moment after the page is ready).
func readBNTable(t *testing.T, tb *tab) [][4]float64 {
	t.Helper()
	tb.waitFor(t, 10*time.Second, `document.querySelectorAll("#bn-table tbody tr").length > 0 ? "rows" : ""`)
	raw := tb.eval(t, `JSON.stringify(Array.from(document.querySelectorAll("#bn-table tbody tr")).map(r => Array.from(r.cells).slice(1).map(c => c.textContent)))`)
	var cells [][]string
	if err := json.Unmarshal([]byte(raw), &cells); err != nil {
		t.Fatalf("bn-table: %v (%s)", err, raw)
	}
	rows := make([][4]float64, len(cells))
	for i, r := range cells {
		if len(r) != 4 {
			t.Fatalf("bn-table row %d has %d number cells, want 4: %q", i, len(r), r)
		}
		for j, c := range r {
			v, err := parseNum(c)
			if err != nil {
				t.Fatalf("bn-table row %d column %d: %v", i, j, err)
			}
			rows[i][j] = v
		}
	}
	return rows
}

// pixelSpread decodes a PNG and returns the standard deviation of its
// luminance and how many distinct colours it has (up to 1,000).
func pixelSpread(b []byte) (std float64, colours int, err error) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, 0, fmt.Errorf("decoding screenshot: %w", err)
	}
	r := img.Bounds()
	if r.Empty() {
		return 0, 0, fmt.Errorf("empty screenshot %v", r)
	}
	seen := map[uint32]bool{}
	var sum, sumSq float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			l := (0.2126*float64(cr) + 0.7152*float64(cg) + 0.0722*float64(cb)) / 257
			sum += l
			sumSq += l * l
			if len(seen) < 1000 {
				seen[cr>>8<<16|cg>>8<<8|cb>>8] = true
			}
		}
	}
	n := float64(r.Dx() * r.Dy())
	mean := sum / n
	return math.Sqrt(math.Max(0, sumSq/n-mean*mean)), len(seen), nil
}

// TestParseNum checks the reader of the page's number format.
func TestParseNum(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"6", 6}, {"−1.342", -1.342}, {"10⁻⁵", 1e-5}, {"−10⁻⁵", -1e-5},
		{"1.5×10⁻⁵", 1.5e-5}, {"−2.25×10⁶", -2.25e6}, {" 3.683 ", 3.683},
	} {
		got, err := parseNum(c.in)
		if err != nil || math.Abs(got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
			t.Errorf("parseNum(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "·", "abc", "10⁻x"} {
		if _, err := parseNum(bad); err == nil {
			t.Errorf("parseNum(%q) gave no error", bad)
		}
	}
}

// decode unmarshals the JSON text raw that the page produced into v.
func (tb *tab) decode(t *testing.T, raw string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("decoding %.200s: %v", raw, err)
	}
}
