package cnn_test

import (
	"fmt"

	"bnlab/lessons/cnn"
	"bnlab/lessons/course"
)

// The cnn lesson on its stand-in data: the highlighted channel's
// statistics reduce over N × H × W, and eval-mode BN folded into the
// convolution gives the same output.
func ExampleLesson() {
	st, _ := course.ParseHash("#lesson=cnn&batch=4&channel=5")
	l, err := course.New(st.Lesson)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := l.Configure(st.Values, st.Seed); err != nil {
		fmt.Println(err)
		return
	}
	v := l.(*cnn.Lesson).View()
	fmt.Println(v.Conv, "→", v.BN, "channel", v.Channel)
	fmt.Println(v.Reduction.Text)
	fmt.Println("engine and independent statistics agree:", v.Stats.Agree)
	fmt.Println("folded conv = conv → BN (eval):", v.Fold.Same)
	fmt.Println("parameters:", v.ParamCountText)
	// Output:
	// features.0 → features.1 channel 5
	// mean and variance over N × H × W = 4 × 28 × 28 = 3136 values
	// engine and independent statistics agree: true
	// folded conv = conv → BN (eval): true
	// parameters: 1,693,130
}
