package mistakes

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"bnlab/lessons/lessontest"
)

// TestMeasureMistakes runs every experiment of the mistakes lesson to its
// end on MNIST (first 2,000 training and 500 test images), on demand:
//
//	BNLAB_MEASURE=1 [BNLAB_STEPS=300] [BNLAB_MISTAKE=tiny-batch] go test ./lessons/ -run TestMeasureMistakes -v
//
// and logs each result with the engine time it took.
func TestMeasureMistakes(t *testing.T) {
	if os.Getenv("BNLAB_MEASURE") == "" {
		t.Skip("set BNLAB_MEASURE=1 to run the measurement")
	}
	steps := os.Getenv("BNLAB_STEPS")
	if steps == "" {
		steps = "300"
	}
	ds := lessontest.MNIST(t, 2000, 500)
	kinds := []string{MistakeEval, MistakeDropoutBN, MistakeTinyBatch, MistakeDropoutOn}
	if k := os.Getenv("BNLAB_MISTAKE"); k != "" {
		kinds = []string{k}
	}
	for _, m := range kinds {
		l := lessontest.Open(t, New(), "#lesson=mistakes&mistake="+m+"&steps="+steps, ds)
		start := time.Now()
		calls := 0
		for !l.(*Lesson).View().Done {
			if err := l.Step(); err != nil {
				t.Fatal(err)
			}
			calls++
		}
		v := l.(*Lesson).View()
		v.Question, v.Answer, v.Setup, v.MistakeText, v.FixText = "", "", "", "", ""
		if v.DropoutBN != nil {
			v.DropoutBN.Mistake.Units, v.DropoutBN.Fix.Units = v.DropoutBN.Mistake.Units[:4], v.DropoutBN.Fix.Units[:4]
		}
		b, _ := json.Marshal(v)
		t.Logf("%s: %v engine time, %d Step calls\n%s", m, time.Since(start), calls, b)
	}
}
