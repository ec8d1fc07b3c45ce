// worker.js runs the same app.wasm in a Web Worker, where there is no page
// to draw on: main.go sees WorkerGlobalScope and runs its message loop
// instead of the stage. Messages that arrive before Go is ready wait in a
// queue.
"use strict";
importScripts("wasm_exec.js");

// Ebitengine's package initialisation reads `document`, `window` and
// `Document.prototype.hidden` even in a program that never draws. In a
// worker they do not exist, so give it inert stand-ins: every property is
// the same callable no-op, and nothing here is ever rendered.
(function () {
  const inert = new Proxy(function () {}, {
    get(target, key) {
      if (key === Symbol.toPrimitive) return () => 0;
      if (key === "then") return undefined;
      return inert;
    },
    set() { return true; },
    apply() { return inert; },
    construct() { return inert; },
  });
  self.document = inert;
  self.window = inert;
  self.Document = class { get hidden() { return true; } hasFocus() { return false; } };
})();

self.bnlabQueue = [];
self.onmessage = (e) => { self.bnlabQueue.push(e.data); };

const go = new Go();
WebAssembly.instantiateStreaming(fetch("app.wasm"), go.importObject)
  .then((r) => go.run(r.instance))
  .then(() => self.postMessage({ type: "exit", code: go.exitCode }))
  .catch((e) => self.postMessage({ type: "error", message: String(e && e.message || e) }));
