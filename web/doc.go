// Package web holds the HTML, CSS and JavaScript shell of bnlab: the lesson
// page (index.html: the shell, the lesson list and the controls panel; each
// lesson's prose, formulas in MathML and chart containers in its own
// lessons/NN-id.html, spliced in by AssembleIndex), the stage document (stage.html, which
// runs the WebAssembly program in an iframe) and the training worker
// (worker.js). FS exports them for cmd/serve.
package web
