package lessons

import (
	"fmt"
	"math"
	"strconv"

	"bnlab/engine"
	"bnlab/engine/data"
)

// cnnPass is what one train-mode pass of the batch through the features
// up to the chosen BN layer produced (copies, safe to keep).
type cnnPass struct {
	conv     *engine.Conv2d
	bn       *engine.BatchNorm
	convOut  *engine.Tensor // (N, C, H, W): the BN input
	bnOut    *engine.Tensor // (N, C, H, W)
	mean, vr []float64      // the engine's BatchMean and BatchVar
}

// compute builds the view for p and seed; it returns the parameters as
// used (channel and sample clamped).
func (l *CNN) compute(p cnnParams, seed uint64) (*CNNView, cnnParams, error) {
	model, losses, err := l.model.get(l.ds, seed, p.steps)
	if err != nil {
		return nil, p, err
	}
	idx := l.idx.pick(l.ds, p.digit, p.batch, seed, p.pick)
	if len(idx) < 2 {
		return nil, p, fmt.Errorf("lessons: cnn: the %s data set has %d image(s) of digit %d; BN in train mode needs at least 2", l.ds.Name, len(idx), p.digit)
	}
	x, labels, err := data.Gather(l.ds.Val, idx, false)
	if err != nil {
		return nil, p, fmt.Errorf("lessons: cnn: %w", err)
	}
	convAt := 0
	if p.layer == "features.4" {
		convAt = 4
	}
	pass, err := cnnTrainPass(model, x, convAt)
	if err != nil {
		return nil, p, err
	}
	v := &CNNView{Seed: seed, Dataset: l.ds.Name, Synthetic: l.ds.Name == "synthetic",
		Digit: "any", Batch: len(idx), Labels: labels, Steps: p.steps, Losses: append([]float64{}, losses...),
		Conv: "features." + strconv.Itoa(convAt), BN: "features." + strconv.Itoa(convAt+1),
		ConvRepr: pass.conv.String(), BNRepr: pass.bn.String(),
		Channels: pass.convOut.Shape[1], H: pass.convOut.Shape[2], W: pass.convOut.Shape[3]}
	if p.digit >= 0 {
		v.Digit = strconv.Itoa(p.digit)
	}
	if len(idx) < p.batch {
		v.Notices = append(v.Notices, notef(keyCNNBatch, strconv.Itoa(p.batch), strconv.Itoa(len(idx)),
			"the %s data set has only %d images of digit %s; the batch holds %d", l.ds.Name, len(idx), v.Digit, len(idx)))
	}
	p.channel = cnnClamp(&v.Notices, keyCNNChannel, p.channel, v.Channels-1, "the layer "+v.Conv+" has channels 0 to ")
	p.sample = cnnClamp(&v.Notices, keyCNNSample, p.sample, v.Batch-1, "the batch has samples 0 to ")
	v.Channel, v.Sample = p.channel, p.sample
	for i := range v.Batch {
		m := cnnMapOf(x, i, 0)
		m.Label = fmt.Sprintf("sample %d (digit %d)", i, labels[i])
		v.Inputs = append(v.Inputs, m)
	}
	fillCNNMaps(v, pass)
	fillCNNStats(v, pass)
	if v.Bias, err = cnnBiasCheck(pass, p.channel); err != nil {
		return nil, p, err
	}
	if v.Fold, err = cnnFold(model, x, convAt, p.channel); err != nil {
		return nil, p, err
	}
	v.TorchPrint, v.ParamCount = engine.TorchPrint(model), engine.ParamCount(model)
	v.ParamCountText = engine.FormatThousands(v.ParamCount)
	v.Formulas = cnnFormulas(v)
	v.Notes = cnnNotes(v)
	return v, p, nil
}

// cnnClamp clamps a control value to [0, hi] with a notice.
func cnnClamp(notes *[]Notice, key string, val, hi int, why string) int {
	if val <= hi {
		return val
	}
	*notes = append(*notes, notef(key, strconv.Itoa(val), strconv.Itoa(hi), "%s=%d: %s%d; using %d", key, val, why, hi, hi))
	return hi
}

