// Package web holds the HTML, CSS and JavaScript shell of bnlab: the lesson
// page (index.html with every lesson's prose, formulas in MathML, the
// controls panel and chart containers), the stage document (stage.html, which
// runs the WebAssembly program in an iframe) and the training worker
// (worker.js). FS exports them for cmd/serve.
package web
