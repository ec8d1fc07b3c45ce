package palette

import (
	"fmt"
	"image/color"
	"math"
	"strings"
)

// HeatLevels is the number of steps on each side of the diverging heat
// scale: a heat-map cell takes one of 2·HeatLevels + 1 colours.
const HeatLevels = 8

// heatZero is the scale's near-white middle.
var heatZero = color.RGBA{0xf7, 0xf7, 0xf7, 0xff}

// HeatLevel returns the level of x on a symmetric scale of ±scale, from
// −HeatLevels (x ≤ −scale, blue) through 0 (near-white) to HeatLevels
// (x ≥ scale, vermillion). A scale that is not positive counts as 1.
func HeatLevel(x, scale float64) int {
	if !(scale > 0) {
		scale = 1
	}
	t := math.Max(-1, math.Min(1, x/scale))
	if math.IsNaN(t) {
		return 0
	}
	return int(math.Round(t * HeatLevels))
}

// Heat returns the colour of level k of the diverging scale (clamped to
// ±HeatLevels): near-white blended towards Blue for negative k and towards
// Vermillion for positive k, readable with the common colour-vision types.
func Heat(k int) color.RGBA {
	k = max(-HeatLevels, min(HeatLevels, k))
	to := Vermillion
	if k < 0 {
		to, k = Blue, -k
	}
	t := float64(k) / HeatLevels
	mix := func(a, b uint8) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*t + 0.5) }
	return color.RGBA{mix(heatZero.R, to.R), mix(heatZero.G, to.G), mix(heatZero.B, to.B), 0xff}
}

// HeatClass returns the CSS class of level k: "heat-n3", "heat-0",
// "heat-p8".
func HeatClass(k int) string {
	k = max(-HeatLevels, min(HeatLevels, k))
	switch {
	case k < 0:
		return fmt.Sprintf("heat-n%d", -k)
	case k > 0:
		return fmt.Sprintf("heat-p%d", k)
	}
	return "heat-0"
}

// HeatDark reports whether level k is dark enough to need white text.
func HeatDark(k int) bool { return k*k*25 > HeatLevels*HeatLevels*9 } // |k| > 0.6 · HeatLevels

// HeatCSS returns the style rules of the heat classes within the selector
// scope (e.g. ".heatmap"), one per line, for style.css: the page sets
// cells' colours by class, since its Content Security Policy refuses
// inline styles.
func HeatCSS(scope string) string {
	var b strings.Builder
	for k := -HeatLevels; k <= HeatLevels; k++ {
		if k > -HeatLevels {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s .%s { background: %s;", scope, HeatClass(k), Hex(Heat(k)))
		if HeatDark(k) {
			b.WriteString(" color: #fff;")
		}
		b.WriteString(" }")
	}
	return b.String()
}
