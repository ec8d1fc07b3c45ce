package code

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
)

// TestKerasMomentumCheck: 1 − PyTorch's momentum, and a Keras-style layer
// with that momentum (the engine's momentum weighting the new value is
// 1 − Keras's) follows PyTorch's running mean batch for batch.
func TestKerasMomentumCheck(t *testing.T) {
	l, v := codeFrom(t, "#lesson=code")
	a, err := l.Answer(checkKerasMomentum)
	if err != nil {
		t.Fatal(err)
	}
	if !lessontest.Close(a.Value, 0.9, 1e-12) || a.Shown != "0.9" || a.Tol > 0.01 {
		t.Errorf("answer %v (%q) ± %v, want 0.9", a.Value, a.Shown, a.Tol)
	}
	torch, err := engine.NewBatchNorm1d(1, engine.WithMomentum(torchMomentum))
	if err != nil {
		t.Fatal(err)
	}
	keras, err := engine.NewBatchNorm1d(1, engine.WithMomentum(1-a.Value))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		x, _ := engine.FromData([]float32{float32(i), float32(3 * i)}, 2, 1)
		for _, b := range []*engine.BatchNorm{torch, keras} {
			if _, err := b.Forward(x); err != nil {
				t.Fatal(err)
			}
		}
		if rt, rk := runningMean(torch), runningMean(keras); math.Abs(float64(rt-rk)) > 1e-6 {
			t.Errorf("batch %d: PyTorch %v, Keras with momentum %v: %v", i+1, rt, a.Value, rk)
		}
	}
	m := v.Momentum
	for _, s := range []string{"k = 1 − 0.1 = 0.9", "momentum=0.9", "epsilon=1e-5", "unbiased", "0.878", "0.182"} {
		if !strings.Contains(a.Why, s) {
			t.Errorf("why lacks %q (PyTorch %v, Keras %v after %d): %s", s, m.Torch[m.Batches-1], m.Keras[m.Batches-1], m.Batches, a.Why)
		}
	}
}

// TestEvalCallCheck: model.eval(); the demonstration's train-mode pass
// moves running_mean[0] by momentum × the batch mean of the first
// convolution's channel 0, computed here from an identical model, and the
// eval-mode pass leaves it.
func TestEvalCallCheck(t *testing.T) {
	l, v := codeFrom(t, "#lesson=code&topic=inference")
	a, err := l.Answer(checkEvalCall)
	if err != nil {
		t.Fatal(err)
	}
	d := v.EvalDemo
	if a.Choice != "eval" || d.Before != 0 || d.AfterTrain == 0 || d.AfterEval != d.AfterTrain {
		t.Fatalf("answer %q, demo %+v", a.Choice, d)
	}
	r := rand.New(rand.NewPCG(2, 0xE7A1))
	m, err := engine.NewSyllabusConvNet(r)
	if err != nil {
		t.Fatal(err)
	}
	xs := make([]float32, evalDemoBatch*28*28)
	for i := range xs {
		xs[i] = float32(r.NormFloat64())
	}
	x, _ := engine.FromData(xs, evalDemoBatch, 1, 28, 28)
	conv := m.Child("features").(*engine.Sequential).Layer(0)
	y, err := conv.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	hw := 28 * 28
	for n := range evalDemoBatch {
		for _, f := range y.Data[n*32*hw : n*32*hw+hw] {
			sum += float64(f)
		}
	}
	if want := torchMomentum * sum / float64(evalDemoBatch*hw); !lessontest.Close(d.AfterTrain, want, 1e-5) {
		t.Errorf("running_mean[0] after one train pass %v, want 0.1 × channel mean = %v", d.AfterTrain, want)
	}
	ch, _ := lessons.FindCheck(l.Checks(), checkEvalCall)
	for _, o := range ch.Options {
		verdict, err := pages.Judge(ch, a, o.Value)
		if err != nil || verdict.Right != (o.Value == "eval") || (o.Value != "eval" && a.Wrong[o.Value] == "") {
			t.Errorf("judging %q: %+v, %v (wrong %q)", o.Value, verdict, err, a.Wrong[o.Value])
		}
	}
}

// TestKerasBNCheck: 2 × 256 trainable parameters in the Keras model's
// last BN layer, against its summary row, and PyTorch's last BN layer's
// parameters and buffers in the Why.
func TestKerasBNCheck(t *testing.T) {
	l, v := codeFrom(t, "#lesson=code&framework=keras")
	a, err := l.Answer(checkKerasBN)
	if err != nil {
		t.Fatal(err)
	}
	last := v.KerasRows[0]
	for _, r := range v.KerasRows {
		if r.Class == "BatchNormalization" {
			last = r
		}
	}
	if a.Value != 512 || last.Params != 4*256 || last.NonTrainable != 2*256 {
		t.Errorf("answer %v; last BN row %+v", a.Value, last)
	}
	tb := v.TorchBN[len(v.TorchBN)-1]
	if tb.Name != "classifier.2" || tb.Params != 2*512 || tb.Buffers != 2*512+1 {
		t.Errorf("PyTorch's last BN %+v, want classifier.2 with 1024 parameters and 1025 buffer values", tb)
	}
	for _, s := range []string{"2 × 256 = 512", pages.Int(1024) + " parameters, 512 of them non-trainable", "(" + pages.Int(1024) + ")", pages.Int(1025) + " values"} {
		if !strings.Contains(a.Why, s) {
			t.Errorf("why lacks %q: %s", s, a.Why)
		}
	}
}

