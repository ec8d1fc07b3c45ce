// Command pagebench measures the bnlab page in headless Chromium on this
// machine, as a student's browser would load and run it.
//
//	go run ./cmd/pagebench            (builds and starts cmd/serve, then measures)
//	go run ./cmd/pagebench -url http://localhost:8080/   (an already running server)
//
// It builds the server binary from ./cmd/serve and runs it (so the site is
// built exactly as `go run ./cmd/serve` builds it, brotli included), then
// drives Chromium with chromedp (SwiftShader WebGL, a fresh profile, so the
// first load is a cold cache) and prints:
//
//   - bytes transferred on the first load (the sum of Network.loadingFinished
//     encodedDataLength: compressed bytes on the wire, headers included);
//   - milliseconds from navigation to first contentful paint (the lesson's
//     text) and to body[data-state=ready], cold and warm (median of -runs);
//   - requestAnimationFrame intervals p50/p95 in the stage iframe at its
//     default size, over -frames of playing animation;
//   - Go milliseconds per frame, read from the page's debug overlay
//     (#debug data-go-ms and its text), and training steps per second in the
//     first lesson that trains.
//
// It also prints the warm load's stages (navigation timing, then the
// bnlab:* User Timing marks of web/stage.js and wasm/marks.go) and the
// debug overlay's breakdown of the Go time per frame. With -trace PREFIX it
// records Chrome traces (a warm load, and the first -train lesson playing)
// to PREFIX-load.json and PREFIX-train.json instead, for the Performance
// panel of DevTools (with JavaScript/WebAssembly samples).
//
// Each figure is printed next to its target from issue 3.
package main
