package cnn

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/train"
)

// cnnFrom configures the cnn lesson from a hash, failing on any notice.
func cnnFrom(t testing.TB, hash string) (*Lesson, *View) {
	t.Helper()
	l := lessontest.OpenAs[*Lesson](t, New(), hash)
	return l, l.View()
}

// TestCNNChannelStats: the engine's batch mean and biased variance of the
// highlighted channel equal an independent float64 computation over the
// N × H × W values of the maps, and the maps of features.0 are the
// convolution of the input images with the model's weights.
func TestCNNChannelStats(t *testing.T) {
	for _, hash := range []string{
		"#lesson=cnn",
		"#lesson=cnn&batch=3&channel=31&digit=7",
		"#lesson=cnn&layer=features.4&batch=5&channel=63&sample=4",
		"#lesson=cnn&layer=features.4&batch=2&channel=10&seed=3",
	} {
		l, v := cnnFrom(t, hash)
		if got := len(v.ConvMaps) * v.H * v.W; got != v.Reduction.Count || v.Reduction.Count != v.Batch*v.H*v.W {
			t.Fatalf("%s: reduction set %d values, maps hold %d", hash, v.Reduction.Count, got)
		}
		sum, n := 0.0, 0
		for _, m := range v.ConvMaps {
			for _, f := range m.Values {
				sum += f
				n++
			}
		}
		mu := sum / float64(n)
		ss := 0.0
		for _, m := range v.ConvMaps {
			for _, f := range m.Values {
				ss += (f - mu) * (f - mu)
			}
		}
		vr := ss / float64(n)
		if !lessontest.Close(v.Stats.Mean, mu, 1e-6) || !lessontest.Close(v.Stats.Var, vr, 1e-6) || !v.Stats.Agree {
			t.Errorf("%s: engine μ=%v σ²=%v, independent %v %v", hash, v.Stats.Mean, v.Stats.Var, mu, vr)
		}
		row := v.AllChannels[v.Channel]
		if row.Mean != v.Stats.Mean || row.Var != v.Stats.Var || row.Gamma != v.Stats.Gamma {
			t.Errorf("%s: channel row %+v disagrees with %+v", hash, row, v.Stats)
		}
		wantOutVar := v.Stats.Gamma * v.Stats.Gamma * vr / (vr + v.Stats.Eps)
		if !lessontest.Close(v.Stats.OutMean, v.Stats.Beta, 1e-5) || !lessontest.Close(v.Stats.OutVar, wantOutVar, 1e-4) {
			t.Errorf("%s: BN output mean %v var %v, want β=%v and %v", hash, v.Stats.OutMean, v.Stats.OutVar, v.Stats.Beta, wantOutVar)
		}
		if v.Conv == "features.0" {
			checkConv0(t, l, v)
		}
	}
}

// checkConv0 recomputes a few outputs of features.0 from the input images.
func checkConv0(t *testing.T, l *Lesson, v *View) {
	t.Helper()
	model, _, err := l.model.get(train.SyntheticDigits(), v.Seed, v.Steps)
	if err != nil {
		t.Fatal(err)
	}
	conv := model.Child("features").(*engine.Sequential).Layer(0).(*engine.Conv2d)
	ch := v.Channel
	for _, pos := range [][3]int{{0, 0, 0}, {v.Batch - 1, 13, 14}, {0, 27, 5}} {
		n, i, j := pos[0], pos[1], pos[2]
		want := float64(conv.Bias.Value.Data[ch])
		for u := range 3 {
			for w := range 3 {
				y, x := i-1+u, j-1+w
				if y < 0 || y >= 28 || x < 0 || x >= 28 {
					continue
				}
				want += float64(conv.Weight.Value.Data[ch*9+u*3+w]) * v.Inputs[n].Values[y*28+x]
			}
		}
		if got := v.ConvMaps[n].Values[i*28+j]; !lessontest.Close(got, want, 1e-5) {
			t.Errorf("conv output sample %d (%d, %d) channel %d = %v, want %v", n, i, j, ch, got, want)
		}
	}
}

