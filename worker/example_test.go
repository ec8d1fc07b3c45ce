package worker_test

import (
	"encoding/json"
	"fmt"

	"bnlab/lessons"
	"bnlab/lessons/example"
	"bnlab/worker"
)

// A host runs the example lesson through the frame route, as the page's
// training worker does: configure, three steps, and the frame that answers
// each message, whose stage payload the stage decodes into example.Stage.
func ExampleHost() {
	var last worker.Frame
	h := worker.NewHost(worker.Config{
		New: func(id string) (lessons.Lesson, error) {
			l := example.New()
			return l, l.Configure(lessons.Defaults(l.Controls()), lessons.DefaultSeed)
		},
		Hash:  func(s lessons.State) string { return "lesson=" + s.Lesson },
		Post:  func(o worker.Out) { last, _ = o.(worker.Frame) },
		Fetch: func() bool { return false },
	})
	h.Handle([]worker.In{{Kind: worker.Configure, Lesson: "example", Values: lessons.Values{"p": "0.3"}, Seed: 4, Gen: 1}})
	h.Render()
	for gen := 2; gen <= 4; gen++ {
		h.Handle([]worker.In{{Kind: worker.Step, Gen: gen}})
		h.Render()
	}
	var st example.Stage
	if err := json.Unmarshal([]byte(last.Stage), &st); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(last.Lesson, last.Gen, last.Steps, last.Playing, last.Error == "")
	fmt.Println(st.Flips, st.P)
	fmt.Println(last.Text != "", len(last.Panels["example-tally"]) > 0)
	// Output:
	// example 4 3 false true
	// 3 0.3
	// true true
}
