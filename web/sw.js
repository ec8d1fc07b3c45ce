// sw.js: the service worker that keeps the lab working offline after one
// visit. cmd/serve writes the site's files into ASSETS and their version
// into VERSION when it builds the site. On install it stores them all;
// content-hashed files (whose names change with their content) are then
// served from that copy, and the pages (index.html, stage.html) from the
// network when it answers, else from the copy. A new build has a new
// VERSION: its worker stores the new files and deletes the old copy.
"use strict";

const VERSION = "";
const ASSETS = [];
const CACHE = "bnlab-" + VERSION;
const hashed = new Set(ASSETS.filter((a) => /\.[0-9a-f]{8,}\./.test(a)));

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("bnlab-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  const name = url.pathname.replace(/^\//, "");
  if (hashed.has(name)) {
    // Immutable: the stored copy is the file. Range requests go to the network.
    if (req.headers.has("range")) return;
    e.respondWith(caches.match(req, { cacheName: CACHE }).then((hit) => hit || fetch(req)));
    return;
  }
  // Pages and the other files: the network first, so an update shows at once.
  e.respondWith(fetch(req).catch(() => caches.match(req, { cacheName: CACHE, ignoreSearch: true })
    .then((hit) => hit || (req.mode === "navigate" ? caches.match("./", { cacheName: CACHE }) : undefined))
    .then((hit) => hit || Response.error())));
});
