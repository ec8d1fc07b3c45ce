package cnn

import (
	"fmt"
	"math"
	"strconv"

	"bnlab/engine"
	"bnlab/engine/data"
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// pass is what one train-mode pass of the batch through the features
// up to the chosen BN layer produced, and the layers' parameters at that
// moment (copies, safe to keep while the model trains on).
type pass struct {
	convRepr, bnRepr string
	convOut          *engine.Tensor // (N, C, H, W): the BN input
	bnOut            *engine.Tensor // (N, C, H, W)
	mean, vr         []float64      // the engine's BatchMean and BatchVar
	gamma, beta      []float64      // the BN layer's γ and β
	rm, rv           []float64      // its running statistics
	convBias         []float64
	eps              float64
}

// batchKey identifies everything the batch-level part of the view
// depends on: a channel or sample move reuses it.
type batchKey struct {
	ds                                *train.Dataset
	seed                              uint64
	steps, convAt, digit, batch, pick int
}

// batch is the cached batch-level computation.
type batch struct {
	key    batchKey
	x      *engine.Tensor
	labels []int
	pass   *pass
	fold   *foldAll
	print  string
	params int
	losses []float64
}

// batch returns the batch-level computation for p and seed, from the
// cache when only the channel or the sample changed.
func (l *Lesson) batch(p params, seed uint64) (*batch, error) {
	convAt := 0
	if p.layer == "features.4" {
		convAt = 4
	}
	key := batchKey{ds: l.ds, seed: seed, steps: p.steps, convAt: convAt, digit: p.digit, batch: p.batch, pick: p.pick}
	if l.cached != nil && l.cached.key == key {
		return l.cached, nil
	}
	model, losses, err := l.model.get(l.ds, seed, p.steps)
	if err != nil {
		return nil, err
	}
	idx := l.idx.pick(l.ds, p.digit, p.batch, seed, p.pick)
	if len(idx) < 2 {
		return nil, fmt.Errorf("lessons: cnn: the %s data set has %d image(s) of digit %d; BN in train mode needs at least 2", l.ds.Name, len(idx), p.digit)
	}
	b := &batch{key: key, losses: append([]float64{}, losses...)}
	if b.x, b.labels, err = data.Gather(l.ds.Val, idx, false); err != nil {
		return nil, fmt.Errorf("lessons: cnn: %w", err)
	}
	if b.pass, err = trainPass(model, b.x, convAt); err != nil {
		return nil, err
	}
	if b.fold, err = foldAllOf(model, b.x, convAt); err != nil {
		return nil, err
	}
	b.print, b.params = engine.TorchPrint(model), engine.ParamCount(model)
	l.cached = b
	return b, nil
}

// compute builds the view for p and seed; it returns the parameters as
// used (channel and sample clamped).
func (l *Lesson) compute(p params, seed uint64) (*View, params, error) {
	b, err := l.batch(p, seed)
	if err != nil {
		return nil, p, err
	}
	pass, convAt := b.pass, b.key.convAt
	v := &View{Seed: seed, Dataset: l.ds.Name, Synthetic: l.ds == train.SyntheticDigits(),
		Digit: "any", Batch: len(b.labels), Labels: b.labels, Steps: p.steps, Losses: b.losses,
		Conv: "features." + strconv.Itoa(convAt), BN: "features." + strconv.Itoa(convAt+1),
		ConvRepr: pass.convRepr, BNRepr: pass.bnRepr,
		Channels: pass.convOut.Shape[1], H: pass.convOut.Shape[2], W: pass.convOut.Shape[3]}
	if p.digit >= 0 {
		v.Digit = strconv.Itoa(p.digit)
	}
	if v.Batch < p.batch {
		v.Notices = append(v.Notices, lessons.Notef(keyBatch, strconv.Itoa(p.batch), strconv.Itoa(v.Batch),
			"the %s data set has only %d images of digit %s; the batch holds %d", l.ds.Name, v.Batch, v.Digit, v.Batch))
	}
	p.channel = clamp(&v.Notices, keyChannel, p.channel, v.Channels-1, "the layer "+v.Conv+" has channels 0 to ")
	p.sample = clamp(&v.Notices, keySample, p.sample, v.Batch-1, "the batch has samples 0 to ")
	v.Channel, v.Sample = p.channel, p.sample
	for i := range v.Batch {
		m := mapOf(b.x, i, 0)
		m.Label = fmt.Sprintf("sample %d (digit %d)", i, b.labels[i])
		v.Inputs = append(v.Inputs, m)
	}
	fillMaps(v, pass)
	fillStats(v, pass)
	if v.Bias, err = biasCheck(pass, p.channel); err != nil {
		return nil, p, err
	}
	v.Fold = b.fold.view(p.channel)
	v.TorchPrint, v.ParamCount = b.print, b.params
	v.ParamCountText = engine.FormatThousands(v.ParamCount)
	v.Formulas = formulas(v)
	v.Notes = notes(v)
	return v, p, nil
}

// clamp clamps a control value to [0, hi] with a notice.
func clamp(notes *[]lessons.Notice, key string, val, hi int, why string) int {
	if val <= hi {
		return val
	}
	*notes = append(*notes, lessons.Notef(key, strconv.Itoa(val), strconv.Itoa(hi), "%s=%d: %s%d; using %d", key, val, why, hi, hi))
	return hi
}

// trainPass runs x through features.0 … features.(convAt+1) in train
// mode, as a training step would, and restores every buffer afterwards so
// the model's running statistics stay those of training.
func trainPass(model *engine.Module, x *engine.Tensor, convAt int) (*pass, error) {
	feats, ok := model.Child("features").(*engine.Sequential)
	if !ok {
		return nil, fmt.Errorf("lessons: cnn: the model has no features Sequential")
	}
	conv, okc := feats.Layer(convAt).(*engine.Conv2d)
	bn, okb := feats.Layer(convAt + 1).(*engine.BatchNorm)
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
	pass := &pass{convRepr: conv.String(), bnRepr: bn.String(), eps: bn.Eps(),
		convBias: train.Float64s(conv.Bias.Value.Data)}
	for _, prm := range bn.Params() {
		if prm.Name == "weight" {
			pass.gamma = train.Float64s(prm.Value.Data)
		} else {
			pass.beta = train.Float64s(prm.Value.Data)
		}
	}
	for _, b := range bn.Buffers() {
		switch b.Name {
		case "running_mean":
			pass.rm = train.Float64s(b.Value.Data)
		case "running_var":
			pass.rv = train.Float64s(b.Value.Data)
		}
	}
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
	pass.mean, pass.vr = bn.BatchMean(), bn.BatchVar()
	return pass, nil
}

// mapOf copies channel ch of sample n of an (N, C, H, W) tensor.
func mapOf(t *engine.Tensor, n, ch int) Map {
	c, h, w := t.Shape[1], t.Shape[2], t.Shape[3]
	off := (n*c + ch) * h * w
	m := Map{H: h, W: w, Values: make([]float64, h*w), Lo: math.Inf(1), Hi: math.Inf(-1)}
	for i, f := range t.Data[off : off+h*w] {
		m.Values[i] = float64(f)
		m.Lo, m.Hi = math.Min(m.Lo, m.Values[i]), math.Max(m.Hi, m.Values[i])
	}
	return m
}

// fillMaps copies the highlighted channel of every sample and every
// channel of the chosen sample.
func fillMaps(v *View, pass *pass) {
	for n := range v.Batch {
		cm, bm := mapOf(pass.convOut, n, v.Channel), mapOf(pass.bnOut, n, v.Channel)
		cm.Label = fmt.Sprintf("sample %d, channel %d", n, v.Channel)
		bm.Label = cm.Label + " after BN"
		v.ConvMaps, v.BNMaps = append(v.ConvMaps, cm), append(v.BNMaps, bm)
	}
	for ch := range v.Channels {
		m := mapOf(pass.convOut, v.Sample, ch)
		m.Label = fmt.Sprintf("channel %d", ch)
		v.SampleMaps = append(v.SampleMaps, m)
	}
}

// fillStats reads the BN layer's statistics and parameters and checks
// the highlighted channel's against an independent float64 computation
// over its N × H × W values.
func fillStats(v *View, pass *pass) {
	n, h, w := v.Batch, v.H, v.W
	v.Reduction = Reduction{N: n, H: h, W: w, Count: n * h * w,
		Text: fmt.Sprintf("mean and variance over N × H × W = %d × %d × %d = %d values", n, h, w, n*h*w)}
	for ch := range v.Channels {
		v.AllChannels = append(v.AllChannels, ChannelRow{Channel: ch, Mean: pass.mean[ch], Var: pass.vr[ch],
			Gamma: pass.gamma[ch], Beta: pass.beta[ch], RunningMean: pass.rm[ch], RunningVar: pass.rv[ch]})
	}
	ch := v.Channel
	s := ChannelStats{Channel: ch, Mean: pass.mean[ch], Var: pass.vr[ch], Eps: pass.eps,
		Gamma: pass.gamma[ch], Beta: pass.beta[ch]}
	s.CheckMean, s.CheckVar = mapsStats(v.ConvMaps)
	s.OutMean, s.OutVar = mapsStats(v.BNMaps)
	s.Agree = math.Abs(s.Mean-s.CheckMean) <= 1e-6*math.Max(1, math.Abs(s.CheckMean)) &&
		math.Abs(s.Var-s.CheckVar) <= 1e-6*math.Max(1, s.CheckVar)
	v.Stats = s
}

// mapsStats returns the mean and biased variance of every value of
// the maps, two-pass in float64.
func mapsStats(maps []Map) (mean, variance float64) {
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
