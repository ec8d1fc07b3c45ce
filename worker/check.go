package worker

import (
	"fmt"
	"html"

	"bnlab/lessons"
	"bnlab/lessons/pages"
)

// check judges the student's prediction m.Prediction for check m.Key
// against the hosted lesson's answer for its current state, and keeps the
// verdict for the next frames (the check's feedback panel). A prediction
// it cannot read, or a check the lesson cannot answer yet, gets a note of
// class "verdict unanswered" that says why, which the page does not count
// as an answered check.
func (h *Host) check(m In) {
	ch, ok := h.lesson.(lessons.Checker)
	if h.lesson == nil || !ok {
		h.report(fmt.Errorf("this lesson has no check %q", lessons.Shorten(m.Key)))
		return
	}
	c, ok := lessons.FindCheck(ch.Checks(), m.Key)
	if !ok {
		h.report(fmt.Errorf("this lesson has no check %q", lessons.Shorten(m.Key)))
		return
	}
	var a lessons.Answer
	err := h.guard("check "+c.ID, func() (err error) { a, err = ch.Answer(c.ID); return err })
	var text string
	if err == nil {
		var v pages.Verdict
		if v, err = pages.Judge(c, a, m.Prediction); err == nil {
			text = v.HTML
		}
	}
	if err != nil {
		text = `<p class="verdict unanswered">` + html.EscapeString(err.Error()) + `</p>`
	}
	if h.feedback == nil {
		h.feedback = map[string]string{}
	}
	h.feedback[pages.FeedbackID(c.ID)] = text
}
