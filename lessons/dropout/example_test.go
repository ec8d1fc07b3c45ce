package dropout

import (
	"fmt"

	"bnlab/lessons/lessontest"
)

// ExampleDropoutLesson shows the ensemble count of the default dropout
// lesson (2 × 8 droppable units) and the meaning of p.
func ExampleLesson() {
	l, err := lessontest.Defaults(New())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := l.Step(); err != nil {
		fmt.Println(err)
		return
	}
	v := l.(*Lesson).View()
	fmt.Println(v.Ensemble.SubNetworks, v.Layers[1].P, v.Layers[1].Keep, v.Layers[1].TrainScale)
	// Output: 65536 0.5 0.5 2
}
