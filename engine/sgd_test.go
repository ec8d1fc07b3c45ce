package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sgdFormulaStep is SGD's update written as the formula in sgd.go, one
// element at a time with every option tested inside the loop: the reference
// the branch-free kernels must reproduce bit for bit.
func sgdFormulaStep(w, g, b []float32, c SGDConfig, first bool) {
	lr, mu := float32(c.LR), float32(c.Momentum)
	damp, wd := float32(1-c.Dampening), float32(c.WeightDecay)
	for j := range w {
		d := g[j]
		if wd != 0 {
			d += wd * w[j]
		}
		if mu != 0 {
			if first {
				b[j] = d
			} else {
				b[j] = mu*b[j] + damp*d
			}
			if c.Nesterov {
				d += mu * b[j]
			} else {
				d = b[j]
			}
		}
		w[j] -= lr * d
	}
}

// TestSGDKernelsMatchFormula runs every combination of momentum, dampening,
// weight decay and Nesterov for a few steps and checks the weights bit for
// bit against sgdFormulaStep. One weight is +Inf: without weight decay it
// must stay +Inf (0·Inf would be NaN), as in PyTorch.
func TestSGDKernelsMatchFormula(t *testing.T) {
	for _, c := range []SGDConfig{
		{LR: 0.1},
		{LR: 0.1, WeightDecay: 0.01},
		{LR: 0.1, Momentum: 0.9},
		{LR: 0.1, Momentum: 0.9, WeightDecay: 0.01},
		{LR: 0.1, Momentum: 0.8, Dampening: 0.3},
		{LR: 0.1, Momentum: 0.8, Dampening: 0.3, WeightDecay: 0.05},
		{LR: 0.1, Momentum: 0.9, Nesterov: true},
		{LR: 0.1, Momentum: 0.9, Nesterov: true, WeightDecay: 0.01},
	} {
		r := rand.New(rand.NewPCG(7, 8))
		const n = 37
		p := &Param{Name: "w", Value: randTensor(r, n), Grad: New(n)}
		if c.WeightDecay == 0 {
			p.Value.Data[5] = float32(math.Inf(1))
		}
		want := append([]float32(nil), p.Value.Data...)
		buf := make([]float32, n)
		o, err := NewSGD([]*Param{p}, c)
		if err != nil {
			t.Fatal(err)
		}
		for step := range 4 {
			for i := range p.Grad.Data {
				p.Grad.Data[i] = float32(r.NormFloat64())
			}
			sgdFormulaStep(want, p.Grad.Data, buf, c, step == 0)
			if err := o.Step(); err != nil {
				t.Fatal(err)
			}
			for i, v := range p.Value.Data {
				if math.Float32bits(v) != math.Float32bits(want[i]) {
					t.Errorf("%+v step %d: w[%d] = %v, formula gives %v", c, step+1, i, v, want[i])
					break
				}
			}
		}
		if c.WeightDecay == 0 && !math.IsInf(float64(p.Value.Data[5]), 1) {
			t.Errorf("%+v: an infinite weight became %v without weight decay", c, p.Value.Data[5])
		}
	}
}

// BenchmarkSGDStepMomentum is SGD with momentum 0.9 over the syllabus CNN's
// 1,693,130 parameters (one flat parameter of that size).
func BenchmarkSGDStepMomentum(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const n = 1693130
	p := &Param{Name: "w", Value: randTensor(r, n), Grad: randTensor(r, n)}
	o, err := NewSGD([]*Param{p}, SGDConfig{LR: 1e-6, Momentum: 0.9})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(4 * 3 * n)
	cpu0 := processCPUSeconds()
	for b.Loop() {
		if err := o.Step(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPUPerOp(b, cpu0)
}

// reportCPUPerOp reports the process's CPU milliseconds per iteration since
// cpu0 (where the platform measures CPU time): steadier than wall time on a
// shared machine.
func reportCPUPerOp(b *testing.B, cpu0 float64) {
	if cpu1 := processCPUSeconds(); cpu0 >= 0 && cpu1 >= 0 {
		b.ReportMetric((cpu1-cpu0)*1e3/float64(b.N), "cpu-ms/op")
	}
}
