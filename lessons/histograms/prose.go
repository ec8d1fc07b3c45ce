package histograms

import _ "embed"

// Prose is the lesson's text on the page: the body of its <section> after
// the title (cmd/serve writes the section, its kicker and its title from
// the course, web.AssembleIndex).
//
//go:embed prose.html
var Prose string
