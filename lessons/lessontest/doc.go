// Package lessontest holds what the lesson packages' tests share: opening a
// lesson at an address, training it for a few steps on a small data set,
// and checking that its page panels are safe, well-formed HTML. It is
// imported only by tests.
package lessontest
