package histograms

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// TestHistogramsBNNetURL: the second-network choice defaults to plain BN,
// survives the URL round trip, and a bad value falls back to "bn" with a
// notice.
func TestHistogramsBNNetURL(t *testing.T) {
	cases := []struct {
		hash, want, notice string
	}{
		{"#lesson=histograms", "bn", ""},
		{"#lesson=histograms&bnnet=bn", "bn", ""},
		{"#lesson=histograms&bnnet=noisy&depth=4&layer=2", "noisy", ""},
		{"#lesson=histograms&bnnet=wild", "bn", "not one of the choices"},
	}
	for _, c := range cases {
		st, notes := lessontest.ParseHash(New(), c.hash)
		if st.Values[keyBNNet] != c.want {
			t.Errorf("%s: bnnet=%q, want %q", c.hash, st.Values[keyBNNet], c.want)
		}
		if c.notice == "" && len(notes) > 0 || c.notice != "" && (len(notes) != 1 || !strings.Contains(notes[0].Text, c.notice)) {
			t.Errorf("%s: notices %v, want %q", c.hash, notes, c.notice)
		}
		enc := lessontest.EncodeHash(New(), st)
		if !strings.Contains(enc, "&bnnet="+c.want+"&") {
			t.Errorf("%s encodes to %s, without bnnet=%s", c.hash, enc, c.want)
		}
		again, notes := lessontest.ParseHash(New(), enc)
		if len(notes) > 0 || lessontest.EncodeHash(New(), again) != enc {
			t.Errorf("%s: round trip gives %s, notices %v", enc, lessontest.EncodeHash(New(), again), notes)
		}
		if c.notice != "" {
			continue
		}
		l := lessontest.Open(t, New(), c.hash, nil)
		if got := lessontest.EncodeHash(New(), l.(lessons.Stateful).State()); got != enc {
			t.Errorf("%s: State() encodes to %s, want %s", c.hash, got, enc)
		}
		v := l.(*Lesson).View()
		wantName := map[string]string{"bn": "with BN", "noisy": "BN + noise"}[c.want]
		if v.BNNet != c.want || v.BNName != wantName || v.Noise.On() != (c.want == "noisy") {
			t.Errorf("%s: view bnnet %q name %q noise %+v", c.hash, v.BNNet, v.BNName, v.Noise)
		}
	}
}

// runHistograms trains the lesson given by hash for steps steps on ds.
func runHistograms(t *testing.T, hash string, ds *train.Dataset, steps int) *View {
	t.Helper()
	l := lessontest.Open(t, New(), hash, ds)
	for i := 0; i < steps; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return l.(*Lesson).View()
}

// meanOf is the mean of vs[lo:hi].
func meanOf(vs []float64, lo, hi int) float64 {
	s := 0.0
	for _, v := range vs[lo:hi] {
		s += v
	}
	return s / float64(hi-lo)
}

// wander is the mean step-to-step change of a percentile band's median.
func wander(b train.Band) float64 {
	s := 0.0
	for i := 1; i < len(b.P50); i++ {
		s += math.Abs(b.P50[i] - b.P50[i-1])
	}
	return s / float64(len(b.P50)-1)
}

// TestHistogramsNoisyNet: with bnnet=noisy the second network has a
// ShiftNoise after each of its BN layers, is named "BN + noise", its
// activation inputs jump from step to step far more than plain BN's (same
// seed, same batches), and it still learns: its training loss falls.
func TestHistogramsNoisyNet(t *testing.T) {
	ds := lessontest.Synthetic(t)
	const steps = 60
	base := "#lesson=histograms&depth=4&batch=30&layer=3"
	cases := []struct {
		bnnet, name string
		noise       int
	}{
		{"bn", "bn", 0},
		{"noisy", "BN + noise", 4},
	}
	var wanders []float64
	for _, c := range cases {
		l := lessontest.Open(t, New(), base+"&bnnet="+c.bnnet, ds)
		h := l.(*Lesson).Harness
		k := 0
		norm, noise := h.Blocks(1)
		for i := range norm {
			if (noise[i] >= 0) != (c.noise > 0) || noise[i] >= 0 && noise[i] != norm[i]+1 {
				t.Errorf("%s: block %d: norm %d, noise %d", c.bnnet, i+1, norm[i], noise[i])
			}
			if noise[i] >= 0 {
				k++
			}
		}
		norm0, noise0 := h.Blocks(0)
		if k != c.noise || noise0[0] >= 0 {
			t.Errorf("%s: %d noise layers in the second net, want %d (first net: norm %d, noise %d)", c.bnnet, k, c.noise, norm0[0], noise0[0])
		}
		for i := 0; i < steps; i++ {
			if err := l.Step(); err != nil {
				t.Fatal(err)
			}
		}
		v := l.(*Lesson).View()
		n := v.Train.Nets[1]
		if n.Name != c.name || n.Diverged {
			t.Fatalf("%s: second net %q, diverged %v", c.bnnet, n.Name, n.Diverged)
		}
		loss := n.Loss.Values
		first, last := meanOf(loss, 0, 10), meanOf(loss, len(loss)-10, len(loss))
		t.Logf("%s: loss %.3f → %.3f, median wander %.3f", c.bnnet, first, last, wander(n.UnitBand))
		if !(last < 0.8*first) {
			t.Errorf("%s: training loss did not fall: first 10 steps %.3f, last 10 %.3f", c.bnnet, first, last)
		}
		wanders = append(wanders, wander(n.UnitBand))
	}
	if !(wanders[1] > 2*wanders[0]) {
		t.Errorf("the noisy net's activation input wanders %.3g per step, plain BN's %.3g: want clearly more", wanders[1], wanders[0])
	}
}

