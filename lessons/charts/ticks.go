package charts

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// wholeTicks is the ticker of an axis whose values are counts (steps,
// batches, layers): gonum's default ticks without the fractional ones,
// labelled without decimals, so that a short run reads 0, 1 and not
// 0.00, 0.50, 1.00.
type wholeTicks struct{}

// Ticks implements plot.Ticker.
func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value != math.Trunc(t.Value) {
			continue
		}
		if t.Label != "" {
			t.Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
		}
		out = append(out, t)
	}
	return out
}

// cappedTicks is gonum's default ticker without the ticks above Max: the
// room a legend needs above a fixed range (accuracy up to 1) stays
// unlabelled. With Percent the labels are percentages (0.5 → 50%).
type cappedTicks struct {
	Max     float64
	Percent bool
}

// Ticks implements plot.Ticker.
func (c cappedTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	if c.Percent {
		ts = percentTicks(lo, min(hi, c.Max))
	} else {
		ts = (plot.DefaultTicks{}).Ticks(lo, min(hi, c.Max))
	}
	out := ts[:0]
	for _, t := range ts {
		if t.Value <= c.Max*(1+1e-9)+1e-12 {
			out = append(out, t)
		}
	}
	return out
}

// percentTicks labels a range of shares (0 to 1) every 25% with minor
// ticks every 5%, or uses gonum's ticks, relabelled, for other ranges.
func percentTicks(lo, hi float64) []plot.Tick {
	label := func(v float64) string { return strconv.FormatFloat(100*v, 'f', -1, 64) + "%" }
	if hi-lo >= 0.5 {
		var ts []plot.Tick
		for i := math.Ceil(lo * 20); i <= math.Floor(hi*20); i++ {
			v := i / 20
			t := plot.Tick{Value: v}
			if int(i)%5 == 0 {
				t.Label = label(v)
			}
			ts = append(ts, t)
		}
		return ts
	}
	ts := (plot.DefaultTicks{}).Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = label(ts[i].Value)
		}
	}
	return ts
}

// whole reports whether every value of every series is a whole number.
func whole(ss []Series) bool {
	for _, s := range ss {
		for _, x := range s.X {
			if x != math.Trunc(x) {
				return false
			}
		}
	}
	return true
}

// pow10Ticks is the ticker of an axis of base-10 logarithms: a tick at
// every whole k labelled 10^k (every second or third one when the range is
// wide).
type pow10Ticks struct{}

// Ticks implements plot.Ticker.
func (pow10Ticks) Ticks(lo, hi float64) []plot.Tick {
	a, b := math.Ceil(lo), math.Floor(hi)
	if b < a {
		return (plot.DefaultTicks{}).Ticks(lo, hi)
	}
	every := 1 + int(b-a)/9
	var ts []plot.Tick
	for k := a; k <= b; k++ {
		t := plot.Tick{Value: k}
		if int(k-a)%every == 0 {
			t.Label = pow10Label(int(k))
		}
		ts = append(ts, t)
	}
	return ts
}

// pow10Label writes 10^k with superscript digits: 10⁻⁷, 10⁰, 10³.
func pow10Label(k int) string {
	const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	digits := []rune(sup)
	s := "10"
	if k < 0 {
		s += "⁻"
		k = -k
	}
	for _, r := range strconv.Itoa(k) {
		s += string(digits[r-'0'])
	}
	return s
}
