// worker.js runs the same app.wasm in a Web Worker, where there is no page
// to draw on: main.go sees WorkerGlobalScope and runs its message loop
// instead of the stage. Messages that arrive before Go is ready wait in a
// queue.
"use strict";
importScripts("wasm_exec.js", "download.js");

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
  return self.bnlabDownload(response, (loaded, total) => self.postMessage({ type: "progress", what, loaded, total }), 100, true);
};

// The worker downloads app.wasm as soon as it starts (by its URL, so that
// the browser's cache of compiled code applies), posting the bytes
// ({type:"wasm-progress", loaded, total}) to the stage, and compiles it, off
// the page's thread, once the stage says the lesson's text is painted
// ({type:"compile"}); it then posts the compiled module ({type:"module",
// module, transfer}, module null if that failed; transfer is the download's
// Resource Timing, bytes on the wire) to the stage, which instantiates the
// same module. Go runs here once the stage asks for the worker ({type:
// "start"}) or sends anything else; messages wait in bnlabQueue until Go
// takes over onmessage.
self.bnlabQueue = [];

async function download() {
  const response = await fetch("app.wasm");
  if (!response.ok) throw new Error("the server answered " + response.status + " " + response.statusText);
  self.bnlabDownload(response.clone(), (loaded, total) => self.postMessage({ type: "wasm-progress", loaded, total }), 50, false)
    .catch(() => { /* progress is cosmetic */ });
  return response;
}

const downloading = download();
downloading.catch(() => { /* reported when compiling */ });
let compiling = null;
function compile() {
  if (compiling) return compiling;
  compiling = downloading.then((r) => WebAssembly.compileStreaming(r));
  compiling.then(
    (module) => {
      const transfer = (self.performance && performance.getEntriesByType("resource") || [])
        .filter((e) => /\.wasm$/.test(e.name)).map((e) => ({ name: e.name, transferSize: e.transferSize }));
      try {
        self.postMessage({ type: "module", module, transfer });
      } catch (e) { // a browser that cannot share a module with the page
        self.postMessage({ type: "module", module: null });
      }
    },
    () => self.postMessage({ type: "module", module: null }));
  return compiling;
}

let started = false;
function start() {
  started = true;
  const go = new Go();
  compile()
    .catch(() => WebAssembly.compileStreaming(fetch("app.wasm")))
    .then((module) => WebAssembly.instantiate(module, go.importObject))
    .then((instance) => go.run(instance))
    .then(() => self.postMessage({ type: "exit", code: go.exitCode }))
    .catch((e) => self.postMessage({ type: "error", message: String(e && e.message || e) }));
}
self.onmessage = (e) => {
  const d = e.data;
  if (d && d.type === "compile") { compile(); return; }
  if (!started) start();
  if (d && d.type === "start") return;
  self.bnlabQueue.push(d);
};
