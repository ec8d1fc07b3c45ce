package bnsteps

import (
	"bnlab/lessons/numfmt"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The four steps of Ioffe & Szegedy 2015, Algorithm 1, for one feature of
// a mini-batch x₁ … x_m:
//
//	(1) μ  = (1/m) Σᵢ xᵢ                  mini-batch mean
//	(2) σ² = (1/m) Σᵢ (xᵢ − μ)²           mini-batch variance (biased)
//	(3) x̂ᵢ = (xᵢ − μ) / √(σ² + ε)        normalise
//	(4) yᵢ = γ x̂ᵢ + β                     scale and shift
var titles = [5]string{"The batch", "Batch mean", "Batch variance", "Normalise", "Scale and shift"}

// num formats a value for formulas and tables, as every page of the lab
// does (numfmt.Num): four significant digits, a true minus sign, powers of
// ten as 10⁻⁵.
func num(f float64) string { return numfmt.Num(f) }

// paren wraps a negative number in parentheses for use inside a formula
// (numfmt.Paren).
func paren(f float64) string { return numfmt.Paren(f) }

// listTerms joins up to 8 terms; longer lists keep the first three and the
// last one around an ellipsis.
func listTerms(terms []string, sep string) string {
	if len(terms) > 8 {
		terms = append(append([]string(nil), terms[:3]...), "…", terms[len(terms)-1])
	}
	return strings.Join(terms, sep)
}

func q(sym string, v float64) Quantity { return Quantity{Symbol: sym, Value: v, Text: num(v)} }

// formulas returns the four formulas with feature 0's live numbers; the
// per-sample steps 3 and 4 are shown for sample 1.
func formulas(v *View) []Formula {
	xs, sq := make([]string, v.M), make([]string, v.M)
	for i, s := range v.Samples {
		xs[i] = num(s.X)
		sq[i] = paren(s.Centered) + "²"
	}
	s1 := v.Samples[0]
	return []Formula{
		{Step: 1, Title: titles[1], Symbolic: "μ = (1/m) Σᵢ xᵢ",
			Live:       fmt.Sprintf("μ = (%s) / %d = %s", listTerms(xs, " + "), v.M, num(v.Mean)),
			Quantities: []Quantity{q("m", float64(v.M)), q("μ", v.Mean)}},
		{Step: 2, Title: titles[2], Symbolic: "σ² = (1/m) Σᵢ (xᵢ − μ)²",
			Live:       fmt.Sprintf("σ² = (%s) / %d = %s", listTerms(sq, " + "), v.M, num(v.Var)),
			Quantities: []Quantity{q("m", float64(v.M)), q("μ", v.Mean), q("σ²", v.Var)}},
		{Step: 3, Title: titles[3], Symbolic: "x̂ᵢ = (xᵢ − μ) / √(σ² + ε)",
			Live: fmt.Sprintf("x̂₁ = (%s − %s) / √(%s + %s) = %s / %s = %s",
				num(s1.X), paren(v.Mean), num(v.Var), num(v.Eps), num(s1.Centered), num(v.Std), num(s1.XHat)),
			Quantities: []Quantity{q("x₁", s1.X), q("μ", v.Mean), q("σ²", v.Var), q("ε", v.Eps),
				q("√(σ²+ε)", v.Std), q("x̂₁", s1.XHat)}},
		{Step: 4, Title: titles[4], Symbolic: "yᵢ = γ x̂ᵢ + β",
			Live:       fmt.Sprintf("y₁ = %s · %s + %s = %s", num(v.Gamma), paren(s1.XHat), paren(v.Beta), num(s1.Y)),
			Quantities: []Quantity{q("γ", v.Gamma), q("x̂₁", s1.XHat), q("β", v.Beta), q("y₁", s1.Y)}},
	}
}

// lines returns the number line at steps 0..4: x (step 0, and step 1
// with μ marked), x − μ with ±σ marked (step 2), x̂ with ±1 (step 3), and y
// with β and β ± γ (step 4).
func lines(v *View) []Line {
	pick := func(f func(Sample) float64) []float64 {
		out := make([]float64, len(v.Samples))
		for i, s := range v.Samples {
			out[i] = f(s)
		}
		return out
	}
	x := pick(func(s Sample) float64 { return s.X })
	sd := math.Sqrt(v.Var)
	st := []Line{
		{Step: 0, Label: "x", Points: x},
		{Step: 1, Label: "x", Points: x, Markers: []Marker{{"μ", v.Mean}}},
		{Step: 2, Label: "x − μ", Points: pick(func(s Sample) float64 { return s.Centered }),
			Markers: []Marker{{"−σ", -sd}, {"0", 0}, {"+σ", sd}}},
		{Step: 3, Label: "x̂", Points: pick(func(s Sample) float64 { return s.XHat }),
			Markers: []Marker{{"−1", -1}, {"0", 0}, {"+1", 1}}},
		{Step: 4, Label: "y", Points: pick(func(s Sample) float64 { return s.Y }),
			Markers: []Marker{{"β − γ", v.Beta - v.Gamma}, {"β", v.Beta}, {"β + γ", v.Beta + v.Gamma}}},
	}
	for i := range st {
		st[i].Lo, st[i].Hi = axisRange(st[i])
	}
	return st
}

// axisRange returns a range holding every point and marker with 8% margin;
// a degenerate range is widened to ±1 around its value.
func axisRange(s Line) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range s.Points {
		lo, hi = math.Min(lo, p), math.Max(hi, p)
	}
	for _, m := range s.Markers {
		lo, hi = math.Min(lo, m.Value), math.Max(hi, m.Value)
	}
	if hi-lo < 1e-9 {
		return lo - 1, hi + 1
	}
	pad := 0.08 * (hi - lo)
	return lo - pad, hi + pad
}

