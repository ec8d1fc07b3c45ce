// Package pages holds what the lessons' page renderers share: the list of
// notes, inline SVG made safe for the page's Content Security Policy, the
// training lessons' panels, and FrameOf, which turns a renderer's Output
// into the lesson's lessons.Frame. Each lesson renders its own panels
// (page.go in its package); this package knows no lesson. It is pure Go and
// runs natively in tests; in the browser it runs inside the training
// worker, so rendering charts never costs the stage a frame.
//
// Panels are keyed by the id of the page element they replace; ids start
// with the lesson id (e.g. "histograms-loss") so lessons never collide.
// Panels are made by the lessons only (never from user text without
// escaping), and contain no scripts, event handlers or inline style
// attributes, so the page's Content-Security-Policy holds.
package pages
