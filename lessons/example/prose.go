package example

import _ "embed"

// Prose is the lesson's text on the page: the body of its <section> after
// the title (web.AssembleIndex writes the rest from the course).
//
//go:embed prose.html
var Prose string
