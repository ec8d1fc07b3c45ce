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

  // The compiled engine, which the training worker instantiates too, so
  // that it neither downloads nor compiles app.wasm a second time.
  let compiled = null;

  // bnlabStartWorker lets the Go program start the training worker by its
  // plain file name (the server rewrites it to the hashed one). Its first
  // message is the compiled module (worker.js falls back to fetching
  // app.wasm when the first message is anything else).
  window.bnlabStartWorker = function () {
    const w = new Worker("worker.js");
    if (compiled) w.postMessage({ type: "module", module: compiled });
    return w;
  };

  // The download starts at once (it costs the page's thread nothing); the
  // compilation waits for the lesson's text to be painted.
  mark("fetch");
  const download = fetch("app.wasm").then((r) => ({ r }), (e) => ({ e }));

  async function start() {
    const ui = await page();
    window.bnlabPage = ui;
    if (ui.painted) await ui.painted;
    mark("painted");
    window.addEventListener("error", (e) => ui.fail("A script error stopped the stage: " + e.message));
    window.addEventListener("unhandledrejection", (e) => ui.fail("The stage stopped: " + (e.reason && e.reason.message || e.reason)));

    if (typeof WebAssembly !== "object" || typeof Go !== "function") {
      ui.fail("This browser cannot run WebAssembly, which the lab needs.");
      return;
    }

    const got = await download;
    if (got.e) {
      ui.fail("The engine could not be downloaded (" + got.e.message + "). Check your connection and reload.");
      return;
    }
    const response = got.r;
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

    // The engine compiles on background threads while this thread checks
    // for WebGL2 (creating a context takes a while with a software GPU).
    const go = new Go();
    const instantiating = WebAssembly.instantiateStreaming(response, go.importObject);
    instantiating.catch(() => { /* reported below */ });
    const probe = document.createElement("canvas");
    if (!probe.getContext("webgl2")) {
      ui.fail("This browser cannot draw the stage because WebGL2 is not available (it may be switched off, or hardware acceleration disabled).");
      return;
    }
    let result;
    try {
      result = await instantiating;
    } catch (e) {
      ui.fail("The engine could not start: " + e.message);
      return;
    }
    await counting;
    compiled = result.module;
    mark("compiled");
    ui.starting();
    go.run(result.instance).then(() => {
      if (ui.state !== "error") ui.fail("The engine stopped unexpectedly (exit code " + go.exitCode + ").");
    });
  }

  start();
})();
