package course_test

import (
	"fmt"

	"bnlab/lessons"
	"bnlab/lessons/bnsteps"
	"bnlab/lessons/course"
)

// The page's round trip: read the address, build the lesson, configure it,
// draw its view, and write the canonical address back.
func ExampleParseHash() {
	st, notes := course.ParseHash("#lesson=bn-steps&x=3,5,7,9&gamma=2&beta=1&eps=9")
	for _, n := range notes {
		fmt.Println("notice:", n)
	}
	l, err := course.New(st.Lesson)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := l.Configure(st.Values, st.Seed); err != nil {
		fmt.Println(err)
		return
	}
	v := l.(*bnsteps.Lesson).View()
	fmt.Println(v.Formulas[0].Live)
	fmt.Println(v.Formulas[1].Live)
	fmt.Println(course.EncodeHash(st))
	// Output:
	// notice: eps=9 is above the maximum 1; using 1
	// μ = (3 + 5 + 7 + 9) / 4 = 6
	// σ² = ((−3)² + (−1)² + 1² + 3²) / 4 = 5
	// lesson=bn-steps&batch=8&x=3,5,7,9&shift=3&spread=2&skew=0&gamma=2&beta=1&eps=1&step=0&features=4&momentum=0.1&batches=1&seed=7
}

// Actions change a lesson's URL state; Stateful reports it.
func ExampleStateful() {
	l, _ := course.New("bn-steps")
	_ = l.Do("next-batch")
	_ = l.Do("next-batch")
	st := l.(lessons.Stateful).State()
	fmt.Println(st.Values["batches"], st.Seed)
	// Output: 3 7
}

func ExampleLessons() {
	for _, e := range course.Lessons()[:3] {
		fmt.Println(e.Number, e.ID, "·", e.Short)
	}
	// Output:
	// 1 bn-steps · The four steps
	// 2 histograms · Histograms
	// 3 placement · Placement
}
