package train

import (
	"fmt"
	"math/rand/v2"

	"bnlab/engine"
)

// WithNoise returns m's layers as a new Sequential with a ShiftNoise after
// every BatchNorm layer, all drawing from rng (the layers, their weights
// and their mode are m's own). It is an error when m has no BatchNorm.
func WithNoise(m *engine.Sequential, spec NoiseSpec, rng *rand.Rand) (*engine.Sequential, error) {
	var layers []engine.Layer
	added := 0
	for _, c := range m.Children() {
		layers = append(layers, c.Layer)
		if _, ok := c.Layer.(*engine.BatchNorm); ok {
			nz, err := NewShiftNoise(spec, rng)
			if err != nil {
				return nil, err
			}
			layers = append(layers, nz)
			added++
		}
	}
	if added == 0 {
		return nil, fmt.Errorf("noise after BN asked for a network without BatchNorm (%d layers)", len(layers))
	}
	s, err := engine.NewSequential(layers...)
	if err != nil {
		return nil, err
	}
	s.SetTraining(m.Training())
	return s, nil
}
