// Package lessons holds the logic of every bnlab lesson: its state, its
// controls declared as data, its Step, and the view models the page and the
// stage draw. It imports the engine and the standard library only, so every
// lesson runs natively in `go test`; drawing lives in wasm/ and charts in
// lessons/charts.
//
// The course: Catalog lists every lesson in order (Meta.Ready says which
// are implemented), New builds one by id.
//
// The address: the URL hash carries the whole state,
// "#lesson=bn-steps&batch=8&gamma=1.5&seed=7". ParseHash reads any string
// into a State and Notices (clamped, rounded or ignored values; it never
// fails), Normalize does the same for one lesson's Values, and EncodeHash
// writes the canonical hash: every control in declaration order, then the
// seed, so that ParseHash(EncodeHash(s)) == s for every normalized s.
// Lessons whose actions change their own state (bn-steps' "next-batch")
// implement Stateful.
package lessons
