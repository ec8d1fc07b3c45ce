package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

func nan() float64 { return math.NaN() }

func pct(a float64) string {
	if math.IsNaN(a) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*a)
}

func formatRow(ts []*trainer, acc []float64) string {
	var b strings.Builder
	for i, t := range ts {
		fmt.Fprintf(&b, "%s %s  ", t.Name, pct(acc[i]))
	}
	return strings.TrimSpace(b.String())
}

// printTable writes test accuracy per evaluation point, one column per
// network, as aligned text or a Markdown table, then the mean training loss
// over the last interval.
func printTable(w io.Writer, ts []*trainer, rs []result, markdown bool) {
	head := []string{"step"}
	for _, t := range ts {
		head = append(head, fmt.Sprintf("%s (lr %g)", t.Name, t.LR))
	}
	rows := [][]string{head}
	if markdown {
		sep := make([]string, len(head))
		for i := range sep {
			sep[i] = "---:"
		}
		rows = append(rows, sep)
	}
	for _, r := range rs {
		row := []string{fmt.Sprint(r.step)}
		for i := range ts {
			row = append(row, pct(r.acc[i]))
		}
		rows = append(rows, row)
	}
	if len(rs) > 0 {
		last := rs[len(rs)-1]
		row := []string{"final train loss"}
		for i := range ts {
			row = append(row, fmt.Sprintf("%.4f", last.loss[i]))
		}
		rows = append(rows, row)
	}
	width := make([]int, len(head))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = strings.Repeat(" ", width[i]-len([]rune(c))) + c
		}
		if markdown {
			fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
		} else {
			fmt.Fprintln(w, strings.Join(cells, "  "))
		}
	}
}
