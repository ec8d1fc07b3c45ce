package smallbatch_test

import (
	"fmt"

	"bnlab/lessons/course"
	"bnlab/lessons/smallbatch"
)

// The same sample in two batches: only BN's output changes.
func ExampleLesson() {
	st, _ := course.ParseHash("#lesson=small-batches&batch=2&shape=dense")
	l, err := course.New(st.Lesson)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := l.Configure(st.Values, st.Seed); err != nil {
		fmt.Println(err)
		return
	}
	v := l.(*smallbatch.Lesson).View()
	for _, r := range v.Compare.Rows {
		fmt.Printf("%s: same output in both batches: %v\n", r.Kind, r.Same)
	}
	fmt.Println(v.BatchOfOne.DenseError)
	// Output:
	// BatchNorm1d: same output in both batches: false
	// LayerNorm: same output in both batches: true
	// GroupNorm: same output in both batches: true
	// engine: BatchNorm1d: Expected more than 1 value per channel when training, got input size (1, 8)
}
