package engine

import (
	"fmt"
	"math"
)

// CrossEntropy is PyTorch's nn.CrossEntropyLoss (reduction "mean") on
// logits z of shape (N, C) and class labels yᵢ in [0, C):
//
//	L = (1/N) Σᵢ [ log Σⱼ exp(zᵢⱼ) − zᵢ,yᵢ ]
//	  = (1/N) Σᵢ [ mᵢ + log Σⱼ exp(zᵢⱼ − mᵢ) − zᵢ,yᵢ ],   mᵢ = maxⱼ zᵢⱼ   (log-sum-exp)
//	∂L/∂zᵢⱼ = (softmax(zᵢ)ⱼ − [j = yᵢ]) / N
//
// Subtracting the row maximum keeps exp from overflowing, so large logits
// give a finite loss. Sums are taken in float64. It returns the loss and the
// gradient with respect to the logits (a new tensor shaped like z). A label
// out of range, a wrong label count or a non-2-d input is an error. NaN or
// Inf logits give a NaN or Inf loss, not an error (TrainStep reports it).
func CrossEntropy(logits *Tensor, labels []int) (float64, *Tensor, error) {
	grad := New()
	loss, err := crossEntropyInto(logits, labels, grad)
	if err != nil {
		return 0, nil, err
	}
	return loss, grad, nil
}

// crossEntropyInto is CrossEntropy writing the gradient into grad, whose
// storage is reused when large enough.
func crossEntropyInto(logits *Tensor, labels []int, grad *Tensor) (float64, error) {
	if logits == nil || logits.Dims() != 2 || logits.Shape[0] == 0 || logits.Shape[1] == 0 {
		return 0, fmt.Errorf("engine: CrossEntropy expects logits (N, C) with N, C > 0, got %s", shapeOrNilString(logits))
	}
	n, c := logits.Shape[0], logits.Shape[1]
	if len(labels) != n {
		return 0, fmt.Errorf("engine: CrossEntropy: %d labels for logits %s (want %d)", len(labels), logits.ShapeString(), n)
	}
	for i, y := range labels {
		if y < 0 || y >= c {
			return 0, fmt.Errorf("engine: CrossEntropy: label %d at index %d is out of range [0, %d) for logits %s", y, i, c, logits.ShapeString())
		}
	}
	g := reuseTensor(grad, n, c)
	*grad = *g
	var total float64
	inv := 1 / float64(n)
	for i := range n {
		row := logits.Data[i*c : (i+1)*c]
		gr := grad.Data[i*c : (i+1)*c]
		m := math.Inf(-1)
		for _, z := range row {
			m = math.Max(m, float64(z))
		}
		var s float64
		for _, z := range row {
			s += math.Exp(float64(z) - m)
		}
		lse := m + math.Log(s)
		total += lse - float64(row[labels[i]])
		for j, z := range row {
			gr[j] = float32(math.Exp(float64(z)-lse) * inv)
		}
		gr[labels[i]] -= float32(inv)
	}
	return total * inv, nil
}

// MSE is PyTorch's nn.MSELoss (reduction "mean"):
//
//	L = (1/n) Σ (pᵢ − tᵢ)²,   ∂L/∂pᵢ = 2 (pᵢ − tᵢ) / n
//
// over all n elements of pred and target, which must have the same shape.
// It returns the loss and the gradient with respect to pred.
func MSE(pred, target *Tensor) (float64, *Tensor, error) {
	if pred == nil || target == nil || !SameShape(pred, target) || pred.Len() == 0 {
		return 0, nil, fmt.Errorf("engine: MSE needs pred and target of the same non-empty shape, got %s and %s", shapeOrNilString(pred), shapeOrNilString(target))
	}
	grad := New(pred.Shape...)
	var s float64
	n := float64(pred.Len())
	for i, p := range pred.Data {
		d := float64(p) - float64(target.Data[i])
		s += d * d
		grad.Data[i] = float32(2 * d / n)
	}
	return s / n, grad, nil
}

// Accuracy returns the share of rows of logits (N, C) whose largest entry
// is at the label's index (ties go to the lowest index, as torch.argmax).
func Accuracy(logits *Tensor, labels []int) (float64, error) {
	if logits == nil || logits.Dims() != 2 || logits.Shape[0] != len(labels) || logits.Shape[0] == 0 {
		return 0, fmt.Errorf("engine: Accuracy expects logits (N, C) with N = %d labels, got %s", len(labels), shapeOrNilString(logits))
	}
	c := logits.Shape[1]
	right := 0
	for i, y := range labels {
		if Argmax(logits.Data[i*c:(i+1)*c]) == y {
			right++
		}
	}
	return float64(right) / float64(len(labels)), nil
}

// Argmax returns the index of the largest value of v (the first one on
// ties; NaN is never chosen unless all are NaN), or -1 for an empty v.
func Argmax(v []float32) int {
	best := -1
	for j, z := range v {
		if z == z && (best < 0 || z > v[best]) {
			best = j
		}
	}
	if best < 0 && len(v) > 0 {
		return 0
	}
	return best
}
