package train

import "bnlab/lessons"

// The URL keys of the controls that the training lessons share, so that
// "lr" means the learning rate in every lesson that has one.
const (
	KeyDataset = "dataset"
	KeyNoise   = "noise"
	KeyWidth   = "width"
	KeyBatch   = "batch"
	KeyMode    = "mode"
	KeyLR      = "lr"
	KeySpeed   = "speed"
	KeyDepth   = "depth"
	KeyAct     = "act"
	KeyLayer   = "layer"
	KeyP       = "p"

	// ActStepOne is the action that runs exactly one training step,
	// whatever the speed.
	ActStepOne = "step-one"
)

// MLPWidth is the hidden width of the deep MLP lessons (histograms,
// placement): 100 units, as Ioffe & Szegedy's MNIST network.
const MLPWidth = 100

// HistoryCap is the most points a history series keeps.
const HistoryCap = 1000

// MaxShownInputs is the most input units a network diagram draws.
const MaxShownInputs = 16

// activationOptions are the activations a training lesson offers.
var Activations = []lessons.Option{
	{Value: "sigmoid", Label: "sigmoid"}, {Value: "tanh", Label: "tanh"}, {Value: "relu", Label: "ReLU"},
}
