package code_test

import (
	"fmt"

	"bnlab/lessons/code"
	"bnlab/lessons/course"
)

// The counts of the syllabus's two models, from the engine.
func ExampleLesson() {
	l, err := course.New("code")
	if err != nil {
		fmt.Println(err)
		return
	}
	v := l.(*code.Lesson).View()
	fmt.Println("PyTorch:", v.TorchParamsText)
	fmt.Println("Keras:", v.KerasTotal, v.KerasTrainable, v.KerasNonTrainable)
	for _, d := range v.Defaults[:2] {
		fmt.Printf("%s | %s | %s\n", d.Setting, d.PyTorch, d.Keras)
	}
	// Output:
	// PyTorch: 1,693,130
	// Keras: 825866 825162 704
	// BN epsilon | eps=1e-5 | epsilon=1e-3
	// BN momentum | momentum=0.1: running = 0.9·running + 0.1·batch (weights the NEW value) | momentum=0.99: moving = 0.99·moving + 0.01·batch (weights the OLD value)
}
