package lessons

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Normalize validates values against a lesson's controls and returns the
// canonical values: every non-action control present (missing ones take
// their default), each in canonical string form, so that the same state
// always encodes to the same URL. It never fails; each change it had to make
// is described by a Notice:
//
//   - Slider: clamped to [Min, Max], then snapped to Min + k·Step;
//   - LogSlider: must be positive; clamped to [Min, Max], three significant digits;
//   - Choice: must be one of Options; Toggle: "1" or "0" (true/false, on/off accepted);
//   - Numbers: comma-separated finite numbers, each clamped to [Min, Max] when
//     Max > Min, at most MaxItems (the rest dropped), at least MinItems
//     (otherwise the default); an empty list is allowed when Optional;
//   - unknown keys and Action keys are ignored.
//
// Normalize is idempotent: Normalize(Normalize(v)) gives the same values and
// no notices.
func Normalize(cs []Control, in Values) (Values, []Notice) {
	out := Values{}
	var notes []Notice
	known := map[string]bool{}
	for _, c := range cs {
		known[c.Key] = true
		if c.Kind == Action {
			continue
		}
		raw, ok := in[c.Key]
		if !ok {
			out[c.Key] = c.Default
			continue
		}
		v, n := normalizeOne(c, raw)
		out[c.Key] = v
		if n != nil {
			notes = append(notes, *n)
		}
	}
	for _, k := range sortedKeys(in) {
		switch {
		case !known[k]:
			notes = append(notes, Notef(k, in[k], "", "%s is not a setting of this lesson; ignored", Shorten(k)))
		case isAction(cs, k):
			notes = append(notes, Notef(k, in[k], "", "%s is a button, not a setting; ignored", k))
		}
	}
	return out, notes
}

func isAction(cs []Control, key string) bool {
	for _, c := range cs {
		if c.Key == key {
			return c.Kind == Action
		}
	}
	return false
}

// normalizeOne returns the canonical form of raw for c and, when it differs
// in meaning from raw, a notice.
func normalizeOne(c Control, raw string) (string, *Notice) {
	s := strings.TrimSpace(raw)
	bad := func(why string) (string, *Notice) {
		n := Notef(c.Key, raw, c.Default, "%s=%s %s; using the default %s", c.Key, Shorten(raw), why, OrNone(c.Default))
		return c.Default, &n
	}
	switch c.Kind {
	case Slider, LogSlider:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) {
			return bad("is not a number")
		}
		if c.Kind == LogSlider && !(f > 0) {
			return bad("must be positive")
		}
		g, why := clampNumber(c, f)
		out := formatNumber(c, g)
		if why == "" {
			if parsed, _ := strconv.ParseFloat(out, 64); parsed != f {
				why = "was rounded to the step " + FormatFloat(c.Step)
				if c.Kind == LogSlider || c.Step <= 0 {
					why = "was rounded to 3 significant digits"
				}
			}
		}
		if why != "" {
			n := Notef(c.Key, raw, out, "%s=%s %s; using %s", c.Key, Shorten(raw), why, out)
			return out, &n
		}
		return out, nil
	case Choice:
		for _, o := range c.Options {
			if o.Value == s {
				return s, nil
			}
		}
		return bad("is not one of the choices")
	case Toggle:
		switch strings.ToLower(s) {
		case "1", "true", "on", "yes":
			return "1", nil
		case "0", "false", "off", "no":
			return "0", nil
		}
		return bad("is not 1 or 0")
	case Numbers:
		return NormalizeNumbers(c, raw)
	}
	return bad("has a control kind this page does not know")
}

// clampNumber clamps f to [Min, Max] and says why when it had to.
func clampNumber(c Control, f float64) (float64, string) {
	switch {
	case f < c.Min:
		return c.Min, "is below the minimum " + FormatFloat(c.Min)
	case f > c.Max:
		return c.Max, "is above the maximum " + FormatFloat(c.Max)
	}
	return f, ""
}

// formatNumber is the canonical text of a slider value: snapped to the
// step for a Slider (as many decimals as the step has), three significant
// digits for a LogSlider. The result parses back to itself.
func formatNumber(c Control, f float64) string {
	if c.Kind == LogSlider {
		g, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 3, 64), 64)
		g = math.Min(math.Max(g, c.Min), c.Max)
		return FormatFloat(g)
	}
	if c.Step > 0 {
		k := math.Round((f - c.Min) / c.Step)
		f = c.Min + k*c.Step
		if f > c.Max+c.Step*1e-9 {
			f -= c.Step
		}
		s := strconv.FormatFloat(f, 'f', decimals(c.Step), 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		if s == "-0" {
			s = "0"
		}
		return s
	}
	return FormatFloat(f)
}

// decimals is the number of digits after the point in step's shortest form.
func decimals(step float64) int {
	s := strconv.FormatFloat(step, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// formatFloat is the shortest text that parses back to f.
func FormatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func OrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// sortedKeys returns v's keys in sorted order, so notices come out in a
// stable order.
func sortedKeys(v Values) []string {
	ks := make([]string, 0, len(v))
	for k := range v {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
