package placement

import (
	"os"
	"strconv"
	"testing"
	"time"

	"bnlab/lessons/lessontest"
)

// TestMeasurePlacement is the measurement behind the placement lesson's
// tasks and reference numbers, run on demand:
//
//	BNLAB_MEASURE=1 [BNLAB_HASH='#lesson=placement&act=sigmoid'] [BNLAB_STEPS=1000] go test ./lessons/placement -run TestMeasurePlacement -v
//
// It trains the lesson on the page's MNIST subset (10,000 training and
// 2,000 test images, of which it validates on 500) and logs the results
// table every 100 steps.
func TestMeasurePlacement(t *testing.T) {
	if os.Getenv("BNLAB_MEASURE") == "" {
		t.Skip("set BNLAB_MEASURE=1 to run the measurement")
	}
	hash := os.Getenv("BNLAB_HASH")
	if hash == "" {
		hash = "#lesson=placement"
	}
	steps := 1000
	if s, err := strconv.Atoi(os.Getenv("BNLAB_STEPS")); err == nil {
		steps = s
	}
	l := lessontest.Open(t, New(), hash, lessontest.MNIST(t, 10000, 2000)).(*Lesson)
	start := time.Now()
	for i := 1; i <= steps; i++ {
		if err := l.Step(); err != nil {
			t.Fatal(err)
		}
		if i%100 == 0 {
			for _, s := range l.View().Summary {
				t.Logf("step %4d %-8s val %.3f (best %.3f at %d) loss %.3f sat %.3f diverged %v",
					i, s.Name, s.ValAcc, s.BestValAcc, s.BestValStep, s.RecentLoss, s.Saturated, s.Diverged)
			}
		}
	}
	t.Logf("%s: %d steps in %v", hash, steps, time.Since(start))
}
