// Package charts draws bnlab's figures with gonum/plot and renders them to
// small, deterministic SVG documents for the page: histograms of
// activations before and after normalisation, loss and accuracy curves,
// percentile bands over training (Ioffe & Szegedy 2015, Fig. 1), bar
// charts, and bn-steps' running statistics.
//
// Every chart shares one style: the Okabe–Ito colour-blind-safe palette
// with a distinct dash pattern per series (so colour is never the only
// cue), Liberation Sans with browser fallbacks, 10–13 pt text, a title and
// axis labels, light horizontal grid lines and nothing else. Fonts are not
// embedded (gonum's vgsvg default), and each SVG carries role="img" and a
// <title> for screen readers.
package charts
