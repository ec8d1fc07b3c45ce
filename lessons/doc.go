// Package lessons is the contract every bnlab lesson is written against:
// the Lesson interface, controls declared as data (Control, ControlKind,
// Option), their Values, Normalize, which validates values against the
// controls and describes every change in a Notice, and ParseNumbers for
// typed number lists; the URL state of a lesson (State, Stateful) and its
// hash (ParseHash, EncodeHash, against a Catalog). It imports the engine
// and the standard library only.
//
// Each lesson lives in a package of its own below this one
// (lessons/bnsteps, lessons/dropout, …); lessons/course lists them in
// order.
package lessons
