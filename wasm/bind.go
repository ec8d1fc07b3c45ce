//go:build js && wasm

package main

// binders holds each lesson's stage binder constructor by lesson id; a
// lesson of the course without one gets a textStage (binderFor).
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
