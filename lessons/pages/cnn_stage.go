package pages

import (
	"math"

	"bnlab/lessons/course"
)

// CNNStage is what the cnn stage draws: the batch's input digits, the
// highlighted channel's map for every sample (the set its BN statistics
// reduce over, outlined), and every channel of one sample (the axis BN
// does not reduce over). Maps are quantised to bytes to keep the payload
// small (about 20 KB at N = 8, at most about 60 KB at N = 32): Inputs on a
// grey scale from InLo to InHi, Maps and SampleMaps as 128 + 127·x/scale
// on a diverging scale.
type CNNStage struct {
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

// cnnStage builds the stage payload of v.
func cnnStage(v *course.CNNView) CNNStage {
	st := CNNStage{Conv: v.Conv, BN: v.BN, Channel: v.Channel, Channels: v.Channels, N: v.Batch,
		H: v.H, W: v.W, Count: v.Reduction.Count, Mean: cnRound(v.Stats.Mean, 5), Var: cnRound(v.Stats.Var, 5),
		Gamma: cnRound(v.Stats.Gamma, 5), Beta: cnRound(v.Stats.Beta, 5), Steps: v.Steps,
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
	st.InLo, st.InHi = cnRound(lo, 5), cnRound(hi, 5)
	for _, m := range v.Inputs {
		for _, x := range m.Values {
			st.Inputs = append(st.Inputs, byte(math.Round(255*(x-lo)/(hi-lo))))
		}
	}
	var all []float64
	for _, m := range v.ConvMaps {
		all = append(all, m.Values...)
	}
	st.MapScale = cnRound(cnAbsMax(all), 5)
	st.Maps = cnQuant8(all, st.MapScale)

	var sm []float64
	for _, m := range v.SampleMaps {
		d, h, w := cnHalve(m)
		st.SH, st.SW = h, w
		sm = append(sm, d...)
	}
	st.SampleScale = cnRound(cnAbsMax(sm), 5)
	st.SampleMaps = cnQuant8(sm, st.SampleScale)
	return st
}

// cnHalve returns m's values, averaged over 2 × 2 blocks when m is larger
// than 14 × 14 (a 28 × 28 map becomes 14 × 14), and their size.
func cnHalve(m course.CNNMap) ([]float64, int, int) {
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
