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

// bnlabFetchData downloads the MNIST subset for lessons that train, posting
// byte progress to the stage, and resolves to its bytes. The plain quoted
// name is rewritten by the server to the content-hashed one.
self.bnlabFetchData = async function () {
  const what = "Downloading the MNIST images…";
  let response;
  try {
    response = await fetch("mnist.bin");
  } catch (e) {
    throw new Error("network error: " + (e && e.message || e));
  }
  if (!response.ok) throw new Error("the server answered " + response.status + " " + response.statusText);
  const total = Number(response.headers.get("X-Uncompressed-Length")) ||
    (response.headers.get("Content-Encoding") ? 0 : Number(response.headers.get("Content-Length"))) || 0;
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0, shown = 0;
  self.postMessage({ type: "progress", what, loaded, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    const now = Date.now();
    if (now - shown > 100) { shown = now; self.postMessage({ type: "progress", what, loaded, total }); }
  }
  self.postMessage({ type: "progress", what, loaded, total: total || loaded });
  const all = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.byteLength; }
  return all;
};

// The stage's first message is normally the engine it compiled already
// ({type:"module", module}); without one the worker downloads and compiles
// app.wasm itself.
self.bnlabQueue = [];
let started = false;
function start(module) {
  started = true;
  const go = new Go();
  const instance = module
    ? WebAssembly.instantiate(module, go.importObject)
    : WebAssembly.instantiateStreaming(fetch("app.wasm"), go.importObject).then((r) => r.instance);
  instance
    .then((i) => go.run(i))
    .then(() => self.postMessage({ type: "exit", code: go.exitCode }))
    .catch((e) => self.postMessage({ type: "error", message: String(e && e.message || e) }));
}
self.onmessage = (e) => {
  const d = e.data;
  if (!started && d && d.type === "module" && d.module instanceof WebAssembly.Module) {
    start(d.module);
    return;
  }
  if (!started) start(null);
  self.bnlabQueue.push(d);
};
