package charts

import (
	"fmt"
	"sync"

	"gonum.org/v1/plot/vg/draw"
)

// Drawing is one chart as it was drawn: its title, the numbers behind it
// as CSV (the same as the SVG's chart-data metadata), its SVG, and what it
// takes to paint it again at print resolution (PNG). Record collects them.
type Drawing struct {
	Title string
	CSV   string
	SVG   []byte
	size  Size
	paint func(draw.Canvas)
}

// recorder holds the drawings of the Record in progress.
var recorder struct {
	sync.Mutex
	on  bool
	got []Drawing
}

// records serialises Record calls.
var records sync.Mutex

// Record runs f and returns every chart drawn while it ran, in order. It is
// meant for programs that export figures (cmd/figures): a chart drawn by
// another goroutine while f runs is collected too.
func Record(f func() error) ([]Drawing, error) {
	records.Lock()
	defer records.Unlock()
	recorder.Lock()
	recorder.on, recorder.got = true, nil
	recorder.Unlock()
	err := f()
	recorder.Lock()
	got := recorder.got
	recorder.on, recorder.got = false, nil
	recorder.Unlock()
	return got, err
}

// recorded hands d to the Record in progress, if any.
func recorded(d Drawing) {
	recorder.Lock()
	if recorder.on {
		recorder.got = append(recorder.got, d)
	}
	recorder.Unlock()
}

// Size is the drawing's size in points.
func (d Drawing) Size() Size { return d.size }

// Paint paints the drawing again on c, which has the drawing's size, with
// the same margin and layout as its SVG (package chartpng makes PNGs so).
func (d Drawing) Paint(c draw.Canvas) error {
	if d.paint == nil {
		return fmt.Errorf("charts: %s: not a recorded drawing", d.Title)
	}
	d.paint(margin(c))
	return nil
}
