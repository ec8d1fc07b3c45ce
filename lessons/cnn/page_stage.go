package cnn

import (
	"math"

	"bnlab/lessons/pages"
)

// Stage is what the cnn stage draws: the batch's input digits, the
// highlighted channel's map for every sample (the set its BN statistics
// reduce over, outlined), and every channel of one sample (the axis BN
// does not reduce over). Maps are quantised to bytes to keep the payload
// small (about 20 KB at N = 8, at most about 60 KB at N = 32): Inputs on a
// grey scale from InLo to InHi, Maps and SampleMaps as 128 + 127·x/scale
// on a diverging scale.
type Stage struct {
	Conv     string  `json:"conv"` // "features.0"
	BN       string  `json:"bn"`   // "features.1"
	Channel  int     `json:"channel"`
	Channels int     `json:"channels"`
	N        int     `json:"n"`
	H        int     `json:"h"`
	W        int     `json:"w"`
	Count    int     `json:"count"` // N·H·W
	Mean     float64 `json:"mean"`
	Var      float64 `json:"var"`
	Gamma    float64 `json:"gamma"`
	Beta     float64 `json:"beta"`
	Steps    int     `json:"steps"`
	Digits   []int   `json:"digits"` // each sample's label

	InH    int     `json:"inH"` // 28
	InW    int     `json:"inW"`
	InLo   float64 `json:"inLo"`
	InHi   float64 `json:"inHi"`
	Inputs []byte  `json:"inputs"` // N × InH × InW, 0 = InLo, 255 = InHi

	Maps     []byte  `json:"maps"`     // N × H × W, the highlighted channel
	MapScale float64 `json:"mapScale"` // largest |x| of Maps

	Sample      int     `json:"sample"`
	SH          int     `json:"sh"` // SampleMaps' size (H and W halved when above 14)
	SW          int     `json:"sw"`
	SampleMaps  []byte  `json:"sampleMaps"` // Channels × SH × SW
	SampleScale float64 `json:"sampleScale"`
	Synthetic   bool    `json:"synthetic"`
}

// stage builds the stage payload of v.
func stage(v *View) Stage {
	st := Stage{Conv: v.Conv, BN: v.BN, Channel: v.Channel, Channels: v.Channels, N: v.Batch,
		H: v.H, W: v.W, Count: v.Reduction.Count, Mean: pages.Round(v.Stats.Mean, 5), Var: pages.Round(v.Stats.Var, 5),
		Gamma: pages.Round(v.Stats.Gamma, 5), Beta: pages.Round(v.Stats.Beta, 5), Steps: v.Steps,
		Digits: append([]int(nil), v.Labels...), Sample: v.Sample, Synthetic: v.Synthetic}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, m := range v.Inputs {
		st.InH, st.InW = m.H, m.W
		for _, x := range m.Values {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if hi <= lo {
		lo, hi = 0, 1
	}
	st.InLo, st.InHi = pages.Round(lo, 5), pages.Round(hi, 5)
	for _, m := range v.Inputs {
		for _, x := range m.Values {
			st.Inputs = append(st.Inputs, byte(math.Round(255*(x-lo)/(hi-lo))))
		}
	}
	var all []float64
	for _, m := range v.ConvMaps {
		all = append(all, m.Values...)
	}
	st.MapScale = pages.Round(absMax(all), 5)
	st.Maps = quant8(all, st.MapScale)

	var sm []float64
	for _, m := range v.SampleMaps {
		d, h, w := halve(m)
		st.SH, st.SW = h, w
		sm = append(sm, d...)
	}
	st.SampleScale = pages.Round(absMax(sm), 5)
	st.SampleMaps = quant8(sm, st.SampleScale)
	return st
}

// halve returns m's values, averaged over 2 × 2 blocks when m is larger
// than 14 × 14 (a 28 × 28 map becomes 14 × 14), and their size.
func halve(m Map) ([]float64, int, int) {
	if m.H <= 14 && m.W <= 14 {
		return append([]float64(nil), m.Values...), m.H, m.W
	}
	h, w := m.H/2, m.W/2
	out := make([]float64, h*w)
	for i := range h {
		for j := range w {
			s := 0.0
			for di := range 2 {
				for dj := range 2 {
					s += m.Values[(2*i+di)*m.W+2*j+dj]
				}
			}
			out[i*w+j] = s / 4
		}
	}
	return out, h, w
}
