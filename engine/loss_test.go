package engine

import (
	"math"
	"strings"
	"testing"
)

// TestCrossEntropy checks loss and gradient against hand values:
// row [1, 2, 3] with label 2 has loss log(e¹+e²+e³) − 3 = 0.40760596 and
// softmax (0.09003057, 0.24472847, 0.66524096); row [0, 0, 0] with label 1
// has loss log 3 and softmax 1/3 each; the mean halves the gradients.
func TestCrossEntropy(t *testing.T) {
	z, _ := FromData([]float32{1, 2, 3, 0, 0, 0}, 2, 3)
	loss, g, err := CrossEntropy(z, []int{2, 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := (0.40760596 + math.Log(3)) / 2; math.Abs(loss-want) > 1e-7 {
		t.Errorf("loss = %.8f, want %.8f", loss, want)
	}
	want := []float64{0.09003057 / 2, 0.24472847 / 2, (0.66524096 - 1) / 2, 1.0 / 6, -1.0 / 3, 1.0 / 6}
	for i, w := range want {
		if math.Abs(float64(g.Data[i])-w) > 1e-7 {
			t.Errorf("grad[%d] = %.8f, want %.8f", i, g.Data[i], w)
		}
	}
	// Log-sum-exp keeps huge logits finite.
	big, _ := FromData([]float32{1000, 0, -1000, 1000, 0, -1000}, 2, 3)
	loss, g, err = CrossEntropy(big, []int{0, 1})
	if err != nil || math.Abs(loss-500) > 1e-3 || !allFinite(g.Data) {
		t.Errorf("huge logits: loss %v (want 500), grad %v, err %v", loss, g.Data, err)
	}
	for _, tc := range []struct {
		labels []int
		want   string
	}{
		{[]int{0, 3}, "label 3 at index 1 is out of range [0, 3)"},
		{[]int{-1, 0}, "label -1 at index 0"},
		{[]int{0}, "1 labels for logits (2, 3)"},
	} {
		if _, _, err := CrossEntropy(z, tc.labels); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("labels %v: err = %v, want %q", tc.labels, err, tc.want)
		}
	}
	if _, _, err := CrossEntropy(New(2, 3, 1), []int{0, 0}); err == nil {
		t.Errorf("3-d logits accepted")
	}
}

// TestCrossEntropyGradFD compares the analytic gradient with central
// differences of the loss in float64.
func TestCrossEntropyGradFD(t *testing.T) {
	r := testRand()
	z := New(3, 5)
	for i := range z.Data {
		z.Data[i] = float32(r.NormFloat64() * 2)
	}
	labels := []int{4, 0, 2}
	_, g, _ := CrossEntropy(z, labels)
	for i := range z.Data {
		orig := z.Data[i]
		h := float32(1e-2)
		z.Data[i] = orig + h
		lp, _, _ := CrossEntropy(z, labels)
		z.Data[i] = orig - h
		lm, _, _ := CrossEntropy(z, labels)
		z.Data[i] = orig
		fd := (lp - lm) / (2 * float64(h))
		if math.Abs(fd-float64(g.Data[i])) > 1e-4 {
			t.Errorf("grad[%d] = %v, finite difference %v", i, g.Data[i], fd)
		}
	}
}

func TestMSE(t *testing.T) {
	p, _ := FromData([]float32{1, 2}, 2)
	q, _ := FromData([]float32{0, 4}, 2)
	loss, g, err := MSE(p, q)
	if err != nil || loss != 2.5 || g.Data[0] != 1 || g.Data[1] != -2 {
		t.Errorf("MSE = %v, %v, %v; want 2.5, [1 -2]", loss, g.Data, err)
	}
	if _, _, err := MSE(p, New(3)); err == nil || !strings.Contains(err.Error(), "(2,) and (3,)") {
		t.Errorf("shape mismatch: err = %v", err)
	}
}

func TestAccuracyArgmax(t *testing.T) {
	z, _ := FromData([]float32{1, 3, 2, 5, 5, 0}, 2, 3)
	acc, err := Accuracy(z, []int{1, 1})
	if err != nil || acc != 0.5 { // second row: tie goes to index 0
		t.Errorf("Accuracy = %v, %v; want 0.5", acc, err)
	}
	nan := float32(math.NaN())
	if got := Argmax([]float32{nan, 1, 2}); got != 2 {
		t.Errorf("Argmax with NaN = %d, want 2", got)
	}
}