// TestCNNFold: the folded conv equals conv → BN in eval mode within the
// float32 tolerance, untrained and after training (non-trivial running
// statistics); a deliberately wrong fold would exceed it.
func TestCNNFold(t *testing.T) {
	for _, hash := range []string{
		"#lesson=cnn",
		"#lesson=cnn&layer=features.4&channel=5",
		"#lesson=cnn&steps=3&batch=4",
		"#lesson=cnn&steps=3&layer=features.4&batch=4&channel=40",
	} {
		_, v := cnnFrom(t, hash)
		f := v.Fold
		if !f.Same || f.MaxAbsDiff > f.Tolerance || f.Tolerance > 1e-4*math.Max(1, f.MaxAbsOut) {
			t.Errorf("%s: fold max diff %v, tolerance %v (largest output %v)", hash, f.MaxAbsDiff, f.Tolerance, f.MaxAbsOut)
		}
		wantScale := v.Stats.Gamma / math.Sqrt(f.RunningVar+v.Stats.Eps)
		wantBias := (f.Bias-f.RunningMean)*wantScale + v.Stats.Beta
		if !lessontest.Close(f.Scale, wantScale, 1e-9) || !lessontest.Close(f.FoldedBias, wantBias, 1e-6) {
			t.Errorf("%s: s=%v b'=%v, want %v %v", hash, f.Scale, f.FoldedBias, wantScale, wantBias)
		}
		for k := range f.Weights {
			if !lessontest.Close(f.Folded[k], f.Weights[k]*wantScale, 1e-6) {
				t.Errorf("%s: folded weight %d = %v, want %v", hash, k, f.Folded[k], f.Weights[k]*wantScale)
			}
		}
		if v.Steps > 0 && f.RunningMean == 0 {
			t.Errorf("%s: running mean still 0 after training", hash)
		}
		if v.Bias.MaxDiff > 1e-5*math.Max(1, math.Abs(v.Bias.Bias)) {
			t.Errorf("%s: removing the conv bias changed the BN output by %v", hash, v.Bias.MaxDiff)
		}
	}
}

