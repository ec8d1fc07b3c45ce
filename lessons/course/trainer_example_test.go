package course_test

import (
	"fmt"

	"bnlab/lessons/course"
	"bnlab/lessons/placement"
	"bnlab/lessons/train"
)

// ExampleNeedsData gives a training lesson its data, as the page does once
// MNIST has loaded (there with DatasetFromCompact).
func ExampleNeedsData() {
	l, _ := course.New("placement")
	fmt.Println(l.Step())
	ds, _ := train.SyntheticDataset(200, 50, 0.5, 1)
	if err := l.(train.NeedsData).SetData(ds); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Step(), l.(*placement.Lesson).View().Train.Step)
	// Output:
	// lessons: no training data yet (the page calls SetData once MNIST has loaded)
	// <nil> 1
}