// table is the samples table as text: header, then one row per sample.
func table(v *View) [][]string {
	rows := [][]string{{"i", "x", "x − μ", "x̂", "y"}}
	for _, s := range v.Samples {
		rows = append(rows, []string{strconv.Itoa(s.I), num(s.X), num(s.Centered), num(s.XHat), num(s.Y)})
	}
	return rows
}

// notes are short remarks on the current numbers.
func notes(v *View) []string {
	var notes []string
	if v.Typed {
		notes = append(notes, fmt.Sprintf("Feature 1 is your typed batch of %d values.", v.M))
	}
	if v.Constant {
		notes = append(notes, fmt.Sprintf("Every value is the same, so σ² = 0 and x̂ = 0 / √(0 + ε) = 0: ε keeps the division finite. Without ε it would be 0/0, not a number. Then y = β = %s.", num(v.Beta)))
	} else if v.Eps > 0.01*v.Var {
		notes = append(notes, fmt.Sprintf("ε = %s is not small next to σ² = %s: x̂ has variance σ²/(σ² + ε) = %s instead of about 1.", num(v.Eps), num(v.Var), num(v.XHatVar)))
	}
	return append(notes, runningNote(v))
}

// runningNote shows how running_var takes this batch: the unbiased
// variance, and PyTorch's update with the numbers of the table's last row.
func runningNote(v *View) string {
	unbiased := fmt.Sprintf("PyTorch's running_var takes the unbiased variance, σ² · m/(m − 1) = %s · %d/%d = %s", num(v.Var), v.M, v.M-1, num(v.VarUnbiased))
	pts, mom := v.Running.Points, v.Running.Momentum
	if n := len(pts); n >= 2 && pts[n-1].BatchVar == v.Var {
		prev, cur := pts[n-2].TorchVar, pts[n-1].TorchVar
		return fmt.Sprintf("%s, so after this batch running_var = (1 − %s) · %s + %s · %s = %s.", unbiased, num(mom), num(prev), num(mom), num(v.VarUnbiased), num(cur))
	}
	return unbiased + "."
}
