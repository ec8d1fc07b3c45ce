package bnsteps

import (
	"html"
	"strconv"
	"strings"
)

// formulaNums are the live numbers of the four formulas, as shown: each
// is a number formatted by num, or "·" before the lesson has a batch.
type formulaNums struct {
	sum, m, mu, sumsq, vr, x1, eps, xhat1, gamma, beta, y1 string
}

// placeholder is what a formula shows before the first frame: its symbols
// with a dot for every live number.
var placeholder = formulaNums{"·", "·", "·", "·", "·", "·", "·", "·", "·", "·", "·"}

// numsOf returns v's live numbers: sample 1 for the per-sample steps.
func numsOf(v *View) formulaNums {
	s1 := v.Samples[0]
	return formulaNums{
		sum: num(v.Mean * float64(v.M)), m: strconv.Itoa(v.M), mu: num(v.Mean),
		sumsq: num(v.Var * float64(v.M)), vr: num(v.Var), x1: num(s1.X), eps: num(v.Eps),
		xhat1: num(s1.XHat), gamma: num(v.Gamma), beta: num(v.Beta), y1: num(s1.Y),
	}
}

// formulaHTML returns step k's formula (1..4) as the page shows it: a
// <p class="formula"> with Algorithm 1's line in MathML and, after it, the
// same with the live numbers n. Each live number is an <mn data-bind>
// named for its quantity ("mu", "var", "y1"); current marks the step the
// stage shows.
func formulaHTML(k int, n formulaNums, current bool) string {
	bind := func(name, val string) string {
		return `<mn data-bind="` + name + `">` + html.EscapeString(val) + `</mn>`
	}
	result := func(name, val string) string {
		return `<mn class="live" data-bind="` + name + `">` + html.EscapeString(val) + `</mn>`
	}
	var label, sym, live string
	switch k {
	case 1:
		label = "mu equals one over m times the sum of x i"
		sym = `<msub><mi>μ</mi><mi>B</mi></msub><mo>=</mo><mfrac><mn>1</mn><mi>m</mi></mfrac>` + sumSign + `<msub><mi>x</mi><mi>i</mi></msub>`
		live = `<mfrac>` + bind("sum", n.sum) + bind("m", n.m) + `</mfrac><mo>=</mo>` + result("mu", n.mu)
	case 2:
		label = "sigma squared equals one over m times the sum of x i minus mu, squared"
		sym = `<msubsup><mi>σ</mi><mi>B</mi><mn>2</mn></msubsup><mo>=</mo><mfrac><mn>1</mn><mi>m</mi></mfrac>` + sumSign +
			`<msup><mrow><mo>(</mo><msub><mi>x</mi><mi>i</mi></msub><mo>−</mo><msub><mi>μ</mi><mi>B</mi></msub><mo>)</mo></mrow><mn>2</mn></msup>`
		live = `<mfrac>` + bind("sumsq", n.sumsq) + bind("m", n.m) + `</mfrac><mo>=</mo>` + result("var", n.vr)
	case 3:
		label = "x hat i equals x i minus mu, over the square root of sigma squared plus epsilon"
		sym = `<msub><mover><mi>x</mi><mo>^</mo></mover><mn>1</mn></msub><mo>=</mo><mfrac><mrow><msub><mi>x</mi><mn>1</mn></msub><mo>−</mo><msub><mi>μ</mi><mi>B</mi></msub></mrow>` +
			`<msqrt><msubsup><mi>σ</mi><mi>B</mi><mn>2</mn></msubsup><mo>+</mo><mi>ε</mi></msqrt></mfrac>`
		live = `<mfrac><mrow>` + bind("x1", n.x1) + `<mo>−</mo>` + bind("mu", n.mu) + `</mrow><msqrt>` + bind("var", n.vr) + `<mo>+</mo>` + bind("eps", n.eps) +
			`</msqrt></mfrac><mo>=</mo>` + result("xhat1", n.xhat1)
	case 4:
		label = "y i equals gamma times x hat i plus beta"
		sym = `<msub><mi>y</mi><mn>1</mn></msub><mo>=</mo><mi>γ</mi><msub><mover><mi>x</mi><mo>^</mo></mover><mn>1</mn></msub><mo>+</mo><mi>β</mi>`
		live = bind("gamma", n.gamma) + `<mo>×</mo><mrow><mo>(</mo>` + bind("xhat1", n.xhat1) + `<mo>)</mo></mrow><mo>+</mo>` + bind("beta", n.beta) + `<mo>=</mo>` + result("y1", n.y1)
	default:
		return ""
	}
	class := "formula"
	if current {
		class += " current"
	}
	return `<p class="` + class + `" tabindex="0"><math display="block" aria-label="` + label + `"><mrow>` + sym + `<mo>=</mo>` + live + `</mrow></math></p>`
}

// sumSign is Σ from i = 1 to m.
const sumSign = `<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></munderover>`

// formulaSlot is the comment in prose.html where step k's formula goes.
func formulaSlot(k int) string { return "<!-- formula " + strconv.Itoa(k) + " -->" }

// withFormulas returns prose with each step's formula, its numbers shown
// as placeholders, at its slot.
func withFormulas(prose string) string {
	for k := 1; k <= 4; k++ {
		prose = strings.Replace(prose, formulaSlot(k), formulaHTML(k, placeholder, false), 1)
	}
	return prose
}
