package cnn

import (
	"html"
	"math"
	"strings"

	"bnlab/lessons/numfmt"
)

// Formatting helpers shared by the renderers of cnn, small-batches and
// code. Names start with cn.

// mn is a MathML number showing f, marked live.
func mn(f float64) string {
	return `<mn class="live">` + html.EscapeString(numfmt.Num(f)) + `</mn>`
}

// mn6 is mn with six significant digits.
func mn6(f float64) string {
	return `<mn class="live">` + html.EscapeString(numfmt.Sig(f, 6)) + `</mn>`
}

// mnPlain is a MathML number showing f; negative values are wrapped in
// parentheses so that "x − (−0.2)" reads correctly.
func mnPlain(f float64) string {
	s := `<mn>` + html.EscapeString(numfmt.Sig(f, 6)) + `</mn>`
	if f < 0 {
		return `<mrow><mo>(</mo>` + s + `<mo>)</mo></mrow>`
	}
	return s
}

// row is one header/value row of a two-column table.
type row struct{ head, value string }

// keyTable renders rows as a two-column table of numbers with an escaped
// caption; values are already HTML.
func keyTable(caption string, rows []row) string {
	var b strings.Builder
	b.WriteString(`<div class="table-wrap" tabindex="0"><table class="numbers text"><caption>` + html.EscapeString(caption) + `</caption><tbody>`)
	for _, r := range rows {
		b.WriteString(`<tr><th scope="row">` + html.EscapeString(r.head) + `</th><td>` + r.value + `</td></tr>`)
	}
	b.WriteString(`</tbody></table></div>`)
	return b.String()
}

// quant8 quantises xs to bytes for a stage payload: 128 + 127·x/scale,
// clamped, where scale is the largest |x| (returned; 1 for all zeros).
// The stage draws them on a diverging colour scale.
func quant8(xs []float64, scale float64) []byte {
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

// absMax is the largest |x| over xs (0 for none), ignoring NaN.
func absMax(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		if a := math.Abs(x); a > m {
			m = a
		}
	}
	return m
}
