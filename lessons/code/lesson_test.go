package code

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/lessontest"
)

// codeFrom configures the code lesson from a hash, failing on any notice.
func codeFrom(t testing.TB, hash string) (*Lesson, *View) {
	t.Helper()
	l := lessontest.OpenAs[*Lesson](t, New(), hash)
	return l, l.View()
}

// TestCodeMatchesEngine: the counts and texts are the engine's, and the
// code has one layer line per engine layer.
func TestCodeMatchesEngine(t *testing.T) {
	_, v := codeFrom(t, "#lesson=code")
	if v.TorchParams != 1693130 || v.TorchParamsText != "1,693,130" {
		t.Errorf("PyTorch params %d %q", v.TorchParams, v.TorchParamsText)
	}
	if v.KerasTotal != 825866 || v.KerasTrainable != 825162 || v.KerasNonTrainable != 704 {
		t.Errorf("Keras totals %d / %d / %d", v.KerasTotal, v.KerasTrainable, v.KerasNonTrainable)
	}
	for _, want := range []string{"Total params: 825,866", "Trainable params: 825,162", "Non-trainable params: 704"} {
		if !strings.Contains(v.KerasSummary, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	pt, err := engine.NewSyllabusConvNet(rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if v.TorchPrint != engine.TorchPrint(pt) || !strings.HasPrefix(v.TorchPrint, "ConvNetWithBNDropout(") {
		t.Errorf("print differs from the engine's")
	}
	// (32+64+512)·2 running values + 3 num_batches_tracked.
	if v.TorchBuffers != 1219 {
		t.Errorf("buffers %d, want 1219", v.TorchBuffers)
	}
	count := func(lines []string, prefix string) int {
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				n++
			}
		}
		return n
	}
	if got, want := count(v.PyTorch.Lines, "            nn."), len(engine.Leaves(pt)); got != want {
		t.Errorf("PyTorch code has %d layer lines, the engine model %d layers", got, want)
	}
	if got, want := count(v.Keras.Lines, "        layers."), len(v.KerasRows); got != want {
		t.Errorf("Keras code has %d layer lines, the summary %d rows", got, want)
	}
}

// TestCodeIsCorrect: inference switches to eval mode under no_grad,
// training to train mode, and the two snippets state the defaults.
func TestCodeIsCorrect(t *testing.T) {
	_, v := codeFrom(t, "#lesson=code")
	py := v.PyTorch.Code
	order := []string{"def train_one_epoch", "model.train()", "optimizer.zero_grad()", "loss.backward()", "optimizer.step()",
		"@torch.no_grad()", "def predict", "model.eval()", "return model(x)"}
	at := 0
	for _, s := range order {
		i := strings.Index(py[at:], s)
		if i < 0 {
			t.Fatalf("PyTorch code lacks %q after position %d", s, at)
		}
		at += i
	}
	for _, s := range []string{"nn.Dropout(p=0.5)", "nn.CrossEntropyLoss()", "eps=1e-5, momentum=0.1"} {
		if !strings.Contains(py, s) {
			t.Errorf("PyTorch code lacks %q", s)
		}
	}
	for _, s := range []string{"keras.Input(shape=(28, 28, 1))", "epsilon=1e-3, momentum=0.99", "training=False", "sparse_categorical_crossentropy", "model.summary()"} {
		if !strings.Contains(v.Keras.Code, s) {
			t.Errorf("Keras code lacks %q", s)
		}
	}
	if strings.Contains(v.Keras.Code, "input_shape") {
		t.Error("Keras code uses the deprecated input_shape argument")
	}
}

// TestCodeTopics: every difference marks lines in both codes, the marked
// lines contain what the topic is about, and the momentum demonstration
// follows both rules.
func TestCodeTopics(t *testing.T) {
	for _, tp := range topicOptions {
		_, v := codeFrom(t, "#lesson=code&topic="+tp.key)
		if len(v.PyTorch.Marks) == 0 || len(v.Keras.Marks) == 0 {
			t.Errorf("topic %s marks %d PyTorch and %d Keras lines", tp.key, len(v.PyTorch.Marks), len(v.Keras.Marks))
		}
		selected := 0
		for _, d := range v.Defaults {
			if d.Selected {
				selected++
				if d.Key != tp.key {
					t.Errorf("topic %s selects %s", tp.key, d.Key)
				}
			}
		}
		if selected != 1 {
			t.Errorf("topic %s: %d defaults selected", tp.key, selected)
		}
	}
	_, v := codeFrom(t, "#lesson=code")
	m := v.Momentum
	for k := 1; k <= m.Batches; k++ {
		wantT, wantK := 1-math.Pow(0.9, float64(k)), 1-math.Pow(0.99, float64(k))
		if !lessontest.Close(m.Torch[k-1], wantT, 1e-5) || !lessontest.Close(m.Keras[k-1], wantK, 1e-5) {
			t.Errorf("batch %d: torch %v keras %v, want %v %v", k, m.Torch[k-1], m.Keras[k-1], wantT, wantK)
		}
	}
}

// TestCodeRoundTrip: the address restores the view; bad values are
// replaced with notices; the lesson has no actions.
func TestCodeRoundTrip(t *testing.T) {
	l, v := codeFrom(t, "#lesson=code&framework=keras&topic=dropout&seed=3")
	st := l.State()
	_, v2 := codeFrom(t, "#"+lessontest.EncodeHash(New(), st))
	a, _ := json.Marshal(v)
	b, _ := json.Marshal(v2)
	if string(a) != string(b) || v2.Framework != "keras" || v2.Topic != "dropout" {
		t.Errorf("view restored from %q differs", lessontest.EncodeHash(New(), st))
	}
	_, notes := lessontest.ParseHash(New(), "#lesson=code&topic=gravity&framework=jax")
	if len(notes) != 2 {
		t.Errorf("notices %v, want 2", notes)
	}
	if err := l.Do("run"); err == nil {
		t.Error("an action was accepted")
	}
	if err := l.Configure(lessons.Values{keyTopic: "gravity"}, 1); err == nil || !strings.Contains(err.Error(), "topic=gravity") {
		t.Errorf("err = %v", err)
	}
	if l.View() != v {
		t.Error("a refused Configure changed the view")
	}
}

// BenchmarkCodeConfigure is a topic change.
func BenchmarkCodeConfigure(b *testing.B) {
	l, _ := codeFrom(b, "#lesson=code")
	topics := []string{"eps", "dropout"}
	i := 0
	for b.Loop() {
		if err := l.Configure(lessons.Values{keyTopic: topics[i%2], keyFramework: "both"}, lessons.DefaultSeed); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkCodeStep is the (empty) clock.
func BenchmarkCodeStep(b *testing.B) {
	l, _ := codeFrom(b, "#lesson=code")
	for b.Loop() {
		if err := l.Step(); err != nil {
			b.Fatal(err)
		}
	}
}
