//go:build js && wasm

package main

// binders holds each lesson's stage binder constructor by lesson id. A
// lesson whose binder is a
// stageBinder runs in the training worker; the others run on the stage.
var binders = map[string]func() binder{
	"bn-steps":      newBNSteps,
	"histograms":    func() binder { return &histogramsStage{} },
	"placement":     newPlacement,
	"cnn":           newCNNBinder,
	"dropout":       newDropoutBinder,
	"train-eval":    newTrainEvalBinder,
	"overfitting":   newOverfitting,
	"mistakes":      newMistakes,
	"small-batches": newSBBinder,
	"code":          newCodeBinder,
}
