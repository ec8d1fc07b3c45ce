// stage.js runs inside the stage iframe: it checks WebGL2, downloads
// app.wasm with real byte progress, and starts the Go program, which then
// binds to the parent page (window.parent.document, same origin).
"use strict";

(function () {
  // page returns the parent's bnlab API, waiting for main.js if needed.
  function page() {
    return new Promise((resolve) => {
      const t0 = Date.now();
      (function poll() {
        const p = window.parent && window.parent.bnlab;
        if (p || Date.now() - t0 > 5000) resolve(p || { progress() {}, starting() {}, ready() {}, fail(m) { console.error(m); }, notice() {} });
        else setTimeout(poll, 20);
      })();
    });
  }

  // Keys pressed while the stage has focus go to the page, where the
  // shortcuts live.
  document.addEventListener("keydown", (e) => {
    if (!window.parent || window.parent === window) return;
    const P = window.parent;
    P.document.dispatchEvent(new P.KeyboardEvent("keydown", { key: e.key, code: e.code, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey }));
    if (e.key === " " || e.key === "ArrowRight" || e.key === "ArrowLeft") e.preventDefault();
  });

  // bnlabStartWorker lets the Go program start the training worker by its
  // plain file name (the server rewrites it to the hashed one).
  window.bnlabStartWorker = function () { return new Worker("worker.js"); };

  async function start() {
    const ui = await page();
    window.bnlabPage = ui;
    window.addEventListener("error", (e) => ui.fail("A script error stopped the stage: " + e.message));
    window.addEventListener("unhandledrejection", (e) => ui.fail("The stage stopped: " + (e.reason && e.reason.message || e.reason)));

    const probe = document.createElement("canvas");
    if (!probe.getContext("webgl2")) {
      ui.fail("This browser cannot draw the stage because WebGL2 is not available (it may be switched off, or hardware acceleration disabled).");
      return;
    }
    if (typeof WebAssembly !== "object" || typeof Go !== "function") {
      ui.fail("This browser cannot run WebAssembly, which the lab needs.");
      return;
    }

    let response;
    try {
      response = await fetch("app.wasm");
    } catch (e) {
      ui.fail("The engine could not be downloaded (" + e.message + "). Check your connection and reload.");
      return;
    }
    if (!response.ok) {
      ui.fail("The engine could not be downloaded: the server answered " + response.status + " " + response.statusText + ".");
      return;
    }
    const total = Number(response.headers.get("X-Uncompressed-Length")) ||
      (response.headers.get("Content-Encoding") ? 0 : Number(response.headers.get("Content-Length"))) || 0;
    ui.progress(0, total);
    const counting = (async () => {
      const reader = response.clone().body.getReader();
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        ui.progress(loaded, total);
      }
    })().catch(() => { /* progress is cosmetic */ });

    const go = new Go();
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(response, go.importObject);
    } catch (e) {
      ui.fail("The engine could not start: " + e.message);
      return;
    }
    await counting;
    ui.starting();
    go.run(result.instance).then(() => {
      if (ui.state !== "error") ui.fail("The engine stopped unexpectedly (exit code " + go.exitCode + ").");
    });
  }

  start();
})();
