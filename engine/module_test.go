package engine

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func testRand() *rand.Rand { return rand.New(rand.NewPCG(7, 11)) }

// TestSyllabusNames checks PyTorch's state_dict names and order.
func TestSyllabusNames(t *testing.T) {
	m, err := NewSyllabusConvNet(testRand())
	if err != nil {
		t.Fatal(err)
	}
	var sd []string
	for _, e := range m.StateDict() {
		sd = append(sd, e.Name)
	}
	// PyTorch: list(ConvNetWithBNDropout().state_dict().keys())
	want := []string{
		"features.0.weight", "features.0.bias",
		"features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked",
		"features.4.weight", "features.4.bias",
		"features.5.weight", "features.5.bias", "features.5.running_mean", "features.5.running_var", "features.5.num_batches_tracked",
		"classifier.1.weight", "classifier.1.bias",
		"classifier.2.weight", "classifier.2.bias", "classifier.2.running_mean", "classifier.2.running_var", "classifier.2.num_batches_tracked",
		"classifier.5.weight", "classifier.5.bias",
		"classifier.8.weight", "classifier.8.bias",
	}
	if !slices.Equal(sd, want) {
		t.Errorf("StateDict names\n got %v\nwant %v", sd, want)
	}
	var ps []string
	for _, p := range m.NamedParams() {
		ps = append(ps, p.Name)
	}
	if len(ps) != 16 || ps[2] != "features.1.weight" || ps[15] != "classifier.8.bias" {
		t.Errorf("NamedParams = %v", ps)
	}
	var bs []string
	for _, b := range m.NamedBuffers() {
		bs = append(bs, b.Name)
	}
	if len(bs) != 9 || bs[0] != "features.1.running_mean" || bs[8] != "classifier.2.num_batches_tracked" {
		t.Errorf("NamedBuffers = %v", bs)
	}
}

func TestTrainEvalPropagate(t *testing.T) {
	m, err := NewSyllabusConvNet(testRand())
	if err != nil {
		t.Fatal(err)
	}
	for _, train := range []bool{false, true, false} {
		if train {
			m.Train()
		} else {
			m.Eval()
		}
		for _, l := range leafLayers(m) {
			if l.Training() != train {
				t.Fatalf("after Train/Eval(%v), %s is in mode %v", train, l, l.Training())
			}
		}
		if m.Training() != train {
			t.Fatalf("m.Training() = %v, want %v", m.Training(), train)
		}
	}
}

// TestNeedInputGrad checks that a top-level model skips its first layer's
// input gradient, that nested containers still pass gradients, and that
// SetNeedInputGrad(true) restores it.
func TestNeedInputGrad(t *testing.T) {
	r := testRand()
	m, err := NewMLP(MLPSpec{Sizes: []int{4, 5, 3}, Activation: "relu", Placement: NormBefore}, r)
	if err != nil {
		t.Fatal(err)
	}
	x := New(6, 4)
	for i := range x.Data {
		x.Data[i] = float32(r.NormFloat64())
	}
	y, err := m.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	gx, err := m.Backward(y)
	if err != nil || gx != nil {
		t.Fatalf("top-level Backward = %v, %v; want nil, nil", gx, err)
	}
	m.SetNeedInputGrad(true)
	if _, err := m.Forward(x); err != nil {
		t.Fatal(err)
	}
	gx, err = m.Backward(y)
	if err != nil || gx == nil || !SameShape(gx, x) {
		t.Fatalf("Backward with input grad = %v, %v; want shape %s", gx, err, x.ShapeString())
	}
	// Nested: the classifier (second child) must pass its gradient to features.
	c, err := NewSyllabusConvNet(r)
	if err != nil {
		t.Fatal(err)
	}
	cl := c.Child("classifier").(*Sequential)
	if !cl.needInputGrad {
		t.Errorf("classifier does not compute its input gradient although features has parameters")
	}
	if c.Child("features").(*Sequential).Layer(0).(*Conv2d).skipGx != true {
		t.Errorf("the first Conv2d of a top-level model still computes its input gradient")
	}
}

// TestForwardErrorRestoresBuffers: a shape error in a late layer names the
// layer and leaves the running statistics of earlier layers unchanged.
func TestForwardErrorRestoresBuffers(t *testing.T) {
	r := testRand()
	bn, _ := NewBatchNorm1d(4)
	lin, _ := NewLinear(5, 2, true, r) // wrong: expects 5 features, gets 4
	inner, err := NewSequential(NewReLU(), lin)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewModule("Net", Child{"norm", bn}, Child{"head", inner})
	if err != nil {
		t.Fatal(err)
	}
	x := New(3, 4)
	for i := range x.Data {
		x.Data[i] = float32(i)
	}
	before := bn.Buffers()[0].Value.Clone()
	_, err = m.Forward(x)
	var le *LayerError
	if err == nil || !errors.As(err, &le) || le.Path != "head.1" || le.Kind != "Linear" || !strings.Contains(err.Error(), "(3, 4)") {
		t.Fatalf("err = %v, want a LayerError at head.1 (Linear) naming the input shape", err)
	}
	if !slices.Equal(before.Data, bn.Buffers()[0].Value.Data) {
		t.Errorf("running_mean changed by a failed forward: %v -> %v", before.Data, bn.Buffers()[0].Value.Data)
	}
	if bn.Buffers()[2].Value.Data[0] != 0 {
		t.Errorf("num_batches_tracked = %v after a failed forward", bn.Buffers()[2].Value.Data[0])
	}
}

func TestContainerBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		ch   []Child
		want string
	}{
		{"nil", []Child{{"a", nil}}, "nil layer"},
		{"dup", []Child{{"a", NewReLU()}, {"a", NewReLU()}}, "duplicate child name"},
		{"dot", []Child{{"a.b", NewReLU()}}, "invalid name"},
		{"empty", []Child{{"", NewReLU()}}, "invalid name"},
	} {
		if _, err := NewModule("M", tc.ch...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := NewSequential(NewReLU(), nil); err == nil {
		t.Errorf("NewSequential accepted a nil layer")
	}
	s, _ := NewSequential()
	if s.String() != "Sequential()" {
		t.Errorf("empty Sequential prints %q", s.String())
	}
}

func TestZeroGrad(t *testing.T) {
	m, err := NewMLP(MLPSpec{Sizes: []int{3, 4, 2}, Activation: "tanh", Placement: NormAfter}, testRand())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Params() {
		for i := range p.Grad.Data {
			p.Grad.Data[i] = 1
		}
	}
	m.ZeroGrad()
	for _, p := range m.NamedParams() {
		for _, g := range p.Param.Grad.Data {
			if g != 0 {
				t.Fatalf("%s grad not zeroed", p.Name)
			}
		}
	}
}

func TestMLPLayout(t *testing.T) {
	for _, tc := range []struct {
		spec MLPSpec
		want string // kinds joined
	}{
		{PaperMLPSpec(true, 0.1), "Linear BatchNorm1d Sigmoid Linear BatchNorm1d Sigmoid Linear BatchNorm1d Sigmoid Linear"},
		{PaperMLPSpec(false, 0.1), "Linear Sigmoid Linear Sigmoid Linear Sigmoid Linear"},
		{MLPSpec{Sizes: []int{2, 8, 3}, Activation: "ReLU", Placement: NormAfter, Dropout: 0.5}, "Linear ReLU BatchNorm1d Dropout Linear"},
		{MLPSpec{Sizes: []int{2, 8, 3}, Activation: "tanh", Placement: NormBefore, Norm: "layer"}, "Linear LayerNorm Tanh Linear"},
		{MLPSpec{Sizes: []int{2, 8, 3}, Activation: "relu", Placement: NormBefore, Norm: "group", Groups: 2}, "Linear GroupNorm ReLU Linear"},
	} {
		m, err := NewMLP(tc.spec, testRand())
		if err != nil {
			t.Fatalf("%v: %v", tc.spec, err)
		}
		var kinds []string
		for _, l := range leafLayers(m) {
			kinds = append(kinds, l.Kind())
		}
		if got := strings.Join(kinds, " "); got != tc.want {
			t.Errorf("%+v: layers %q, want %q", tc.spec, got, tc.want)
		}
	}
	for _, tc := range []struct {
		spec MLPSpec
		want string
	}{
		{MLPSpec{Sizes: []int{3}, Activation: "relu"}, "at least"},
		{MLPSpec{Sizes: []int{3, 0, 2}, Activation: "relu"}, "Sizes[1] = 0"},
		{MLPSpec{Sizes: []int{3, 2}, Activation: "gelu"}, `unknown activation "gelu"`},
		{MLPSpec{Sizes: []int{3, 4, 2}, Activation: "relu", Placement: NormBefore, Norm: "instance"}, `unknown norm "instance"`},
		{MLPSpec{Sizes: []int{3, 4, 2}, Activation: "relu", Dropout: 1.5}, "p=1.5"},
	} {
		if _, err := NewMLP(tc.spec, testRand()); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want %q", tc.spec, err, tc.want)
		}
	}
}

// TestSameSeedSameWeights: the networks with and without BN built from the
// same seed start from identical Linear weights (BatchNorm draws nothing),
// so the lessons compare like with like.
func TestSameSeedSameWeights(t *testing.T) {
	a, err := NewMLP(PaperMLPSpec(true, 0.1), rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewMLP(PaperMLPSpec(false, 0.1), rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		t.Fatal(err)
	}
	var la, lb []*Linear
	for _, l := range leafLayers(a) {
		if x, ok := l.(*Linear); ok {
			la = append(la, x)
		}
	}
	for _, l := range leafLayers(b) {
		if x, ok := l.(*Linear); ok {
			lb = append(lb, x)
		}
	}
	if len(la) != 4 || len(lb) != 4 {
		t.Fatalf("%d and %d Linear layers, want 4", len(la), len(lb))
	}
	for i := range la {
		if !slices.Equal(la[i].Weight.Value.Data, lb[i].Weight.Value.Data) {
			t.Errorf("Linear %d weights differ between the BN and plain networks", i)
		}
	}
}

func TestFindLeaves(t *testing.T) {
	m, err := NewSyllabusConvNet(testRand())
	if err != nil {
		t.Fatal(err)
	}
	l, err := Find(m, "classifier.4")
	if err != nil || l.Kind() != "Dropout" {
		t.Errorf("Find(classifier.4) = %v, %v", l, err)
	}
	for _, bad := range []string{"classifier.9", "features.0.weight", "head"} {
		if _, err := Find(m, bad); err == nil {
			t.Errorf("Find(%q) found something", bad)
		}
	}
	n := 0
	for _, l := range Leaves(m) {
		if _, ok := l.(*Dropout); ok {
			n++
		}
	}
	if len(Leaves(m)) != 17 || n != 2 {
		t.Errorf("Leaves: %d layers, %d dropouts; want 17, 2", len(Leaves(m)), n)
	}
}
