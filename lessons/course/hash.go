package course

import "bnlab/lessons"

// ParseHash reads an address hash against the course (lessons.ParseHash):
// "#lesson=bn-steps&batch=8&gamma=1.5&seed=7" gives that lesson, values
// and seed, and every value that was clamped, rounded or ignored is
// described by a Notice. It never fails.
func ParseHash(hash string) (lessons.State, []lessons.Notice) {
	return lessons.ParseHash(hash, catalog{})
}

// EncodeHash writes the canonical hash of s against the course
// (lessons.EncodeHash): ParseHash(EncodeHash(s)) returns s for every
// normalized s.
func EncodeHash(s lessons.State) string { return lessons.EncodeHash(s, catalog{}) }

// catalog is the course as the hash parser needs it.
type catalog struct{}

func (catalog) First() string { return FirstLesson() }

func (catalog) ControlsOf(id string) ([]lessons.Control, bool) {
	cs, err := ControlsOf(id)
	return cs, err == nil
}
