package course

import "fmt"

// ExampleDropoutLesson shows the ensemble count of the default dropout
// lesson (2 × 8 droppable units) and the meaning of p.
func ExampleDropoutLesson() {
	l, err := New("dropout")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := l.Step(); err != nil {
		fmt.Println(err)
		return
	}
	v := l.View().(*DropoutView)
	fmt.Println(v.Ensemble.SubNetworks, v.Layers[1].P, v.Layers[1].Keep, v.Layers[1].TrainScale)
	// Output: 65536 0.5 0.5 2
}

// ExampleTrainEval shows PyTorch's error for a batch of one in train mode.
func ExampleTrainEval() {
	l, err := New("train-eval")
	if err != nil {
		fmt.Println(err)
		return
	}
	v := l.View().(*TrainEvalView)
	fmt.Println(v.BatchOfOne.Error)
	// Output: forward of layer 1 (BatchNorm1d): engine: BatchNorm1d: Expected more than 1 value per channel when training, got input size (1, 100)
}
