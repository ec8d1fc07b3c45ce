package placement

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"bnlab/lessons"
	"bnlab/lessons/numfmt"
	"bnlab/lessons/train"
)

// The ids of the placement lesson's checks.
const (
	checkBNParams = "placement-check-bn-params"
	checkLeader   = "placement-check-leader"
)

// levelPoints is the gap, in percentage points of validation accuracy,
// within which the leader check calls the top two networks level.
const levelPoints = 1.0

// checks are the placement lesson's predict-then-check questions, in the
// prose's order.
var checks = []lessons.Check{
	{ID: checkBNParams, Kind: lessons.NumberCheck, Label: "Trained numbers in the BN layers",
		Question: "Count before you look anything up: with the number of hidden layers set on the controls, how many numbers do the BN layers of " +
			"Linear → BN → activation learn by gradient descent?"},
	{ID: checkLeader, Kind: lessons.ChoiceCheck, Label: "At the latest validation, the highest accuracy is",
		Question: "Train for as long as you like (or not at all), pause, and predict before you look at the charts below: at the latest validation " +
			"(the status line gives the step; validation runs every " + fmt.Sprint(valEvery) + " steps), which network has the highest validation accuracy?",
		Options: []lessons.Option{
			{Value: "before", Label: "BN before the activation"},
			{Value: "after", Label: "BN after the activation"},
			{Value: "none", Label: "no BN"},
			{Value: "level", Label: fmt.Sprintf("too close to call: the top two within %s percentage point", numfmt.Plain(levelPoints))},
		}},
}

// Checks returns the lesson's checks (lessons.Checker).
func (l *Lesson) Checks() []lessons.Check { return checks }

// Answer computes check id's answer from the lesson's networks as they are
// now (lessons.Checker); it reads them and changes nothing.
func (l *Lesson) Answer(id string) (lessons.Answer, error) {
	if len(l.Config.Nets) == 0 {
		return lessons.Answer{}, fmt.Errorf("lessons: placement: not configured")
	}
	switch id {
	case checkBNParams:
		c, err := l.bnCount()
		if err != nil {
			return lessons.Answer{}, err
		}
		return bnParamsAnswer(c, actName(l.Config.Nets[0].MLP.Activation)), nil
	case checkLeader:
		if l.Harness == nil {
			return waitingLeaderAnswer(), nil
		}
		return leaderAnswer(l.Harness.Summaries(), len(l.Harness.ValY), actName(l.Config.Nets[0].MLP.Activation)), nil
	}
	return lessons.Answer{}, fmt.Errorf("lessons: placement: no check %q", id)
}

// bnParamsAnswer: γ and β, one of each per unit of every BN layer.
func bnParamsAnswer(c bnCount, act string) lessons.Answer {
	perLayer := 0
	if c.Layers > 0 {
		perLayer = c.Trained / c.Layers
	}
	return lessons.Answer{Value: float64(c.Trained), Tol: 0.5, Shown: fmt.Sprint(c.Trained),
		Why: fmt.Sprintf("Each BN layer learns one γ and one β per unit: 2 × %d = %d per hidden layer, and there are %d of them: %d. "+
			"BN after %s adds exactly as many, since it sits on the same %d units. "+
			"Each BN layer also keeps running_mean and running_var, %d more numbers in all, which are buffers: averaged during training, never trained. "+
			"And with BN right after the Linear layer, the Linear layers' %d biases do nothing (BN subtracts the batch mean, and the bias with it); β takes their place.",
			c.Width, perLayer, c.Layers, c.Trained, act, c.Width, c.Buffers, c.RedundantBias)}
}

// waitingLeaderAnswer is the leader check's answer before the data has
// arrived: nothing is measured, so no network leads.
func waitingLeaderAnswer() lessons.Answer {
	return lessons.Answer{Choice: "level",
		Why: "Nothing has been measured yet: the networks start once the MNIST images have loaded. Then press Play, pause, and ask again."}
}

