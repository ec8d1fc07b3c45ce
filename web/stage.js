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

  // mark records a User Timing mark on the lesson page's clock (see
  // wasm/marks.go): the load's stages, for DevTools and cmd/pagebench.
  function mark(name) {
    try { (window.parent || window).performance.mark("bnlab:" + name); } catch (e) { /* no marks */ }
  }

  // The training worker starts at once and downloads the engine, reporting
  // the bytes; once the lesson's text is painted it compiles it on its own
  // thread and posts the compiled module here ({type:"module", module};
  // module null if it could not). The stage instantiates the same module,
  // so this thread never compiles, and the worker runs its own copy once
  // the Go program asks for it (bnlabStartWorker, which hands out this
  // worker and sends "start"). bnlabWorkerTransfer keeps the worker's
  // Resource Timing of the download (cmd/pagebench counts those bytes: the
  // page's own network log does not show a worker's requests).
  mark("fetch");
  let early = null;
  try { early = new Worker("worker.js"); } catch (e) { early = null; }
  let shownProgress = null; // [loaded, total], shown once the page's API is known
  const fromWorker = new Promise((resolve) => {
    if (!early) { resolve(null); return; }
    const onMessage = (e) => {
      const d = e.data || {};
      if (d.type === "wasm-progress") {
        shownProgress = [d.loaded, d.total];
        if (window.bnlabPage) window.bnlabPage.progress(d.loaded, d.total);
      }
      if (d.type === "module") {
        early.removeEventListener("message", onMessage);
        window.bnlabWorkerTransfer = d.transfer || [];
        resolve(d.module || null);
      }
    };
    early.addEventListener("message", onMessage);
    early.addEventListener("error", () => resolve(null));
  });

  // bnlabStartWorker lets the Go program start the training worker by its
  // plain file name (the server rewrites it to the hashed one).
  window.bnlabStartWorker = function () {
    let w = early;
    early = null;
    if (!w) w = new Worker("worker.js");
    w.postMessage({ type: "start" });
    return w;
  };

  async function start() {
    const ui = await page();
    window.bnlabPage = ui;
    if (shownProgress) ui.progress(shownProgress[0], shownProgress[1]);
    if (ui.painted) await ui.painted;
    mark("painted");
    if (early) early.postMessage({ type: "compile" });
    window.addEventListener("error", (e) => ui.fail("A script error stopped the stage: " + e.message));
    window.addEventListener("unhandledrejection", (e) => ui.fail("The stage stopped: " + (e.reason && e.reason.message || e.reason)));

    if (typeof WebAssembly !== "object" || typeof Go !== "function") {
      ui.fail("This browser cannot run WebAssembly, which the lab needs.");
      return;
    }

    // The engine compiles on the worker's thread while this one checks
    // for WebGL2 (creating a context takes a while with a software GPU).
    const probe = document.createElement("canvas");
    if (!probe.getContext("webgl2")) {
      ui.fail("This browser cannot draw the stage because WebGL2 is not available (it may be switched off, or hardware acceleration disabled).");
      return;
    }
    const go = new Go();
    let result;
    const module = await fromWorker;
    if (module) {
      try {
        result = { module, instance: await WebAssembly.instantiate(module, go.importObject) };
      } catch (e) {
        ui.fail("The engine could not start: " + e.message);
        return;
      }
    } else {
      result = await compileHere(ui, go);
      if (!result) return;
    }
    mark("compiled");
    ui.starting();
    go.run(result.instance).then(() => {
      if (ui.state !== "error") ui.fail("The engine stopped unexpectedly (exit code " + go.exitCode + ").");
    });
  }

  // compileHere downloads and compiles the engine on this thread, when the
  // worker could not: it returns {module, instance} or null after failing.
  async function compileHere(ui, go) {
    let response;
    try {
      response = await fetch("app.wasm");
    } catch (e) {
      ui.fail("The engine could not be downloaded (" + e.message + "). Check your connection and reload.");
      return null;
    }
    if (!response.ok) {
      ui.fail("The engine could not be downloaded: the server answered " + response.status + " " + response.statusText + ".");
      return null;
    }
    const counting = self.bnlabDownload(response.clone(), (loaded, total) => ui.progress(loaded, total), 0, false)
      .catch(() => { /* progress is cosmetic */ });
    try {
      const result = await WebAssembly.instantiateStreaming(response, go.importObject);
      await counting;
      return result;
    } catch (e) {
      ui.fail("The engine could not start: " + e.message);
      return null;
    }
  }

  start();
})();
