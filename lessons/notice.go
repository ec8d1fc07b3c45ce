package lessons

import (
	"fmt"
	"strings"
)

// Notice says what happened to one value read from the URL or typed by the
// student that could not be used as given: clamped, rounded, replaced by
// the default, or ignored. Text is a sentence for the student, e.g.
// "gamma=99 is above the maximum 5; using 5".
type Notice struct {
	Key   string `json:"key"`   // the URL key ("gamma", "seed", "lesson")
	Given string `json:"given"` // the value as given
	Used  string `json:"used"`  // the value used instead; "" when ignored
	Text  string `json:"text"`
}

// String returns the notice's text.
func (n Notice) String() string { return n.Text }

// Notef builds a notice whose text is the formatted message.
func Notef(key, given, used, format string, args ...any) Notice {
	return Notice{Key: key, Given: given, Used: used, Text: fmt.Sprintf(format, args...)}
}

// Shorten cuts a long given value so that a notice stays readable.
func Shorten(s string) string {
	const max = 40
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}

// JoinNotices joins notices' texts with semicolons, for an error message
// or the page's notice line.
func JoinNotices(notes []Notice) string {
	texts := make([]string, len(notes))
	for i, n := range notes {
		texts[i] = n.Text
	}
	return strings.Join(texts, "; ")
}
