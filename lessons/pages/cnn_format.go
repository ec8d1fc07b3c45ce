package pages

import (
	"bnlab/lessons/numfmt"
	"html"
	"math"
	"strings"
)

// Formatting helpers shared by the renderers of cnn, small-batches and
// code. Names start with cn.

// cnMN is a MathML number showing f, marked live.
func cnMN(f float64) string {
	return `<mn class="live">` + html.EscapeString(numfmt.Num(f)) + `</mn>`
}

// cnMN6 is cnMN with six significant digits.
func cnMN6(f float64) string {
	return `<mn class="live">` + html.EscapeString(numfmt.Sig(f, 6)) + `</mn>`
}

// cnMNPlain is a MathML number showing f; negative values are wrapped in
// parentheses so that "x − (−0.2)" reads correctly.
func cnMNPlain(f float64) string {
	s := `<mn>` + html.EscapeString(numfmt.Sig(f, 6)) + `</mn>`
	if f < 0 {
		return `<mrow><mo>(</mo>` + s + `<mo>)</mo></mrow>`
	}
	return s
}

// cnRow is one header/value row of a two-column table.
type cnRow struct{ head, value string }

// cnKeyTable renders rows as a two-column table of numbers with an escaped
// caption; values are already HTML.
func cnKeyTable(caption string, rows []cnRow) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers text"><caption>` + html.EscapeString(caption) + `</caption><tbody>`)
	for _, r := range rows {
		b.WriteString(`<tr><th scope="row">` + html.EscapeString(r.head) + `</th><td>` + r.value + `</td></tr>`)
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// cnQuant8 quantises xs to bytes for a stage payload: 128 + 127·x/scale,
// clamped, where scale is the largest |x| (returned; 1 for all zeros).
// The stage draws them on a diverging colour scale.
func cnQuant8(xs []float64, scale float64) []byte {
	if scale <= 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
		scale = 1
	}
	out := make([]byte, len(xs))
	for i, x := range xs {
		q := 128 + math.Round(127*x/scale)
		if math.IsNaN(q) {
			q = 128
		}
		out[i] = byte(math.Max(1, math.Min(255, q)))
	}
	return out
}

// cnAbsMax is the largest |x| over xs (0 for none), ignoring NaN.
func cnAbsMax(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		if a := math.Abs(x); a > m {
			m = a
		}
	}
	return m
}
