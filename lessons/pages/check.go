package pages

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
)

// CheckPlaceholder is the comment in a lesson's prose that WithChecks
// replaces with check id's form.
func CheckPlaceholder(id string) string { return "<!-- check " + id + " -->" }

// FeedbackID is the id of the element under check id's form that shows the
// verdict (a frame panel).
func FeedbackID(id string) string { return id + "-feedback" }

// WithChecks returns prose with every check's placeholder replaced by its
// form. A check without a placeholder is left out (the course's tests
// catch it).
func WithChecks(prose string, cs []lessons.Check) string {
	for _, c := range cs {
		prose = strings.Replace(prose, CheckPlaceholder(c.ID), CheckForm(c), 1)
	}
	return prose
}

// CheckForm is check c as the page shows it: the question, the input (a
// number field, or one radio button per option), the button that commits
// the prediction, and the live region where the verdict appears. The form
// carries data-check with the id; the stage sends the prediction to the
// lesson when it is submitted.
func CheckForm(c lessons.Check) string {
	id := html.EscapeString(c.ID)
	var b strings.Builder
	fmt.Fprintf(&b, `<form class="check" data-check="%s" id="%s" aria-labelledby="%s-q">`, id, id, id)
	fmt.Fprintf(&b, `<p class="check-q" id="%s-q"><span class="check-tag">Predict</span> %s</p>`, id, c.Question)
	switch c.Kind {
	case lessons.ChoiceCheck:
		fmt.Fprintf(&b, `<fieldset class="check-options"><legend>%s</legend>`, html.EscapeString(c.Label))
		for i, o := range c.Options {
			fmt.Fprintf(&b, `<label><input type="radio" name="prediction" value="%s"%s> %s</label>`,
				html.EscapeString(o.Value), map[bool]string{true: " required"}[i == 0], html.EscapeString(o.Label))
		}
		b.WriteString(`</fieldset>`)
	default:
		fmt.Fprintf(&b, `<label class="check-number">%s <input type="text" name="prediction" inputmode="decimal" autocomplete="off" required size="8" aria-describedby="%s-q"></label>`,
			html.EscapeString(c.Label), id)
	}
	b.WriteString(`<button type="submit">Check my prediction</button>`)
	fmt.Fprintf(&b, `<div class="check-feedback" id="%s" role="status" aria-live="polite"></div></form>`, html.EscapeString(FeedbackID(c.ID)))
	return b.String()
}

// Verdict is a judged prediction: whether it was right, and the feedback
// as HTML (the engine's answer, the prediction, and why).
type Verdict struct {
	Right bool
	HTML  string
}

// Judge compares a student's prediction for check c with the engine's
// answer a. A prediction it cannot read (not a number, not one of the
// options) is an error that says what to enter.
func Judge(c lessons.Check, a lessons.Answer, prediction string) (Verdict, error) {
	prediction = strings.TrimSpace(prediction)
	why := ""
	if a.Why != "" {
		why = `<p class="check-why">` + a.Why + `</p>`
	}
	if a.NotYet {
		// The same class the worker gives a check it could not judge.
		return Verdict{false, `<p class="verdict unanswered"><strong>Not yet.</strong> The engine cannot answer this in the lesson's current state.</p>` + why}, nil
	}
	if c.Kind == lessons.ChoiceCheck {
		return judgeChoice(c, a, prediction, why)
	}
	p, err := ParsePrediction(prediction)
	if err != nil {
		return Verdict{}, err
	}
	shown := a.Shown
	if shown == "" {
		shown = numfmt.Num(a.Value)
	}
	d := p - a.Value
	if math.Abs(d) <= a.Tol {
		return Verdict{true, fmt.Sprintf(`<p class="verdict right"><strong>Right.</strong> The engine gives <b>%s</b>; you predicted %s.</p>%s`,
			shown, numfmt.Num(p), why)}, nil
	}
	side := "above"
	if d < 0 {
		side = "below"
	}
	return Verdict{false, fmt.Sprintf(`<p class="verdict off"><strong>Not quite.</strong> The engine gives <b>%s</b>; you predicted %s, %s %s it.</p>%s`,
		shown, numfmt.Num(p), numfmt.Num(math.Abs(d)), side, why)}, nil
}

func judgeChoice(c lessons.Check, a lessons.Answer, prediction, why string) (Verdict, error) {
	label := func(v string) (string, bool) {
		for _, o := range c.Options {
			if o.Value == v {
				return html.EscapeString(o.Label), true
			}
		}
		return "", false
	}
	picked, ok := label(prediction)
	if !ok {
		return Verdict{}, fmt.Errorf("pick one of the answers first")
	}
	shown := a.Shown
	if shown == "" {
		shown, _ = label(a.Choice)
	}
	if prediction == a.Choice {
		return Verdict{true, fmt.Sprintf(`<p class="verdict right"><strong>Right:</strong> %s.</p>%s`, shown, why)}, nil
	}
	hint := ""
	if w := a.Wrong[prediction]; w != "" {
		hint = " " + w
	}
	return Verdict{false, fmt.Sprintf(`<p class="verdict off"><strong>Not this time.</strong> You picked “%s”; the engine's answer is <b>%s</b>.%s</p>%s`,
		picked, shown, hint, why)}, nil
}

// ParsePrediction reads a typed number: spaces, a Unicode minus, a decimal
// comma and a trailing % (which divides by 100) are allowed; anything else,
// and a number that is not finite, is an error that says what to type.
func ParsePrediction(s string) (float64, error) {
	t := strings.TrimSpace(s)
	t = strings.ReplaceAll(t, "−", "-")
	t = strings.ReplaceAll(t, " ", "")
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("type a number for your prediction, such as 0.5 or 1.2 (you typed %q)", lessons.Shorten(s))
	}
	if pct {
		v /= 100
	}
	return v, nil
}
