// download.js: the one download-with-progress loop, shared by stage.js (the
// engine, when the worker cannot compile it) and worker.js (the engine and
// the MNIST images).
"use strict";

// bnlabDownloadTotal is a response's length before compression: the
// server's X-Uncompressed-Length, or Content-Length when nothing is
// compressed, or 0 when it is unknown.
self.bnlabDownloadTotal = function (response) {
  return Number(response.headers.get("X-Uncompressed-Length")) ||
    (response.headers.get("Content-Encoding") ? 0 : Number(response.headers.get("Content-Length"))) || 0;
};

// bnlabDownload reads response's body to the end, calling
// onProgress(loaded, total) at the start, at most every everyMs while bytes
// arrive, and at the end (with total = loaded when it was unknown). It
// resolves to the body's bytes when keep is true, and to undefined
// otherwise (read a clone when the response itself is consumed elsewhere,
// e.g. by WebAssembly.instantiateStreaming).
self.bnlabDownload = async function (response, onProgress, everyMs, keep) {
  const total = self.bnlabDownloadTotal(response);
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0, shown = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (keep) chunks.push(value);
    loaded += value.byteLength;
    const now = Date.now();
    if (now - shown >= everyMs) { shown = now; onProgress(loaded, total); }
  }
  onProgress(loaded, total || loaded);
  if (!keep) return undefined;
  const all = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.byteLength; }
  return all;
};
