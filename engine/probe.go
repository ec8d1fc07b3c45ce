package engine

// Probe is what one layer saw during the last training or evaluation step:
// the activations going in and out of its Forward and the gradients going
// in and out of its Backward. The lessons draw histograms and percentile
// bands from it.
//
// Cost and lifetime: a container only keeps references to the tensors its
// layers already produced (no copies), so probes are free when nobody reads
// them. The tensors belong to the layers and are OVERWRITTEN by the next
// Forward (Input, Output) or Backward (GradOutput, GradInput) of the model:
// read them between steps, or call Clone to keep them. Do not modify them.
// Before the first Forward the tensors are nil; GradInput is nil for a first
// layer that computes no input gradient (see Sequential.SetNeedInputGrad).
// After an eval-mode Forward without Backward, the gradients are those of
// the last Backward (check Step and GradStep to tell).
type Probe struct {
	// Name is the layer's full dotted name, e.g. "classifier.2".
	Name  string
	Layer Layer
	// Input and Output are the last Forward's input and output.
	Input, Output *Tensor
	// GradOutput is the gradient given to the last Backward (dL/d output);
	// GradInput is what that Backward returned (dL/d input).
	GradOutput, GradInput *Tensor
	// Step counts the Forward calls, GradStep the Backward calls, seen by
	// this layer through its container.
	Step, GradStep int
}

// Clone returns a copy of p whose tensors are deep copies, safe to keep
// across steps.
func (p Probe) Clone() Probe {
	c := p
	c.Input, c.Output = cloneOrNil(p.Input), cloneOrNil(p.Output)
	c.GradOutput, c.GradInput = cloneOrNil(p.GradOutput), cloneOrNil(p.GradInput)
	return c
}

func cloneOrNil(t *Tensor) *Tensor {
	if t == nil {
		return nil
	}
	return t.Clone()
}

// probeSlot holds the references recorded for one child of a container.
type probeSlot struct {
	in, out, gOut, gIn *Tensor
	step, gStep        int
}

func (s *probeSlot) forward(x, y *Tensor) {
	s.in, s.out = x, y
	s.step++
}

func (s *probeSlot) backward(gy, gx *Tensor) {
	s.gOut, s.gIn = gy, gx
	s.gStep++
}

// prober is implemented by containers.
type prober interface {
	appendProbes(out []Probe, prefix string) []Probe
}

func (k *container) appendProbes(out []Probe, prefix string) []Probe {
	for i, c := range k.children {
		if p, ok := c.Layer.(prober); ok {
			out = p.appendProbes(out, prefix+c.Name+".")
			continue
		}
		s := &k.probes[i]
		out = append(out, Probe{Name: prefix + c.Name, Layer: c.Layer,
			Input: s.in, Output: s.out, GradOutput: s.gOut, GradInput: s.gIn,
			Step: s.step, GradStep: s.gStep})
	}
	return out
}

// Probes returns one Probe per leaf layer of m (containers are walked, not
// listed), in forward order. A layer that is not a container has no probes
// and gives nil.
func Probes(m Layer) []Probe {
	p, ok := m.(prober)
	if !ok {
		return nil
	}
	return p.appendProbes(nil, "")
}

// ProbeOf returns the probe of the leaf layer with the given full name
// ("features.1"), and false when there is none.
func ProbeOf(m Layer, name string) (Probe, bool) {
	for _, p := range Probes(m) {
		if p.Name == name {
			return p, true
		}
	}
	return Probe{}, false
}
