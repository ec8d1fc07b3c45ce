// Package course is bnlab's course: the ordered list of lessons, each in
// its own package (lessons/bnsteps, lessons/histograms, …), with the
// constructors that build them. Only this package imports the lessons; no
// lesson imports another.
//
// The course: Lessons lists every lesson in order (id, number, section,
// titles, summary, constructor), written out once in course.go; Lookup
// finds one by id and New builds one configured with its defaults.
//
// The address: ParseHash and EncodeHash read and write the URL hash
// against the course (lessons.ParseHash, lessons.EncodeHash), so that
// ParseHash(EncodeHash(s)) == s for every normalized s.
package course
