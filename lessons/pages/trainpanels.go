package pages

import (
	"html"
	"strconv"
	"strings"

	"bnlab/lessons/train"
)

// Helpers shared by the renderers of the lessons that train networks side
// by side (placement, overfitting, mistakes). Names start with tp.

// Pts formats a share difference as percentage points with a sign.
func Pts(f float64) string {
	s := strconv.FormatFloat(100*f, 'f', 1, 64)
	if f >= 0 {
		s = "+" + s
	}
	return strings.ReplaceAll(s, "-", "−") + " pts"
}

// XY returns a curve's steps and values as float64 slices.
func XY(c train.Curve) (x, y []float64) {
	n := min(len(c.Steps), len(c.Values))
	x, y = make([]float64, n), make([]float64, n)
	for i := range n {
		x[i], y[i] = float64(c.Steps[i]), c.Values[i]
	}
	return x, y
}

// Status is a training lesson's status paragraph: the sentence s, then
// the lesson's error and notices, escaped.
func Status(st train.TrainStatus, s string) string {
	var b strings.Builder
	b.WriteString("<p>" + s + "</p>")
	if st.Error != "" {
		b.WriteString(`<div class="error" role="note"><p><strong>Training stopped.</strong> ` + html.EscapeString(st.Error) + `</p></div>`)
	}
	b.WriteString(NotesList(NoticeTexts(st.Notices)...))
	return b.String()
}

// Waiting is the placeholder of a panel before the data has arrived.
const Waiting = `<p class="aside">Waiting for the MNIST images to load…</p>`
