package train

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"bnlab/engine"
	"bnlab/lessons"
	"bnlab/lessons/export"
)

// ownCatalog is a catalog of one lesson: its own controls.
type ownCatalog []lessons.Control

func (ownCatalog) First() string                                 { return "" }
func (c ownCatalog) ControlsOf(string) ([]lessons.Control, bool) { return c, true }

// ExportSetup describes the networks t trains for export as PyTorch and
// Keras code (package export): the same layers (built from the plan, the
// noise of a BN + noise network left out and said so), initialisation,
// SGD settings, batch and data, trained for steps steps.
//
// The models are built only when the state changes: a lesson calls it on
// every frame, and the result is kept with the address, the data's sizes
// and steps that made it.
func (t *Base) ExportSetup(steps int) (export.Setup, error) {
	key := fmt.Sprint(lessons.EncodeHash(lessons.State{Lesson: t.ID, Values: t.Values, Seed: t.Seed}, ownCatalog(t.Decl)), steps, t.Data != nil)
	if t.Data != nil {
		key += fmt.Sprint(t.Data.Train.Len(), t.Data.Val.Len())
	}
	if t.export.key == key && len(t.Config.Nets) > 0 {
		return t.export.setup, nil
	}
	s, err := t.buildExport(steps)
	if err == nil {
		t.export.key, t.export.setup = key, s
	}
	return s, err
}

// buildExport is ExportSetup without the cache.
func (t *Base) buildExport(steps int) (export.Setup, error) {
	cfg := t.Config
	if len(cfg.Nets) == 0 {
		return export.Setup{}, errors.New("the lesson is not configured yet")
	}
	nTrain, nVal := 10000, 2000 // the page's MNIST subset, until the data is in
	in, classes := 784, 10
	if t.Data != nil {
		nTrain, nVal, in, classes = t.Data.Train.Len(), t.Data.Val.Len(), t.Data.InputSize(), t.Data.Classes
	}
	valSize, valEvery := cfg.ValSize, cfg.ValEvery
	if valSize <= 0 {
		valSize = 500
	}
	if valEvery == 0 {
		valEvery = 50
	}
	s := export.Setup{Lesson: t.ID, Address: "#" + lessons.EncodeHash(lessons.State{Lesson: t.ID, Values: t.Values, Seed: t.Seed}, ownCatalog(t.Decl)),
		Batch: cfg.Batch, LR: cfg.LR, Momentum: cfg.Momentum, Steps: steps, ValEvery: valEvery,
		TrainImages: nTrain, ValImages: min(nVal, valSize), Seed: t.Seed}
	if s.Batch == 0 {
		s.Batch = 60
	}
	for _, n := range cfg.Nets {
		spec := n.MLP
		spec.Sizes = append([]int(nil), spec.Sizes...)
		spec.Sizes[0], spec.Sizes[len(spec.Sizes)-1] = in, classes
		m, err := engine.NewMLP(spec, rand.New(rand.NewPCG(t.Seed, 1)))
		if err != nil {
			return export.Setup{}, fmt.Errorf("%s: %w", n.Name, err)
		}
		net := export.Net{Name: n.Name, Label: n.Label, Model: m, WeightStd: spec.WeightStd}
		if n.Noise.On() {
			net.Omitted = "the lab's random scale and shift after every BN layer (a variant of Santurkar et al.'s noise) has no standard layer and is left out: this is the plain BN network"
		}
		s.Nets = append(s.Nets, net)
	}
	return s, nil
}
