package overfitting

import (
	"os"
	"strconv"
	"testing"

	"bnlab/lessons/lessontest"
)

// TestMeasureOverfitting is the measurement behind the overfitting
// lesson's defaults and learning-rate presets, run on demand:
//
//	BNLAB_MEASURE=1 [BNLAB_HASH='#lesson=overfitting&lr=1'] go test ./lessons/ -run TestMeasureOverfitting -v
//
// It trains the lesson to its steps budget on MNIST (10,000 training
// images, of which the lesson uses the first n; 2,000 test images, of which it validates on 500) and
// logs the results table.
func TestMeasureOverfitting(t *testing.T) {
	if os.Getenv("BNLAB_MEASURE") == "" {
		t.Skip("set BNLAB_MEASURE=1 to run the measurement")
	}
	hash := os.Getenv("BNLAB_HASH")
	if hash == "" {
		hash = "#lesson=overfitting"
	}
	l := lessontest.Open(t, New(), hash, lessontest.MNIST(t, 10000, 2000))
	for !l.(*Lesson).View().Done {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
	}
	v := l.(*Lesson).View()
	for _, r := range v.Results {
		t.Logf("%-40s best val %.3f at %4d, final train %.3f val %.3f gap %+.3f, diverged %v at %d, stalled %v",
			r.Label, r.BestValAcc, r.BestValStep, r.FinalTrainAcc, r.FinalValAcc, r.FinalGap, r.Diverged, r.DivergedAt, r.Stalled)
	}
	t.Log("lr " + strconv.FormatFloat(v.LR, 'g', -1, 64))
}
