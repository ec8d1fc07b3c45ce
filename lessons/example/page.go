package example

import (
	"fmt"
	"html"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/pages"
)

// Stage is the payload the stage draws: the share of heads against p.
type Stage struct {
	P     float64 `json:"p"`
	Share float64 `json:"share"`
	Flips int     `json:"flips"`
}

// Frame implements lessons.Lesson.
func (l *Lesson) Frame() (lessons.Frame, error) {
	v := l.View()
	return pages.FrameOf(render(v), nil, lessons.Progress{Steps: v.Flips, Counted: true})
}

// render makes the page panels, the stage payload and the text alternative.
func render(v *View) pages.Output {
	tally := fmt.Sprintf("<p>%d flips, %d heads: a share of <strong>%s</strong> against p = %s.</p>",
		v.Flips, v.Heads, html.EscapeString(numfmt.Num(v.Share)), html.EscapeString(numfmt.Num(v.P)))
	if v.Flips == 0 {
		tally = "<p>No flips yet: press Play or Flip ten.</p>"
	}
	text := fmt.Sprintf("After %d flips the share of heads is %s; p is %s.", v.Flips, numfmt.Num(v.Share), numfmt.Num(v.P))
	return pages.Output{Panels: pages.Panels{"example-tally": tally}, Stage: Stage{P: v.P, Share: v.Share, Flips: v.Flips}, Text: text}
}
