package histograms

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
)

// TestSlopeBound: the slopes alone take (depth − 1)·log₁₀(1/s) powers of
// ten off, s = 1/4 for sigmoid and 1 for tanh and ReLU; no data needed,
// and the nearest whole number of powers counts as right.
func TestSlopeBound(t *testing.T) {
	for _, c := range []struct {
		hash string
		want float64
	}{
		{"#lesson=histograms", 9 * math.Log10(4)},
		{"#lesson=histograms&depth=3", 2 * math.Log10(4)},
		{"#lesson=histograms&depth=20", 19 * math.Log10(4)},
		{"#lesson=histograms&act=relu", 0},
		{"#lesson=histograms&act=tanh&depth=5", 0},
	} {
		l := lessontest.Open(t, New(), c.hash, nil)
		a, err := l.(lessons.Checker).Answer(checkSlopeBound)
		if err != nil {
			t.Fatalf("%s: %v", c.hash, err)
		}
		if math.Abs(a.Value-c.want) > 1e-12 || !strings.Contains(a.Why, "at most") {
			t.Errorf("%s: %v (%s), want %v", c.hash, a.Value, a.Why, c.want)
		}
		rounded := strconv.FormatFloat(math.Round(c.want), 'f', 0, 64)
		if v, err := pages.Judge(checks[0], a, rounded); err != nil || !v.Right {
			t.Errorf("%s: the rounded answer %s is judged right=%v, %v", c.hash, rounded, v.Right, err)
		}
		if v, _ := pages.Judge(checks[0], a, strconv.FormatFloat(c.want+1, 'f', 1, 64)); v.Right {
			t.Errorf("%s: a power of ten too many is judged right", c.hash)
		}
	}
}

// TestGradWinner: the answer follows the measured first-layer gradient
// norms (a factor of 10 either way, else "same"), and waiting for data or
// an unknown id is an error, not an answer.
func TestGradWinner(t *testing.T) {
	l := lessontest.Open(t, New(), "#lesson=histograms", nil)
	if _, err := l.(lessons.Checker).Answer(checkGradWinner); err == nil {
		t.Error("an answer before the data has loaded")
	}
	if _, err := l.(lessons.Checker).Answer("histograms-check-nope"); err == nil {
		t.Error("an answer to an unknown check")
	}
	ds := lessontest.Synthetic(t)
	for _, hash := range []string{"#lesson=histograms", "#lesson=histograms&wscale=1&depth=3", "#lesson=histograms&act=relu&depth=3"} {
		l := lessontest.Open(t, New(), hash, ds)
		for i := 0; i < 5; i++ {
			if err := l.Step(); err != nil {
				t.Fatal(err)
			}
		}
		a, err := l.(lessons.Checker).Answer(checkGradWinner)
		if err != nil {
			t.Fatalf("%s: %v", hash, err)
		}
		v := l.(*Lesson).View()
		r := v.Summary[1].GradFirst / v.Summary[0].GradFirst
		want := "same"
		if r >= 10 {
			want = "second"
		} else if r <= 0.1 {
			want = "plain"
		}
		if a.Choice != want || !strings.Contains(a.Why, sci(v.Summary[0].GradFirst)) {
			t.Errorf("%s: ratio %v, answer %q (%s), want %q", hash, r, a.Choice, a.Why, want)
		}
		t.Logf("%s: ratio %.3g → %s", hash, r, a.Choice)
	}
}

// TestGradWinnerDiverged: once a network has diverged the check says so
// instead of comparing infinities.
func TestGradWinnerDiverged(t *testing.T) {
	l := lessontest.Open(t, New(), "#lesson=histograms&act=relu&lr=2&wscale=3&depth=20", lessontest.Synthetic(t))
	for i := 0; i < 30; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if !l.(*Lesson).View().Summary[0].Diverged {
		t.Fatal("the plain network did not diverge in 30 steps at lr 2, σ = 3, 20 ReLU layers")
	}
	if _, err := l.(lessons.Checker).Answer(checkGradWinner); err == nil || !strings.Contains(err.Error(), "diverged") {
		t.Errorf("diverged network: error %v", err)
	}
	fr, err := l.Frame()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fr.Text, "diverged at step") || !strings.Contains(fr.Text, "try BN") {
		t.Errorf("the text alternative does not say in words that the plain network diverged: %s", fr.Text)
	}
}

// taskSteps is how long the guided tasks' tests train: the prose says
// "within 200 steps".
const taskSteps = 200

// TestTasks asserts each guided task's observation on 2,000 MNIST images.
func TestTasks(t *testing.T) {
	ds := lessontest.MNIST(t, 2000, 500)
	run := func(t *testing.T, hash string) *View { return runHistograms(t, hash, ds, taskSteps) }
	lessontest.Tasks(t, Prose, map[string]func(*testing.T, string){
		"#lesson=histograms&wscale=1": func(t *testing.T, hash string) {
			v := run(t, hash)
			p, b := v.Train.Nets[0].UnitBand, v.Train.Nets[1].UnitBand
			last := len(p.P50) - 1
			satLo, _ := satRange("sigmoid", 5)
			if !(p.P15[last] < satLo) || !(p.P50[last] < p.P50[0]-2) {
				t.Errorf("plain band did not slide into the flat zone: p50 %.2f → %.2f, p15 %.2f (flat below %.2f)", p.P50[0], p.P50[last], p.P15[last], satLo)
			}
			if !(v.Summary[0].Saturated > 0.5) || !(v.Summary[1].Saturated < 0.01) {
				t.Errorf("saturated: plain %.3f (want most), BN %.3f (want almost none)", v.Summary[0].Saturated, v.Summary[1].Saturated)
			}
			if !(math.Abs(b.P50[last]) < 0.5) {
				t.Errorf("BN band not centred on 0: p50 %.2f", b.P50[last])
			}
		},
		"#lesson=histograms&act=relu&lr=2": func(t *testing.T, hash string) {
			v := run(t, hash)
			if p, b := v.Summary[0], v.Summary[1]; !p.Diverged || b.Diverged || !(b.ValAcc > 0.5) {
				t.Errorf("plain diverged %v; BN diverged %v with val. acc. %.3f", p.Diverged, b.Diverged, b.ValAcc)
			}
		},
		"#lesson=histograms&bnnet=noisy": func(t *testing.T, hash string) {
			v, d := run(t, hash), run(t, "#lesson=histograms")
			noisy, bn, plain := v.Summary[1], d.Summary[1], v.Summary[0]
			if !(noisy.MedianMove > 3*bn.MedianMove) {
				t.Errorf("median move per step: noisy %.3f, plain BN %.3f: want several times as far", noisy.MedianMove, bn.MedianMove)
			}
			if !(noisy.ValAcc > 0.5) || !(plain.ValAcc < 0.2) {
				t.Errorf("val. acc. noisy %.3f (want far above chance), plain %.3f (want at chance)", noisy.ValAcc, plain.ValAcc)
			}
			t.Logf("median move per step: noisy %.3f, plain BN %.3f; val. acc. noisy %.3f, plain %.3f", noisy.MedianMove, bn.MedianMove, noisy.ValAcc, plain.ValAcc)
		},
	})
}

// TestProseFilled: the noise's ranges in the prose come from histNoise,
// and no placeholder is left.
func TestProseFilled(t *testing.T) {
	if strings.Contains(Prose, "{{") || !strings.Contains(Prose, "between "+strconv.FormatFloat(histNoise.ScaleLo, 'g', -1, 64)+" and") {
		t.Errorf("the prose's noise ranges are not filled from histNoise")
	}
}
