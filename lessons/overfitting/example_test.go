package overfitting_test

import (
	"fmt"

	"bnlab/lessons/course"
	"bnlab/lessons/overfitting"
	"bnlab/lessons/train"
)

// Four networks on a small subset of synthetic images: the view holds
// their curves and a results table with one row per network.
func ExampleLesson() {
	st, _ := course.ParseHash("#lesson=overfitting&n=200&steps=100&width=16")
	l, _ := course.New(st.Lesson)
	_ = l.Configure(st.Values, st.Seed)
	ds, _ := train.SyntheticDataset(300, 50, 0.5, 1)
	_ = l.(train.NeedsData).SetData(ds)
	for i := 0; i < 100; i++ {
		_ = l.Step()
	}
	v := l.(*overfitting.Lesson).View()
	fmt.Println(v.Done, v.Step, v.N, len(v.Nets[0].ValAcc.Steps))
	for _, r := range v.Results {
		fmt.Println(r.Name, r.FinalStep)
	}
	// Output:
	// true 100 200 5
	// plain 100
	// bn 100
	// dropout 100
	// bn-dropout 100
}