// leaderAnswer compares the networks' validation accuracies at the latest
// validation step that every network still training has reached; a
// network that diverged is out. The top two within levelPoints are level.
func leaderAnswer(sum []train.NetSummary, nVal int, act string) lessons.Answer {
	latest := 0
	for _, s := range sum {
		if !s.Diverged && s.ValStep > latest {
			latest = s.ValStep
		}
	}
	var in []train.NetSummary
	var out []string
	for _, s := range sum {
		if s.Diverged || s.ValStep != latest {
			out = append(out, short(s.Name, act))
			continue
		}
		in = append(in, s)
	}
	sort.SliceStable(in, func(i, j int) bool { return in[i].ValAcc > in[j].ValAcc })
	a := lessons.Answer{Choice: "level", Wrong: map[string]string{}}
	for _, s := range sum {
		if s.Diverged {
			a.Wrong[s.Name] = html.EscapeString(upperFirst(short(s.Name, act))) + " diverged: it has stopped training."
		}
	}
	if len(in) == 0 {
		a.Why = "Every network has diverged, so none of them leads."
		return a
	}
	var parts []string
	for _, s := range in {
		parts = append(parts, short(s.Name, act)+" "+numfmt.Pct(s.ValAcc))
	}
	why := fmt.Sprintf("At step %d, on %d validation images in eval mode: %s.", latest, nVal, strings.Join(parts, ", "))
	if len(out) > 0 {
		why += " " + upperFirst(strings.Join(out, " and ")) + " diverged and stopped."
	}
	if len(in) == 1 {
		a.Choice = in[0].Name
		a.Why = why + " It is the only network still training."
		return a
	}
	gap := 100 * (in[0].ValAcc - in[1].ValAcc)
	switch {
	case latest == 0 && in[0].ValAcc == in[len(in)-1].ValAcc:
		why += " Nothing has trained yet, and all three score exactly the same: they start from the same weights, and in eval mode BN normalises with " +
			"running_mean = 0 and running_var = 1, which only divides by √(1 + ε). The three networks compute the same function until the first step."
	case gap <= levelPoints+1e-9:
		why += fmt.Sprintf(" The top two are %s apart. On %d images one image is %s, and gaps this small often change hands from one validation to the next.",
			points(gap), nVal, points(100/float64(max(nVal, 1))))
	default:
		a.Choice = in[0].Name
		why += fmt.Sprintf(" %s leads %s by %s.", upperFirst(short(in[0].Name, act)), short(in[1].Name, act), points(gap))
	}
	a.Why = why
	for _, s := range in[1:] {
		d := 100 * (in[0].ValAcc - s.ValAcc)
		if a.Choice == "level" && d <= levelPoints+1e-9 {
			a.Wrong[s.Name] = fmt.Sprintf("%s is within %s of the top, too close to call.", html.EscapeString(upperFirst(short(s.Name, act))), points(levelPoints))
		} else {
			a.Wrong[s.Name] = fmt.Sprintf("%s is %s behind the top.", html.EscapeString(upperFirst(short(s.Name, act))), points(d))
		}
	}
	switch {
	case a.Choice == "level" && gap < 1e-9:
		a.Wrong[in[0].Name] = fmt.Sprintf("%s scores the same as %s.", html.EscapeString(upperFirst(short(in[0].Name, act))), html.EscapeString(short(in[1].Name, act)))
	case a.Choice == "level":
		a.Wrong[in[0].Name] = fmt.Sprintf("%s is ahead, but only by %s: too close to call.", html.EscapeString(upperFirst(short(in[0].Name, act))), points(gap))
	default:
		a.Wrong["level"] = fmt.Sprintf("The gap is %s, more than %s.", points(gap), points(levelPoints))
	}
	return a
}

// points writes a gap in percentage points, rounded to two decimals (a
// gap on 500 images is a multiple of 0.2): "1 point", "0.4 points".
func points(f float64) string {
	f = math.Round(f*100) / 100
	if f == 1 {
		return "1 point"
	}
	return numfmt.Plain(f) + " points"
}

// upperFirst capitalises the first letter of s, which starts a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
