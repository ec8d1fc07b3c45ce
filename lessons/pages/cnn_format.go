package pages

import (
	"html"
	"math"
	"strconv"
	"strings"
)

// Formatting helpers shared by the renderers of cnn, small-batches and
// code. Names start with cn.

var cnSuperscripts = strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴",
	"5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹")

// cnNum formats a value for reading as the stage does: four significant
// digits, a true minus sign, and very small or large values as 1.23×10⁻⁵.
func cnNum(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "−∞"
	case f == 0:
		return "0"
	}
	a := math.Abs(f)
	if a < 1e-3 || a >= 1e6 {
		e := int(math.Floor(math.Log10(a)))
		m := f / math.Pow(10, float64(e))
		ms := strconv.FormatFloat(m, 'g', 3, 64)
		if ms == "10" || ms == "-10" { // rounding carried into the next power
			ms, e = ms[:len(ms)-1], e+1
		}
		pow := "10" + cnSuperscripts.Replace(strconv.Itoa(e))
		switch ms {
		case "1":
			return pow
		case "-1":
			return "−" + pow
		}
		return strings.ReplaceAll(ms, "-", "−") + "×" + pow
	}
	return strings.ReplaceAll(strconv.FormatFloat(f, 'g', 4, 64), "-", "−")
}

// cnNum6 is cnNum with six significant digits, for numbers that differ
// from a neighbour only in the fifth or sixth digit (a fold's scale 0.999995).
func cnNum6(f float64) string {
	a := math.Abs(f)
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) || a < 1e-3 || a >= 1e6 {
		return cnNum(f)
	}
	return strings.ReplaceAll(strconv.FormatFloat(f, 'g', 6, 64), "-", "−")
}

// cnNum3 is cnNum with three significant digits, for the kernel tables,
// whose six columns must fit the prose column.
func cnNum3(f float64) string {
	a := math.Abs(f)
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) || a < 1e-3 || a >= 1e6 {
		return cnNum(f)
	}
	return strings.ReplaceAll(strconv.FormatFloat(f, 'g', 3, 64), "-", "−")
}

// cnInt formats an integer with thousands separators (6272 stays 6272,
// 1693130 becomes 1,693,130), as PyTorch users print counts.
func cnInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) > 4 {
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	if neg {
		s = "−" + s
	}
	return s
}

// cnList renders texts as the page's list of remarks; no texts give "".
func cnList(texts []string) string {
	if len(texts) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<ul class="notes">`)
	for _, t := range texts {
		if t != "" {
			b.WriteString("<li>" + html.EscapeString(t) + "</li>")
		}
	}
	b.WriteString("</ul>")
	return b.String()
}

// cnMN is a MathML number showing f, marked live.
func cnMN(f float64) string {
	return `<mn class="live">` + html.EscapeString(cnNum(f)) + `</mn>`
}

// cnMN6 is cnMN with six significant digits.
func cnMN6(f float64) string {
	return `<mn class="live">` + html.EscapeString(cnNum6(f)) + `</mn>`
}

// cnMNPlain is a MathML number showing f; negative values are wrapped in
// parentheses so that "x − (−0.2)" reads correctly.
func cnMNPlain(f float64) string {
	s := `<mn>` + html.EscapeString(cnNum6(f)) + `</mn>`
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

// cnRound rounds x to d significant digits (small stage payloads); NaN and
// infinities become 0 so the payload always encodes to JSON.
func cnRound(x float64, d int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return 0
	}
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', d, 64), 64)
	if err != nil {
		return 0
	}
	return v
}