// TestCNNPrintAndCount: the view's print and count are the engine's for
// the syllabus model: 1,693,130 parameters.
func TestCNNPrintAndCount(t *testing.T) {
	_, v := cnnFrom(t, "#lesson=cnn")
	m, err := engine.NewSyllabusConvNet(rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if v.ParamCount != 1693130 || v.ParamCountText != "1,693,130" || v.TorchPrint != engine.TorchPrint(m) {
		t.Errorf("count %d %q, print matches engine: %v", v.ParamCount, v.ParamCountText, v.TorchPrint == engine.TorchPrint(m))
	}
	for _, want := range []string{"ConvNetWithBNDropout(", "(0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))",
		"(5): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)"} {
		if !strings.Contains(v.TorchPrint, want) {
			t.Errorf("print lacks %q", want)
		}
	}
}

// TestCNNClampsAndDigits: channel and sample beyond the layer and batch
// are clamped with notices (and State carries the values used); a digit
// filter gives images of that digit only.
func TestCNNClampsAndDigits(t *testing.T) {
	for _, tc := range []struct {
		hash            string
		channel, sample int
		notices         int
	}{
		{"#lesson=cnn&channel=50&sample=3&batch=4", 31, 3, 1},
		{"#lesson=cnn&channel=50&sample=9&batch=4&layer=features.4", 50, 3, 1},
		{"#lesson=cnn&channel=63&sample=31&batch=2", 31, 1, 2},
	} {
		l, v := cnnFrom(t, tc.hash)
		if v.Channel != tc.channel || v.Sample != tc.sample || len(v.Notices) != tc.notices {
			t.Errorf("%s: channel %d sample %d notices %v, want %d %d and %d notices", tc.hash, v.Channel, v.Sample, v.Notices, tc.channel, tc.sample, tc.notices)
		}
		st := l.State()
		if st.Values[keyChannel] != itoa(tc.channel) || st.Values[keySample] != itoa(tc.sample) {
			t.Errorf("%s: state %v", tc.hash, st.Values)
		}
	}
	_, v := cnnFrom(t, "#lesson=cnn&digit=3&batch=12")
	for _, lab := range v.Labels {
		if lab != 3 {
			t.Fatalf("digit=3 batch has labels %v", v.Labels)
		}
	}
	l, _ := cnnFrom(t, "#lesson=cnn")
	before := l.View()
	if err := l.Configure(lessons.Values{keyBatch: "99"}, 1); err == nil || !strings.Contains(err.Error(), "batch=99") {
		t.Errorf("batch=99: err = %v", err)
	}
	if l.View() != before {
		t.Error("a refused Configure changed the view")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestCNNActionsRoundTrip: training steps continue the cached model exactly
// as a fresh run of the same number of steps, and the URL state after the
// actions restores the same view.
func TestCNNActionsRoundTrip(t *testing.T) {
	l, _ := cnnFrom(t, "#lesson=cnn&batch=4&seed=5")
	if err := l.Step(); err != nil {
		t.Fatal(err)
	}
	if err := l.Do(ActNewBatch); err != nil {
		t.Fatal(err)
	}
	if err := l.Step(); err != nil {
		t.Fatal(err)
	}
	st := l.State()
	if st.Values[keySteps] != "2" || st.Values[keyPick] != "1" || st.Seed != 5 {
		t.Fatalf("state after actions: %+v", st)
	}
	_, v2 := cnnFrom(t, "#"+lessontest.EncodeHash(New(), st))
	a, _ := json.Marshal(l.View())
	b, _ := json.Marshal(v2)
	if string(a) != string(b) {
		t.Errorf("view restored from %q differs", lessontest.EncodeHash(New(), st))
	}
	if len(v2.Losses) != 2 || !(v2.Losses[0] > 0) {
		t.Errorf("losses %v", v2.Losses)
	}
	if err := l.Do("explode"); err == nil || !strings.Contains(err.Error(), "explode") {
		t.Errorf("unknown action: err = %v", err)
	}
}

// TestCNNSetData refuses data the model cannot take and keeps its state.
func TestCNNSetData(t *testing.T) {
	l, _ := cnnFrom(t, "#lesson=cnn")
	ds, err := train.SyntheticDataset(40, 40, 0.3, 9)
	if err != nil {
		t.Fatal(err)
	}
	ds.Classes = 3
	if err := l.SetData(ds); err == nil || !strings.Contains(err.Error(), "10 classes") {
		t.Errorf("3 classes: err = %v", err)
	}
	ds.Classes = 10
	if err := l.SetData(ds); err != nil {
		t.Fatal(err)
	}
	if v := l.View(); v.Batch != 8 {
		t.Errorf("after SetData: batch %d", v.Batch)
	}
	var _ train.NeedsData = l
}

// BenchmarkCNNConfigure is a control move on a kept model (the channel).
func BenchmarkCNNConfigure(b *testing.B) {
	l, _ := cnnFrom(b, "#lesson=cnn&batch=16")
	v := l.State().Values
	chs := []string{"3", "4"}
	i := 0
	for b.Loop() {
		v[keyChannel] = chs[i%2]
		i++
		if err := l.Configure(v, lessons.DefaultSeed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCNNConfigureNewBatch is a move that picks other images: the
// train-mode pass and the fold run again on the kept model.
func BenchmarkCNNConfigureNewBatch(b *testing.B) {
	l, _ := cnnFrom(b, "#lesson=cnn&batch=16")
	v := l.State().Values
	pick := 0
	for b.Loop() {
		pick++
		v[keyPick] = itoa(pick % 1000)
		if err := l.Configure(v, lessons.DefaultSeed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCNNStep is one training step and the view that follows.
func BenchmarkCNNStep(b *testing.B) {
	l, _ := cnnFrom(b, "#lesson=cnn&batch=16")
	for b.Loop() {
		if l.p.steps >= maxSteps {
			b.StopTimer()
			v := l.State().Values
			v[keySteps] = "0"
			if err := l.Configure(v, lessons.DefaultSeed); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLookingKeepsRunningStats is the notes' claim: the train-mode pass
// that shows a batch does not change the running statistics (the lab puts
// them back), so looking at other samples, channels or batches leaves the
// fold's running_mean and running_var as training left them.
func TestLookingKeepsRunningStats(t *testing.T) {
	base := lessontest.OpenAs[*Lesson](t, New(), "#lesson=cnn&steps=3").View().Fold
	for _, hash := range []string{"#lesson=cnn&steps=3&sample=5", "#lesson=cnn&steps=3&pick=2", "#lesson=cnn&steps=3&batch=16"} {
		f := lessontest.OpenAs[*Lesson](t, New(), hash).View().Fold
		if f.RunningMean != base.RunningMean || f.RunningVar != base.RunningVar {
			t.Errorf("%s: running mean %v var %v, want %v and %v as after training alone", hash, f.RunningMean, f.RunningVar, base.RunningMean, base.RunningVar)
		}
	}
}
