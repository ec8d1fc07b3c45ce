package traineval_test

import (
	"fmt"

	"bnlab/lessons/course"
	"bnlab/lessons/traineval"
)

// ExampleTrainEval shows PyTorch's error for a batch of one in train mode.
func ExampleLesson() {
	l, err := course.New("train-eval")
	if err != nil {
		fmt.Println(err)
		return
	}
	v := l.(*traineval.Lesson).View()
	fmt.Println(v.BatchOfOne.Error)
	// Output: forward of layer 1 (BatchNorm1d): engine: BatchNorm1d: Expected more than 1 value per channel when training, got input size (1, 100)
}
