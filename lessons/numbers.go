package lessons

import (
	"math"
	"strconv"
	"strings"
)

// normalizeNumbers canonicalises a Numbers control's comma-separated list.
// Items that are not finite numbers are dropped, each number is clamped to
// [Min, Max] when Max > Min, the list is cut to MaxItems, and a list shorter
// than MinItems (or an empty one when the control is not Optional) is
// replaced by the default. Every change is one notice.
func NormalizeNumbers(c Control, raw string) (string, *Notice) {
	// Bound the work on hostile input before splitting.
	limit := c.MaxItems
	if limit <= 0 {
		limit = 64
	}
	var reasons []string
	var items []string
	if strings.TrimSpace(raw) != "" {
		parts := strings.SplitN(raw, ",", limit+2)
		if len(parts) > limit {
			reasons = append(reasons, "had more than "+strconv.Itoa(limit)+" numbers; the rest were dropped")
			parts = parts[:limit]
		}
		skipped := 0
		clamped := 0
		for _, p := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				skipped++
				continue
			}
			if c.Max > c.Min && (f < c.Min || f > c.Max) {
				f = math.Min(math.Max(f, c.Min), c.Max)
				clamped++
			}
			// float32 is what the engine computes with; keep the text exact for it.
			items = append(items, strconv.FormatFloat(float64(float32(f)), 'g', -1, 32))
		}
		if skipped > 0 {
			reasons = append(reasons, strconv.Itoa(skipped)+" item(s) were not finite numbers and were dropped")
		}
		if clamped > 0 {
			reasons = append(reasons, strconv.Itoa(clamped)+" number(s) were clamped to ["+FormatFloat(c.Min)+", "+FormatFloat(c.Max)+"]")
		}
	}
	if len(items) == 0 && c.Optional {
		if len(reasons) == 0 {
			return "", nil
		}
		n := Notef(c.Key, raw, "", "%s=%s: %s; none left, so it is ignored", c.Key, Shorten(raw), strings.Join(reasons, ", "))
		return "", &n
	}
	if len(items) < c.MinItems || len(items) == 0 {
		need := max(c.MinItems, 1)
		n := Notef(c.Key, raw, c.Default, "%s=%s needs at least %d numbers; using the default %s", c.Key, Shorten(raw), need, OrNone(c.Default))
		return c.Default, &n
	}
	out := strings.Join(items, ",")
	if len(reasons) == 0 {
		if out != strings.ReplaceAll(raw, " ", "") && !sameNumbers(out, raw) {
			reasons = append(reasons, "was rewritten")
		}
	}
	if len(reasons) > 0 {
		n := Notef(c.Key, raw, out, "%s=%s: %s; using %s", c.Key, Shorten(raw), strings.Join(reasons, ", "), Shorten(out))
		return out, &n
	}
	return out, nil
}

// sameNumbers reports whether two comma-separated lists hold the same
// numbers at float32 precision (so "3.0,5" and "3,5" are the same list).
func sameNumbers(a, b string) bool {
	pa, pb := strings.Split(a, ","), strings.Split(b, ",")
	if len(pa) != len(pb) {
		return false
	}
	for i := range pa {
		fa, ea := strconv.ParseFloat(strings.TrimSpace(pa[i]), 64)
		fb, eb := strconv.ParseFloat(strings.TrimSpace(pb[i]), 64)
		if ea != nil || eb != nil || float32(fa) != float32(fb) {
			return false
		}
	}
	return true
}

// ParseNumbers parses a canonical Numbers value ("3,5,7,9") into float64s;
// an empty string gives nil. Use it on values that went through Normalize.
func ParseNumbers(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}