// TestCheckErrors: an unknown check and an unconfigured lesson.
func TestCheckErrors(t *testing.T) {
	if _, err := New().(*Lesson).Answer(checkKerasMomentum); err == nil {
		t.Error("an unconfigured lesson answered")
	}
	l, _ := codeFrom(t, "#lesson=code")
	if _, err := l.Answer("code-check-nope"); err == nil {
		t.Error("an unknown check answered")
	}
}

// TestProseConstants: every {{…}} slot is filled, and the literal count
// in the Keras paragraph is the engine's.
func TestProseConstants(t *testing.T) {
	if i := strings.Index(Prose, "{{"); i >= 0 {
		t.Errorf("an unfilled slot: %q", Prose[i:min(len(Prose), i+30)])
	}
	_, v := codeFrom(t, "#lesson=code")
	var ch []string
	sum := 0
	for _, r := range v.KerasRows {
		if r.Class == "BatchNormalization" {
			ch = append(ch, itoa(r.Params/4))
			sum += r.Params / 4
		}
	}
	if want := "2 × (" + strings.Join(ch, " + ") + ") = " + itoa(v.KerasNonTrainable); 2*sum != v.KerasNonTrainable || !strings.Contains(Prose, want) {
		t.Errorf("the prose lacks %q", want)
	}
	for _, s := range []string{"momentum = 0.1", "momentum = 0.99", "<mn>0.9</mn>", "<mn>0.01</mn>", "1 − 0.1 = 0.9", "1e-5 in PyTorch and 1e-3 in Keras", "after 20 batches"} {
		if !strings.Contains(Prose, s) {
			t.Errorf("the prose lacks %q", s)
		}
	}
}

// itoa formats n without separators.
func itoa(n int) string { return strings.ReplaceAll(pages.Int(n), ",", "") }

// TestTasks: what each guided task asks the student to see.
func TestTasks(t *testing.T) {
	lessontest.Tasks(t, Prose, map[string]func(t *testing.T, hash string){
		"#lesson=code&topic=mode&framework=pytorch": func(t *testing.T, hash string) {
			l, v := codeFrom(t, hash)
			if len(v.PyTorch.Marks) != 2 {
				t.Fatalf("%d PyTorch lines marked, want 2", len(v.PyTorch.Marks))
			}
			tr, ev := v.PyTorch.Lines[v.PyTorch.Marks[0].Line-1], v.PyTorch.Lines[v.PyTorch.Marks[1].Line-1]
			if !strings.Contains(tr, "model.train()") || !strings.Contains(ev, "model.eval()") || !strings.Contains(v.PyTorch.Lines[v.PyTorch.Marks[1].Line-2], "def predict") {
				t.Errorf("marked %q and %q", tr, ev)
			}
			for _, line := range v.PyTorch.Lines {
				if strings.Contains(line, "train(") && !strings.Contains(line, "model.train()") || strings.Contains(line, ".eval(") && !strings.Contains(line, "model.eval()") {
					t.Errorf("another mode switch: %q", line)
				}
			}
			f, err := l.Frame()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(f.Panels["code-keras"], "Hidden") || !strings.Contains(f.Panels["code-pytorch"], "<mark>") {
				t.Errorf("Keras not hidden or PyTorch unmarked")
			}
		},
		"#lesson=code&topic=dropout": func(t *testing.T, hash string) {
			_, v := codeFrom(t, hash)
			for _, b := range []Block{v.PyTorch, v.Keras} {
				lastBN := 0
				for i, line := range b.Lines {
					if strings.Contains(line, "BatchNorm") {
						lastBN = i + 1
					}
				}
				if len(b.Marks) == 0 || lastBN == 0 {
					t.Fatalf("%s: %d marks, last BN line %d", b.Title, len(b.Marks), lastBN)
				}
				for _, m := range b.Marks {
					if !strings.Contains(b.Lines[m.Line-1], "Dropout(") || m.Line < lastBN {
						t.Errorf("%s: marked line %d %q (last BN at %d)", b.Title, m.Line, b.Lines[m.Line-1], lastBN)
					}
				}
			}
			// The engine's model, which the page prints: no BN after a dropout.
			m, err := engine.NewSyllabusConvNet(rand.New(rand.NewPCG(1, 2)))
			if err != nil {
				t.Fatal(err)
			}
			dropped := false
			for _, part := range []string{"features", "classifier"} {
				for _, c := range m.Child(part).(*engine.Sequential).Children() {
					switch k := c.Layer.Kind(); {
					case k == "Dropout":
						dropped = true
					case strings.HasPrefix(k, "BatchNorm") && dropped:
						t.Errorf("%s.%s (%s) follows a dropout layer", part, c.Name, k)
					}
				}
			}
			if !dropped {
				t.Error("the engine's model has no dropout layer")
			}
		},
		"#lesson=code&topic=momentum": func(t *testing.T, hash string) {
			_, v := codeFrom(t, hash)
			for _, b := range []Block{v.PyTorch, v.Keras} {
				if len(b.Marks) == 0 {
					t.Errorf("%s: nothing marked", b.Title)
				}
				for _, m := range b.Marks {
					if !strings.Contains(b.Lines[m.Line-1], "BatchNorm") {
						t.Errorf("%s: marked %q", b.Title, b.Lines[m.Line-1])
					}
				}
			}
			m := v.Momentum
			k := m.Batches
			pt, ks := m.Torch[k-1], m.Keras[k-1]
			if k != 20 || pt <= 0.85 || ks >= 0.2 || !lessontest.Close(pt, 1-math.Pow(0.9, 20), 1e-5) || !lessontest.Close(ks, 1-math.Pow(0.99, 20), 1e-5) {
				t.Errorf("after %d batches: PyTorch %v, Keras %v", k, pt, ks)
			}
		},
	})
}
