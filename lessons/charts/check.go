package charts

import (
	"fmt"
	"math"
)

// maxPoints bounds the points of one series, so a hostile or runaway
// caller cannot make the page render forever.
const maxPoints = 100000

// checkFinite fails when xs is empty, too long, or holds NaN or Inf.
func checkFinite(chart, what string, xs []float64) error {
	if len(xs) == 0 {
		return fmt.Errorf("charts: %s: %s is empty", chart, what)
	}
	if len(xs) > maxPoints {
		return fmt.Errorf("charts: %s: %s has %d values, more than %d", chart, what, len(xs), maxPoints)
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("charts: %s: %s[%d] is %v", chart, what, i, x)
		}
	}
	return nil
}

// checkSame fails when two series that pair up differ in length.
func checkSame(chart, a string, na int, b string, nb int) error {
	if na != nb {
		return fmt.Errorf("charts: %s: %s has %d values but %s has %d", chart, a, na, b, nb)
	}
	return nil
}
