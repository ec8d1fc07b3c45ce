package dropout

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// dropoutFrom builds the dropout lesson from a hash, failing on notices.
func dropoutFrom(t testing.TB, hash string) *Lesson {
	t.Helper()
	l := lessontest.OpenAs[*Lesson](t, New(), hash)
	return l
}

// TestDropoutDropShare: over many steps the dropped share of each layer is
// within a 5-sigma binomial bound of p, p = 0 keeps everything and p = 0.9
// trains without error.
func TestDropoutDropShare(t *testing.T) {
	for _, tc := range []struct {
		name, p string
	}{{"zero", "0"}, {"low", "0.1"}, {"half", "0.5"}, {"high", "0.9"}} {
		t.Run(tc.name, func(t *testing.T) {
			l := dropoutFrom(t, "#lesson=dropout&batch=32&width=16&p1="+tc.p+"&p2="+tc.p+"&speed=50")
			for range 4 {
				if err := l.Step(); err != nil {
					t.Fatal(err)
				}
			}
			v := l.View()
			if v.Step != 200 {
				t.Fatalf("step %d, want 200", v.Step)
			}
			for _, lv := range v.Layers[1:3] {
				e := lv.Expect
				if e.Units != 200*32*16 {
					t.Fatalf("%s: %d unit-samples, want %d", lv.Name, e.Units, 200*32*16)
				}
				n, p := float64(e.Units), lv.P
				dropped := n - float64(e.Kept)
				bound := 5 * math.Sqrt(n*p*(1-p))
				if math.Abs(dropped-p*n) > bound {
					t.Errorf("%s: dropped %v of %v, want %v ± %v", lv.Name, dropped, n, p*n, bound)
				}
				if p == 0 && (e.Kept != e.Units || lv.Dropped != 0) {
					t.Errorf("%s: p=0 dropped %d units", lv.Name, e.Units-e.Kept)
				}
				if math.Abs(e.Z) > 5 {
					t.Errorf("%s: z = %v", lv.Name, e.Z)
				}
			}
			if math.IsNaN(v.Loss) || math.IsNaN(v.Accuracy) {
				t.Errorf("loss %v accuracy %v", v.Loss, v.Accuracy)
			}
		})
	}
}

// TestDropoutEvalDropsNothing: in eval mode every dropout layer passes its
// input through unchanged, and its last train-mode mask is left alone.
func TestDropoutEvalDropsNothing(t *testing.T) {
	l := dropoutFrom(t, "#lesson=dropout&p1=0.9&p2=0.5&batch=8")
	if err := l.Do(train.ActStepOne); err != nil {
		t.Fatal(err)
	}
	before := l.drops[0].Mask().Clone()
	if _, _, err := engine.Evaluate(l.Model, l.Toy.X, l.Toy.Y, 400); err != nil {
		t.Fatal(err)
	}
	for _, at := range l.dropAt {
		pr := engine.Probes(l.Model)[at]
		if !reflect.DeepEqual(pr.Input.Data, pr.Output.Data) || pr.Input.Shape[0] != 400 {
			t.Errorf("dropout %d changed its input in eval mode", at)
		}
	}
	if !reflect.DeepEqual(before.Data, l.drops[0].Mask().Data) {
		t.Error("an eval pass changed the mask")
	}
}

// TestDropoutMCConverges: with dropout only before the output layer the
// logits are linear in the mask, so the MC average converges to the eval
// output; the gap stays within 5 standard errors, which shrink as 1/√k.
func TestDropoutMCConverges(t *testing.T) {
	l := dropoutFrom(t, "#lesson=dropout&p1=0&p2=0.5&speed=50")
	if err := l.Step(); err != nil {
		t.Fatal(err)
	}
	mc := l.View().MC
	if len(mc.K) != mcPasses || mc.Step != 50 {
		t.Fatalf("%d passes at step %d", len(mc.K), mc.Step)
	}
	for _, k := range []int{1, 4, 16, 64, 256} {
		gap, se := mc.LogitGap[k-1], mc.StdErr[k-1]
		if gap > 5*se+1e-5 {
			t.Errorf("k=%d: gap %v > 5·stderr %v", k, gap, 5*se)
		}
	}
	if r := mc.StdErr[255] / mc.StdErr[0]; math.Abs(r-1.0/16) > 1e-9 {
		t.Errorf("stderr(256)/stderr(1) = %v, want 1/16", r)
	}
	if mc.StdErr[0] == 0 {
		t.Error("the masked passes do not vary")
	}
}

