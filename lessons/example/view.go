package example

// View is the lesson's state as its page and tests read it.
type View struct {
	P            float64
	Flips, Heads int
	// Share is Heads / Flips (0 before the first flip).
	Share float64
}

// View returns the current view.
func (l *Lesson) View() *View {
	v := &View{P: l.p, Flips: l.flips, Heads: l.heads}
	if l.flips > 0 {
		v.Share = float64(l.heads) / float64(l.flips)
	}
	return v
}
