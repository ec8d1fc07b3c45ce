package course

import "bnlab/lessons"

// The URL keys of the controls that the training lessons share, so that
// "lr" means the learning rate in every lesson that has one.
const (
	dkDataset = "dataset"
	dkNoise   = "noise"
	dkWidth   = "width"
	dkBatch   = "batch"
	dkMode    = "mode"
	dkLR      = "lr"
	dkSpeed   = "speed"
	keyDepth  = "depth"
	keyAct    = "act"
	keyLayer  = "layer"
	teP       = "p"
)

// histWidth is the hidden width of the deep MLP lessons (histograms,
// placement): 100 units, as Ioffe & Szegedy's MNIST network.
const histWidth = 100

// historyCap is the most points a history series keeps.
const historyCap = 1000

// maxShownInputs is the most input units a network diagram draws.
const maxShownInputs = 16

// activationOptions are the activations a training lesson offers.
var activationOptions = []lessons.Option{
	{Value: "sigmoid", Label: "sigmoid"}, {Value: "tanh", Label: "tanh"}, {Value: "relu", Label: "ReLU"},
}
