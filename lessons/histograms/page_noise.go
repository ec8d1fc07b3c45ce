package histograms

import (
	"fmt"
	"html"

	"bnlab/lessons/numfmt"
)

// The histograms lesson's second network is plain BN or, with bnnet=noisy,
// BN followed by random noise (Santurkar et al. 2018): these helpers give
// the words that differ, read from the view, so headings and legends
// follow the choice.

// second is the second network's short name, HTML-escaped ("with BN",
// "BN + noise").
func second(v *View) string {
	if v.BNName != "" {
		return html.EscapeString(v.BNName)
	}
	return html.EscapeString(short("bn"))
}

// after names what the second network's norm histogram shows.
func after(v *View) string {
	if v.Noise.On() {
		return "after BN + noise"
	}
	return "after BN"
}

// with is the second network's one-word name in the "without / with"
// number pairs.
func with(v *View) string {
	if v.Noise.On() {
		return "noisy"
	}
	return "with"
}

// noiseNote is a caption sentence on the noise, empty without it.
func noiseNote(v *View) string {
	if !v.Noise.On() {
		return ""
	}
	n := v.Noise
	return fmt.Sprintf(" In BN + noise, every unit's BN output is then multiplied by a random scale from U(%s, %s) and shifted by a random amount from U(−%s, %s), drawn afresh at every training step (off in eval mode).",
		numfmt.Plain(n.ScaleLo), numfmt.Plain(n.ScaleHi), numfmt.Plain(n.Shift), numfmt.Plain(n.Shift))
}
