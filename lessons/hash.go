package lessons

import (
	"net/url"
	"strconv"
	"strings"
)

// Catalog is what ParseHash and EncodeHash need to know of the course: the
// lesson an address without a known lesson opens, and each lesson's
// controls (ok false: no such lesson).
type Catalog interface {
	First() string
	ControlsOf(id string) (cs []Control, ok bool)
}

// maxHashLen bounds the work ParseHash does on a hostile address.
const maxHashLen = 8192

// ParseHash reads an address hash such as
// "#lesson=bn-steps&batch=8&gamma=1.5&seed=7" (the leading "#" is
// optional) and returns the state it describes. It never fails and never
// panics: an unknown lesson gives the first lesson, a missing key its
// default, a bad seed DefaultSeed, and every value that was clamped,
// rounded or ignored is described by a Notice. The first occurrence of a
// repeated key wins. c says which lessons there are (lessons/course is the
// lab's catalogue, and course.ParseHash parses against it).
func ParseHash(hash string, c Catalog) (State, []Notice) {
	var notes []Notice
	hash = strings.TrimPrefix(hash, "#")
	if len(hash) > maxHashLen {
		notes = append(notes, Notef("", "", "", "the address is longer than %d characters; the rest was ignored", maxHashLen))
		hash = hash[:maxHashLen]
	}
	raw := Values{}
	for _, part := range strings.Split(hash, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, errK := url.PathUnescape(k)
		v, errV := url.PathUnescape(v)
		if errK != nil || errV != nil {
			notes = append(notes, Notef(Shorten(part), part, "", "%s could not be read; ignored", Shorten(part)))
			continue
		}
		if _, dup := raw[k]; dup {
			notes = append(notes, Notef(k, v, raw[k], "%s appears more than once; using the first value %s", Shorten(k), Shorten(raw[k])))
			continue
		}
		raw[k] = v
	}
	st := State{Lesson: c.First(), Seed: DefaultSeed, Values: Values{}}
	if id, ok := raw["lesson"]; ok {
		if _, known := c.ControlsOf(id); known {
			st.Lesson = id
		} else {
			notes = append(notes, Notef("lesson", id, st.Lesson, "there is no lesson %q; opening %s", Shorten(id), st.Lesson))
		}
	}
	if s, ok := raw["seed"]; ok {
		n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		if err != nil {
			notes = append(notes, Notef("seed", s, formatSeed(DefaultSeed), "seed=%s is not a whole number from 0 to 2^64−1; using %d", Shorten(s), DefaultSeed))
		} else {
			st.Seed = n
		}
	}
	delete(raw, "lesson")
	delete(raw, "seed")
	cs, _ := c.ControlsOf(st.Lesson)
	vals, more := Normalize(cs, raw)
	st.Values = vals
	return st, append(notes, more...)
}

// EncodeHash returns the canonical hash (without the leading "#") for a
// state: "lesson=ID", then every non-action control of the lesson in
// declaration order with its value, then "seed=N". All values are written,
// defaults included, so that a link keeps meaning the same state even if a
// default changes later; an empty value (an optional Numbers control left
// empty) is left out. Commas stay readable; everything else that is not
// URL-safe is escaped. Give it a normalized state: keys that are not
// controls of the lesson are not written. For any normalized s,
// ParseHash(EncodeHash(s, c), c) returns s and no notices.
func EncodeHash(s State, c Catalog) string {
	var b strings.Builder
	b.WriteString("lesson=")
	b.WriteString(escape(s.Lesson))
	if cs, ok := c.ControlsOf(s.Lesson); ok {
		for _, c := range cs {
			v, ok := s.Values[c.Key]
			if c.Kind == Action || !ok || v == "" {
				continue
			}
			b.WriteString("&")
			b.WriteString(escape(c.Key))
			b.WriteString("=")
			b.WriteString(escape(v))
		}
	}
	b.WriteString("&seed=")
	b.WriteString(formatSeed(s.Seed))
	return b.String()
}

// escape percent-encodes a key or value for the hash, keeping commas; a
// space becomes %20 (not "+"), since ParseHash reads "+" literally.
func escape(s string) string {
	e := strings.ReplaceAll(url.QueryEscape(s), "%2C", ",")
	return strings.ReplaceAll(e, "+", "%20")
}

func formatSeed(s uint64) string { return strconv.FormatUint(s, 10) }