// cnnTrainPass runs x through features.0 … features.(convAt+1) in train
// mode, as a training step would, and restores every buffer afterwards so
// the model's running statistics stay those of training.
func cnnTrainPass(model *engine.Module, x *engine.Tensor, convAt int) (*cnnPass, error) {
	feats, ok := model.Child("features").(*engine.Sequential)
	if !ok {
		return nil, fmt.Errorf("lessons: cnn: the model has no features Sequential")
	}
	pass := &cnnPass{}
	var okc, okb bool
	pass.conv, okc = feats.Layer(convAt).(*engine.Conv2d)
	pass.bn, okb = feats.Layer(convAt + 1).(*engine.BatchNorm)
	if !okc || !okb {
		return nil, fmt.Errorf("lessons: cnn: features.%d and features.%d are not Conv2d and BatchNorm2d", convAt, convAt+1)
	}
	bufs := model.Buffers()
	saved := make([][]float32, len(bufs))
	for i, b := range bufs {
		saved[i] = append([]float32(nil), b.Value.Data...)
	}
	defer func() {
		for i, b := range bufs {
			copy(b.Value.Data, saved[i])
		}
	}()
	model.Train()
	h := x
	for i := 0; i <= convAt+1; i++ {
		out, err := feats.Layer(i).Forward(h)
		if err != nil {
			return nil, fmt.Errorf("lessons: cnn: features.%d: %w", i, err)
		}
		if i == convAt {
			pass.convOut = out.Clone()
		}
		h = out
	}
	pass.bnOut = h.Clone()
	pass.mean, pass.vr = pass.bn.BatchMean(), pass.bn.BatchVar()
	return pass, nil
}

// cnnMapOf copies channel ch of sample n of an (N, C, H, W) tensor.
func cnnMapOf(t *engine.Tensor, n, ch int) CNNMap {
	c, h, w := t.Shape[1], t.Shape[2], t.Shape[3]
	off := (n*c + ch) * h * w
	m := CNNMap{H: h, W: w, Values: make([]float64, h*w), Lo: math.Inf(1), Hi: math.Inf(-1)}
	for i, f := range t.Data[off : off+h*w] {
		m.Values[i] = float64(f)
		m.Lo, m.Hi = math.Min(m.Lo, m.Values[i]), math.Max(m.Hi, m.Values[i])
	}
	return m
}

// fillCNNMaps copies the highlighted channel of every sample and every
// channel of the chosen sample.
func fillCNNMaps(v *CNNView, pass *cnnPass) {
	for n := range v.Batch {
		cm, bm := cnnMapOf(pass.convOut, n, v.Channel), cnnMapOf(pass.bnOut, n, v.Channel)
		cm.Label = fmt.Sprintf("sample %d, channel %d", n, v.Channel)
		bm.Label = cm.Label + " after BN"
		v.ConvMaps, v.BNMaps = append(v.ConvMaps, cm), append(v.BNMaps, bm)
	}
	for ch := range v.Channels {
		m := cnnMapOf(pass.convOut, v.Sample, ch)
		m.Label = fmt.Sprintf("channel %d", ch)
		v.SampleMaps = append(v.SampleMaps, m)
	}
}

// fillCNNStats reads the BN layer's statistics and parameters and checks
// the highlighted channel's against an independent float64 computation
// over its N × H × W values.
func fillCNNStats(v *CNNView, pass *cnnPass) {
	n, h, w := v.Batch, v.H, v.W
	v.Reduction = CNNReduction{N: n, H: h, W: w, Count: n * h * w,
		Text: fmt.Sprintf("mean and variance over N × H × W = %d × %d × %d = %d values", n, h, w, n*h*w)}
	var gamma, beta []float32
	for _, prm := range pass.bn.Params() {
		if prm.Name == "weight" {
			gamma = prm.Value.Data
		} else {
			beta = prm.Value.Data
		}
	}
	var rm, rv []float32
	for _, b := range pass.bn.Buffers() {
		switch b.Name {
		case "running_mean":
			rm = b.Value.Data
		case "running_var":
			rv = b.Value.Data
		}
	}
	for ch := range v.Channels {
		v.AllChannels = append(v.AllChannels, CNNChannelRow{Channel: ch, Mean: pass.mean[ch], Var: pass.vr[ch],
			Gamma: float64(gamma[ch]), Beta: float64(beta[ch]),
			RunningMean: float64(rm[ch]), RunningVar: float64(rv[ch])})
	}
	ch := v.Channel
	s := CNNChannelStats{Channel: ch, Mean: pass.mean[ch], Var: pass.vr[ch], Eps: pass.bn.Eps(),
		Gamma: float64(gamma[ch]), Beta: float64(beta[ch])}
	s.CheckMean, s.CheckVar = cnnMapsStats(v.ConvMaps)
	s.OutMean, s.OutVar = cnnMapsStats(v.BNMaps)
	s.Agree = math.Abs(s.Mean-s.CheckMean) <= 1e-6*math.Max(1, math.Abs(s.CheckMean)) &&
		math.Abs(s.Var-s.CheckVar) <= 1e-6*math.Max(1, s.CheckVar)
	v.Stats = s
}

// cnnMapsStats returns the mean and biased variance of every value of
// the maps, two-pass in float64.
func cnnMapsStats(maps []CNNMap) (mean, variance float64) {
	cnt := 0
	for _, m := range maps {
		for _, f := range m.Values {
			mean += f
		}
		cnt += len(m.Values)
	}
	mean /= float64(cnt)
	for _, m := range maps {
		for _, f := range m.Values {
			variance += (f - mean) * (f - mean)
		}
	}
	return mean, variance / float64(cnt)
}