// TestDropoutModes: the right modes are flagged right and their eval-mode
// mean matches the training mean; the wrong mixes are flagged wrong and off
// by (1 − p) or 1/(1 − p).
func TestDropoutModes(t *testing.T) {
	for _, tc := range []struct {
		mode   string
		right  bool
		factor float64 // at p = 0.5
	}{
		{ModeInverted, true, 1}, {ModeClassic, true, 1},
		{ModeInvertedScaled, false, 0.5}, {ModeClassicNoScale, false, 2},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			l := dropoutFrom(t, "#lesson=dropout&batch=64&speed=50&mode="+tc.mode)
			for range 3 {
				if err := l.Step(); err != nil {
					t.Fatal(err)
				}
			}
			v := l.View()
			if v.Correct != tc.right || strings.HasPrefix(v.Verdict, "Wrong") == tc.right {
				t.Errorf("correct=%v verdict %q", v.Correct, v.Verdict)
			}
			for _, lv := range v.Layers[1:3] {
				e := lv.Expect
				if math.Abs(e.Factor-tc.factor) > 1e-12 {
					t.Errorf("%s: factor %v, want %v", lv.Name, e.Factor, tc.factor)
				}
				if math.Abs(e.Ratio/tc.factor-1) > 0.05 {
					t.Errorf("%s: eval/train mean %v, want %v within 5%%", lv.Name, e.Ratio, tc.factor)
				}
			}
		})
	}
}

// TestDropoutEnsembleCount: 2^n sub-networks, exact or as a power.
func TestDropoutEnsembleCount(t *testing.T) {
	for _, tc := range []struct{ hash, want string }{
		{"#lesson=dropout", "65536"},
		{"#lesson=dropout&width=32", "2^64 ≈ 1.84×10^19"},
		{"#lesson=dropout&p1=0", "256"},
	} {
		l := dropoutFrom(t, tc.hash)
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
		e := l.View().Ensemble
		if e.SubNetworks != tc.want || e.Distinct < 1 || int64(e.Distinct) > e.MasksDrawn {
			t.Errorf("%s: %+v, want %s", tc.hash, e, tc.want)
		}
	}
}

// TestDropoutDeterministic: the same values and seed give the same views,
// however often the view is built in between.
func TestDropoutDeterministic(t *testing.T) {
	run := func(views int) string {
		l := dropoutFrom(t, "#lesson=dropout&speed=7&seed=3")
		for range 3 {
			for range views {
				l.cache = nil
				l.View()
			}
			if err := l.Step(); err != nil {
				t.Fatal(err)
			}
		}
		b, err := json.Marshal(l.View())
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b := run(0), run(2); a != b {
		t.Error("viewing changed the training, or one seed gave two results")
	}
}

// TestDropoutPreset: a preset keeps p inside its range.
func TestDropoutPreset(t *testing.T) {
	l := dropoutFrom(t, "#lesson=dropout&preset=conv&p1=0.9&p2=0")
	v := l.View()
	if v.Layers[1].P != 0.25 || v.Layers[2].P != 0.1 || v.Range != "0.1–0.25" {
		t.Errorf("p = %v, %v; range %s", v.Layers[1].P, v.Layers[2].P, v.Range)
	}
}

func BenchmarkDropoutStep(b *testing.B) {
	l := dropoutFrom(b, "#lesson=dropout")
	for b.Loop() {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDropoutView(b *testing.B) {
	l := dropoutFrom(b, "#lesson=dropout")
	for b.Loop() {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
		l.View()
	}
}
