package placement

import (
	"fmt"
	"math/rand/v2"

	"bnlab/engine"
)

// bnCount is what the BN layers of one network hold: Layers BatchNorm1d
// layers of Width units, Trained numbers learned by gradient descent (γ
// and β), Buffers running statistics (running_mean and running_var), and
// RedundantBias biases of Linear layers that a BN layer follows directly.
type bnCount struct {
	Layers, Width, Trained, Buffers, RedundantBias int
}

// bnCount counts the BN layers of the network with BN before the
// activation: the training one when there is data, otherwise one built
// by the engine from the same specification.
func (l *Lesson) bnCount() (bnCount, error) {
	if l.Harness != nil && len(l.Harness.Nets) > 0 {
		return countBN(l.Harness.Nets[0].Model), nil
	}
	spec := l.Config.Nets[0].MLP
	spec.Sizes = append([]int(nil), spec.Sizes...)
	// Without data the input and output sizes are unknown; BN does not
	// depend on them.
	spec.Sizes[0], spec.Sizes[len(spec.Sizes)-1] = 1, 2
	m, err := engine.NewMLP(spec, rand.New(rand.NewPCG(l.Seed, 0)))
	if err != nil {
		return bnCount{}, fmt.Errorf("lessons: placement: %w", err)
	}
	return countBN(m), nil
}

// countBN counts m's BatchNorm layers, their parameters and running
// statistics, and the Linear biases directly before them.
func countBN(m *engine.Sequential) bnCount {
	var c bnCount
	ch := m.Children()
	for i, x := range ch {
		bn, ok := x.Layer.(*engine.BatchNorm)
		if !ok {
			continue
		}
		c.Layers++
		c.Width = bn.NumFeatures()
		for _, p := range bn.Params() {
			c.Trained += p.Value.Len()
		}
		for _, b := range bn.Buffers() {
			if b.Name == "running_mean" || b.Name == "running_var" {
				c.Buffers += b.Value.Len()
			}
		}
		if i > 0 {
			if lin, ok := ch[i-1].Layer.(*engine.Linear); ok && lin.Bias != nil {
				c.RedundantBias += lin.Bias.Value.Len()
			}
		}
	}
	return c
}
