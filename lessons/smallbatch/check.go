package smallbatch

import (
	"fmt"
	"strings"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
)

// The ids of small-batches' checks.
const (
	checkVarFrac = "small-batches-check-var-frac"
	checkGNStats = "small-batches-check-gn-stats"
	checkDepends = "small-batches-check-depends"
)

// varFracM is the batch size checkVarFrac asks about.
const varFracM = 2

// checks are small-batches' predict-then-check questions, in the prose's
// order.
var checks = []lessons.Check{
	{ID: checkVarFrac, Kind: lessons.NumberCheck, Label: "Fraction of the population variance",
		Question: "Over many batches of <var>m</var> = 2 samples of the input you have chosen, what fraction of the population variance does BN's biased batch variance give on average? (1 would mean no shortfall.)"},
	{ID: checkGNStats, Kind: lessons.NumberCheck, Label: "GroupNorm means",
		Question: "For the batch size, channels and groups you have chosen, how many separate means does GroupNorm compute on one batch?"},
	{ID: checkDepends, Kind: lessons.ChoiceCheck, Label: "The output for sample A changes with its companions for",
		Question: "Sample A goes into two batches with different companions. For which layers does A's output change?",
		Options: []lessons.Option{
			{Value: "bn", Label: "BatchNorm only"},
			{Value: "bn-gn", Label: "BatchNorm and GroupNorm"},
			{Value: "all", Label: "all three"},
			{Value: "none", Label: "none of them"},
		}},
}

// Checks returns small-batches' checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer from the current view (lessons.Checker).
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	v := l.view
	if v == nil {
		return lessons.Answer{}, fmt.Errorf("lessons: small-batches: not configured")
	}
	switch id {
	case checkVarFrac:
		return varFracAnswer(v)
	case checkGNStats:
		return gnStatsAnswer(v)
	case checkDepends:
		return dependsAnswer(v)
	}
	return lessons.Answer{}, fmt.Errorf("lessons: small-batches: no check %q", id)
}

// varFracAnswer: the measured mean biased variance at m = 2 over the
// population variance, against (m − 1)/m and the correlated prediction.
func varFracAnswer(v *View) (lessons.Answer, error) {
	for _, pt := range v.Spread {
		if pt.M != varFracM || pt.Failed {
			continue
		}
		why := fmt.Sprintf("Over %d sampled batches of %d the biased variance averaged %s against the population's %s: a fraction %s. "+
			"It falls short by exactly the variance of the batch mean, E[σ²<sub>B</sub>] = σ² − Var(μ<sub>B</sub>), because the deviations are measured from μ<sub>B</sub>, not from the true mean.",
			pt.Batches, pt.M, numfmt.Num(pt.VarMean), numfmt.Num(v.PopVar), numfmt.Sig(pt.VarFrac, 3))
		if v.Shape == "dense" {
			why += fmt.Sprintf(" Dense features are independent, so Var(μ<sub>B</sub>) = σ²/m and the fraction is (m − 1)/m = 1/2 on average; the sampled batches give %s.",
				numfmt.Sig(pt.VarFrac, 3))
		} else {
			why += fmt.Sprintf(" The (m − 1)/m = 1/2 rule is for independent samples. Here BN averages %d × %d values, but the %d positions of one map share a component of the image (a share ρ = %s of the variance in this lab's data), "+
				"so Var(μ<sub>B</sub>) = σ²(ρ/m + (1 − ρ)/(m·H·W)), well under σ²/m, and the expected fraction is %s, between 1/2 and 1.",
				pt.M, v.PerSample, v.PerSample, numfmt.Num(rho), numfmt.Sig(pt.TheoryVarFrac, 3))
		}
		return lessons.Answer{Value: pt.VarFrac, Tol: 0.05, Shown: numfmt.Sig(pt.VarFrac, 3), Why: why}, nil
	}
	return lessons.Answer{}, fmt.Errorf("lessons: small-batches: no batches of %d were sampled", varFracM)
}

// gnStatsAnswer: GroupNorm computes one mean per sample and group.
func gnStatsAnswer(v *View) (lessons.Answer, error) {
	gn, bn, ln := v.norm("gn"), v.norm("bn"), v.norm("ln")
	if gn == nil || bn == nil || ln == nil {
		return lessons.Answer{}, fmt.Errorf("lessons: small-batches: the norms were not computed")
	}
	over := fmt.Sprintf("C/G = %d values", gn.Count)
	if v.PerSample > 1 {
		over = fmt.Sprintf("(C/G)·H·W = %d × %d = %d values", v.Channels/v.Groups, v.PerSample, gn.Count)
	}
	return lessons.Answer{Value: float64(gn.NumStats), Tol: 0.5, Shown: fmt.Sprint(gn.NumStats),
		Why: fmt.Sprintf("GroupNorm takes one mean and one variance per sample and group: N × G = %d × %d = %d, each over %s. "+
			"For comparison BatchNorm computes one per channel (%d) and LayerNorm one per sample (%d).",
			v.Batch, v.Groups, gn.NumStats, over, bn.NumStats, ln.NumStats)}, nil
}

// dependsAnswer: which norms' output for sample A differs between the two
// batches, as the engine measured it.
func dependsAnswer(v *View) (lessons.Answer, error) {
	var changed, same []string
	byKey := map[string]CompareRow{}
	for _, r := range v.Compare.Rows {
		byKey[r.Key] = r
		if r.Same {
			same = append(same, r.Kind)
		} else {
			changed = append(changed, r.Kind)
		}
	}
	choice := map[string]string{"": "none", "bn": "bn", "bn,gn": "bn-gn", "bn,ln,gn": "all"}
	keys := []string{}
	for _, k := range []string{"bn", "ln", "gn"} {
		if r, ok := byKey[k]; ok && !r.Same {
			keys = append(keys, k)
		}
	}
	c, ok := choice[strings.Join(keys, ",")]
	if !ok || len(byKey) != 3 {
		return lessons.Answer{}, fmt.Errorf("lessons: small-batches: unexpected comparison (changed: %v)", changed)
	}
	bn := byKey["bn"]
	why := fmt.Sprintf("In batches of %d, A's outputs changed for %s and were bit-for-bit the same for %s. ", v.Compare.Size, orNone(changed), orNone(same))
	why += fmt.Sprintf("BatchNorm's mean and variance come from every sample of the batch, so new companions move them (A's outputs moved by up to %s). "+
		"LayerNorm and GroupNorm take theirs from A alone, so the rest of the batch cannot reach A's output, whatever the batch size.", numfmt.Num(bn.MaxDiff))
	return lessons.Answer{Choice: c, Why: why, Wrong: map[string]string{
		"bn-gn": "GroupNorm's groups are groups of channels inside one sample, not groups of samples.",
		"all":   "LayerNorm normalises each sample over its own features: the other samples never enter.",
		"none":  "BatchNorm in train mode takes its statistics from the whole batch.",
	}}, nil
}

// norm returns the view's norm with the given key.
func (v *View) norm(key string) *Norm {
	for i := range v.Norms {
		if v.Norms[i].Key == key {
			return &v.Norms[i]
		}
	}
	return nil
}

// orNone joins names, or says "none".
func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, " and ")
}
