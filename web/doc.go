// Package web holds the HTML, CSS and JavaScript shell of bnlab: the lesson
// page (index.html: the shell and the controls panel; the lesson list and
// each lesson's section, with its prose from the lesson's package, are
// spliced in from the course by AssembleIndex), the 404 page, the stage
// document (stage.html, which runs the WebAssembly program in an iframe)
// and the training worker (worker.js). FS exports them for cmd/serve.
package web
