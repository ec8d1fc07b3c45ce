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
// The course: Lessons lists every lesson in order (id, number, section,
// titles, summary, constructor), written out once in course.go; Lookup
// finds one by id and New builds one configured with its defaults.
//
// The address: ParseHash and EncodeHash read and write the URL hash
// against the course (lessons.ParseHash, lessons.EncodeHash), so that
// ParseHash(EncodeHash(s)) == s for every normalized s.
package course
