// Package pages turns a lesson's view model into the HTML and SVG fragments
// the lesson page shows beside the stage: tables, charts (lessons/charts),
// numbers. It is pure Go and runs natively in tests; in the browser it runs
// inside the training worker, so rendering charts never costs the stage a
// frame. The stage only inserts the fragments into the page.
//
// Fragments are keyed by the id of the page element they replace; ids start
// with the lesson id (e.g. "histograms-loss") so lessons never collide. The
// fragments are produced by this package only (never from user text without
// escaping), and contain no scripts, event handlers or inline style
// attributes, so the page's Content-Security-Policy holds.
package pages
