// Package course holds bnlab's lessons and the course that orders them: each
// lesson's state, controls declared as data, Step, and the view models the
// page and the stage draw. It imports the lesson contract (package
// lessons), the engine and the standard library, plus lessons/charts for
// the running-statistics type, so every lesson runs natively in `go test`;
// drawing lives in wasm/ and the page fragments in lessons/pages.
//
// The lessons are leaving this package for one package each
// (lessons/<name>, DESIGN.md); until then they share it.
//
// The course: Catalog lists every lesson in order (Meta.Ready says which
// are implemented), New builds one by id.
//
// The address: the URL hash carries the whole state,
// "#lesson=bn-steps&batch=8&gamma=1.5&seed=7". ParseHash reads any string
// into a State and Notices (clamped, rounded or ignored values; it never
// fails), lessons.Normalize does the same for one lesson's Values, and
// EncodeHash writes the canonical hash: every control in declaration order,
// then the seed, so that ParseHash(EncodeHash(s)) == s for every normalized
// s. Lessons whose actions change their own state (bn-steps' "next-batch")
// implement Stateful.
package course