// TestHistogramsNoisyMeasure is the measurement behind the prose on
// Santurkar et al.'s experiment, run on demand:
//
//	BNLAB_MEASURE=1 [BNLAB_STEPS=500] [BNLAB_SEED=7] go test ./lessons/ -run TestHistogramsNoisyMeasure -v
//
// It trains the lesson at its defaults with bnnet=bn and bnnet=noisy (same
// seed: the same plain net, initial weights and batches) on 10,000 MNIST
// training images and logs per net the mean training loss over windows of
// 50 steps, the validation accuracy, and how much the chosen unit's median
// activation input moves from one step to the next.
func TestHistogramsNoisyMeasure(t *testing.T) {
	if os.Getenv("BNLAB_MEASURE") == "" {
		t.Skip("set BNLAB_MEASURE=1 to run the measurement")
	}
	steps, err := strconv.Atoi(os.Getenv("BNLAB_STEPS"))
	if err != nil {
		steps = 500
	}
	seed := os.Getenv("BNLAB_SEED")
	if seed == "" {
		seed = "7"
	}
	ds := lessontest.MNIST(t, 10000, 1000)
	for _, bnnet := range []string{"bn", "noisy"} {
		v := runHistograms(t, "#lesson=histograms&bnnet="+bnnet+"&seed="+seed, ds, steps)
		for k, n := range v.Train.Nets {
			if bnnet == "noisy" && k == 0 {
				continue // the same plain net as in the first run
			}
			var win []string
			for lo := 1; lo+50 <= len(n.Loss.Values); lo += 50 {
				win = append(win, strconv.FormatFloat(meanOf(n.Loss.Values, lo, lo+50), 'f', 3, 64))
			}
			t.Logf("%s: loss per 50 steps %v", n.Label, win)
			t.Logf("  val. acc. %v at %v; median step-to-step move of unit %d in layer %d: %.3f",
				n.ValAcc.Values, n.ValAcc.Steps, v.Unit+1, v.Layer, wander(n.UnitBand))
			if len(n.Layers) > 0 && n.Layers[0].Norm != nil {
				l := n.Layers[v.Layer-1]
				t.Logf("  layer %d at step %d: after BN(+noise) mean %.3f std %.3f", v.Layer, n.HistStep, l.Norm.Mean, l.Norm.Std)
			}
		}
	}
}

// TestHistogramsNoisyExtremes: the noisy network at the corners of the
// controls trains (or diverges, reported in the view) without an error,
// and its view encodes to JSON without NaN.
func TestHistogramsNoisyExtremes(t *testing.T) {
	ds := lessontest.Synthetic(t)
	for _, hash := range []string{
		"#lesson=histograms&bnnet=noisy&depth=20&act=relu&wscale=3&lr=2&batch=2",
		"#lesson=histograms&bnnet=noisy&depth=3&act=tanh&wscale=0.001&lr=0.001&batch=256&layer=1",
	} {
		v := runHistograms(t, hash, ds, 6)
		b, err := json.Marshal(v)
		if err != nil || v.Error != "" {
			t.Errorf("%s: view error %q, JSON error %v", hash, v.Error, err)
		}
		t.Logf("%s: %d bytes, second net diverged: %v", hash, len(b), v.Train.Nets[1].Diverged)
	}
}
