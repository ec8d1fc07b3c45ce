package bnsteps

import (
	"html"
	"strconv"
	"strings"

	"bnlab/palette"
)

// heatTable renders one heat map of the multi-feature view as a table:
// one cell per sample (row) and feature (column), coloured by class on the
// diverging scale of palette.Heat with its own symmetric range, the value
// in the cell's title and, for screen readers, in its text; each column's
// mean and biased variance underneath.
func heatTable(which string, g [][]float64, means, vars []float64) string {
	rows, cols := len(g), 0
	if rows > 0 {
		cols = len(g[0])
	}
	scale := 0.0
	for _, row := range g {
		scale = max(scale, maxAbs(row))
	}
	var b strings.Builder
	b.WriteString(`<table><caption class="sr-only">` + which + ": " + strconv.Itoa(rows) + " samples × " + strconv.Itoa(cols) + " features</caption>")
	b.WriteString("<thead><tr><td></td>")
	for j := range cols {
		b.WriteString(`<th scope="col">f` + strconv.Itoa(j+1) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for i, row := range g {
		b.WriteString(`<tr><th scope="row">` + strconv.Itoa(i+1) + "</th>")
		for j, x := range row {
			s := html.EscapeString(num(x))
			b.WriteString(`<td class="` + palette.HeatClass(palette.HeatLevel(x, scale)) + `" title="sample ` + strconv.Itoa(i+1) + ", feature " + strconv.Itoa(j+1) + ": " + s + `">`)
			b.WriteString(`<span class="sr-only">` + s + "</span></td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody><tfoot>")
	for k, vals := range [][]float64{means, vars} {
		b.WriteString(`<tr><th scope="row">` + []string{"μ", "σ²"}[k] + "</th>")
		for j := range cols {
			if j < len(vals) {
				b.WriteString(`<td title="` + html.EscapeString(num(vals[j])) + `">` + html.EscapeString(near0(vals[j], scale)) + "</td>")
			} else {
				b.WriteString("<td></td>")
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tfoot></table>")
	return b.String()
}
