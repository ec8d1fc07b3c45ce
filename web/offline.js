// offline.js: after one visit the lab works without a network. Once the
// lab is ready (main.js calls bnlabKeepOffline), a service worker (sw.js)
// stores the site's files; ?sw=0 runs without it (the network-fault tests
// use that). The page says when the browser is offline.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  function keepOffline() {
    if (keepOffline.done || !("serviceWorker" in navigator) || new URLSearchParams(location.search).get("sw") === "0") return;
    keepOffline.done = true;
    navigator.serviceWorker.register("sw.js").catch((e) => console.warn("bnlab: no offline copy:", e && e.message));
  }
  function showOnline() {
    const n = $("offline");
    n.hidden = navigator.onLine;
    n.textContent = navigator.onLine ? "" : "You are offline. The lab runs from the copy this browser keeps; everything is computed here, so the lessons still work.";
  }
  addEventListener("online", showOnline);
  addEventListener("offline", showOnline);
  showOnline();
  window.bnlabKeepOffline = keepOffline;
})();
