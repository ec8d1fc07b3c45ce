package pages

import (
	"fmt"
	"sort"
	"sync"
)

// Panels maps a page element id to the HTML (or inline SVG) that becomes
// its content.
type Panels map[string]string

// Output is what a lesson's renderer makes of one view: the page fragments,
// the small payload the stage draws (JSON-serialisable; keep it to what the
// animation needs, a few kilobytes, since the stage decodes it on its frame
// budget), and the stage's text alternative for screen readers.
type Output struct {
	Panels Panels `json:"panels"`
	Stage  any    `json:"stage,omitempty"`
	Text   string `json:"text"`
}

// Renderer renders one lesson's view model.
type Renderer func(view any) (Output, error)

var (
	mu        sync.RWMutex
	renderers = map[string]Renderer{}
)

// Register makes r the renderer of lesson id. Each lesson's file registers
// itself from an init function; registering an id twice panics, since it is
// a programming error found by any test.
func Register(id string, r Renderer) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := renderers[id]; dup {
		panic("pages: renderer registered twice for " + id)
	}
	renderers[id] = r
}

// Render renders the view of lesson id. It fails for a lesson without a
// renderer or a view of the wrong type.
func Render(id string, view any) (Output, error) {
	mu.RLock()
	r, ok := renderers[id]
	mu.RUnlock()
	if !ok {
		return Output{}, fmt.Errorf("pages: no renderer for lesson %q", id)
	}
	return r(view)
}

// Has reports whether lesson id has a renderer.
func Has(id string) bool {
	mu.RLock()
	defer mu.RUnlock()
	_, ok := renderers[id]
	return ok
}

// IDs lists the lessons that have renderers, sorted.
func IDs() []string {
	mu.RLock()
	defer mu.RUnlock()
	ids := make([]string, 0, len(renderers))
	for id := range renderers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
