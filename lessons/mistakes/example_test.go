package mistakes_test

import (
	"fmt"

	"bnlab/lessons/course"
	"bnlab/lessons/mistakes"
	"bnlab/lessons/train"
)

// Each mistake comes with a question and an answer to reveal; the
// experiment runs once the data has arrived.
func ExampleLesson() {
	st, _ := course.ParseHash("#lesson=mistakes&mistake=dropout-on&steps=50")
	l, _ := course.New(st.Lesson)
	_ = l.Configure(st.Values, st.Seed)
	v := l.(*mistakes.Lesson).View()
	fmt.Println(v.Title, v.Waiting, v.Question != "", v.Answer != "")
	ds, _ := train.SyntheticDataset(300, 50, 0.5, 1)
	_ = l.(train.NeedsData).SetData(ds)
	for i := 0; i < 100 && !l.(*mistakes.Lesson).View().Done; i++ {
		_ = l.Step()
	}
	r := l.(*mistakes.Lesson).View().DropoutOn
	fmt.Println(r.Fix.Mode, r.Fix.Identical, r.Mistake.Mode, r.Mistake.Identical)
	// Output:
	// Dropout left on at inference true true true
	// eval true dropout-on false
}
