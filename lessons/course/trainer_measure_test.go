package course

import (
	"os"
	"strconv"
	"testing"

	"bnlab/lessons/histograms"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/placement"
	"bnlab/lessons/train"
)

// TestMeasureTraining is the measurement behind the lessons' defaults, run
// on demand:
//
//	BNLAB_MEASURE=1 [BNLAB_HASH='#lesson=histograms&wscale=1'] [BNLAB_STEPS=500] \
//	    go test ./lessons/ -run TestMeasureTraining -v
//
// It trains the lesson given by the hash (default: histograms at its
// defaults) on 10,000 MNIST training images, validating on 1,000 test
// images every 50 steps, and logs per net the validation accuracy and, per
// layer, the pre-activation spread, the saturated share and the gradient norm.
func TestMeasureTraining(t *testing.T) {
	if os.Getenv("BNLAB_MEASURE") == "" {
		t.Skip("set BNLAB_MEASURE=1 to run the measurement")
	}
	hash := os.Getenv("BNLAB_HASH")
	if hash == "" {
		hash = "#lesson=histograms"
	}
	steps, err := strconv.Atoi(os.Getenv("BNLAB_STEPS"))
	if err != nil {
		steps = 500
	}
	l := open(t, hash, lessontest.MNIST(t, 10000, 1000))
	for i := 0; i < steps; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	var snap *train.TrainSnapshot
	switch v := viewOf(l).(type) {
	case *histograms.View:
		snap = v.Train
	case *placement.View:
		snap = v.Train
	}
	for _, n := range snap.Nets {
		t.Logf("%s (diverged %v): validation accuracy %v at steps %v", n.Label, n.Diverged, n.ValAcc.Values, n.ValAcc.Steps)
		for _, ls := range n.Layers {
			line := "  layer " + strconv.Itoa(ls.Layer) + ": pre mean " + strconv.FormatFloat(ls.Pre.Mean, 'g', 3, 64) +
				" std " + strconv.FormatFloat(ls.Pre.Std, 'g', 3, 64) +
				", saturated " + strconv.FormatFloat(ls.Saturated, 'f', 2, 64) +
				", grad norm " + strconv.FormatFloat(ls.GradNorm, 'g', 3, 64)
			if ls.Norm != nil {
				line += ", BN output std " + strconv.FormatFloat(ls.Norm.Std, 'g', 3, 64)
			}
			t.Log(line)
		}
	}
}
