package pages

import (
	"html"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
)

// NotesList renders texts as the page's list of remarks (<ul
// class="notes">), escaped; empty texts are skipped and no texts at all
// give "".
func NotesList(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		if t == "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(`<ul class="notes">`)
		}
		b.WriteString("<li>" + html.EscapeString(t) + "</li>")
	}
	if b.Len() == 0 {
		return ""
	}
	b.WriteString("</ul>")
	return b.String()
}

// NoticeTexts returns the texts of a lesson's notices followed by extra.
func NoticeTexts(ns []lessons.Notice, extra ...string) []string {
	out := make([]string, 0, len(ns)+len(extra))
	for _, n := range ns {
		out = append(out, n.Text)
	}
	return append(out, extra...)
}

// RoundTo rounds x to d decimals, to keep stage payloads small; NaN and
// the infinities become 0 so that the payload always encodes to JSON.
func RoundTo(x float64, d int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

// Int formats an integer with thousands separators (6272 stays 6272,
// 1693130 becomes 1,693,130), as PyTorch users print counts.
func Int(n int) string {
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

// Round rounds x to d significant digits (small stage payloads); NaN and
// infinities become 0 so the payload always encodes to JSON.
func Round(x float64, d int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return 0
	}
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', d, 64), 64)
	if err != nil {
		return 0
	}
	return v
}

// LossText is a training loss for a status line: "—" before the first
// step, when there is no loss yet (not a loss of 0).
func LossText(step int, loss float64) string {
	if step == 0 {
		return "—"
	}
	return numfmt.Plain(loss)
}
