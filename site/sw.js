// Offline support. The page registers this service worker at its first paint and starts the
// engine once it is active (site/app/offline.js); it takes the page at once (clients.claim), and
// every file of this build fetched through it is kept in the cache as it arrives, so a first visit
// downloads each file once (the HTTP cache cannot be relied on for a second copy: a private
// window's keeps no large file, and GitHub Pages says max-age=600). Once the engine is ready the
// page asks for the rest ("fill"): the files it did not fetch, or fetched before this worker was
// there. Hashed assets are served from the cache; pages from the network when it answers (so a
// new deploy shows at once) and from the cache when offline. Nothing from other origins.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `trackmybets-${VERSION}`;
const pending = new Map();   // url -> its download under way into the cache, so none is fetched twice at once

// BokehJS is kept while installing: Chromium compiles a script that a service worker caches
// then, in full and off the page's thread, so the page's first run of it is not held up compiling
// (measured on a first visit: its script ran in 0.18 s instead of 0.30 s, and the charts were
// embedded 0.12 s sooner). The engine waits for this (offline.js), about as long as BokehJS
// takes to download: a small part of what the engine itself downloads next.
self.addEventListener("install", (event) => {
  self.skipWaiting();
  const bokeh = FILES.filter((f) => /^assets\/bokeh\.[^/]*\.js$/.test(f)).map((f) => new URL(f, self.registration.scope).href);
  event.waitUntil(Promise.all(bokeh.map((url) => keep(url, fetch(url)))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(takeOver().then(() => self.clients.claim()));
});

// A new version keeps the hashed files of the one before that it still uses (DuckDB's and
// Pyodide's rarely change), so an update downloads only what changed; the rest is deleted.
async function takeOver() {
  const cache = await caches.open(CACHE);
  const used = new Set(FILES.filter((f) => f.startsWith("assets/")).map((f) => new URL(f, self.registration.scope).href));
  for (const name of await caches.keys()) {
    if (!name.startsWith("trackmybets-") || name === CACHE) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      if (used.has(request.url) && !(await cache.match(request))) await cache.put(request, await old.match(request));
    }
    await caches.delete(name);
  }
}

self.addEventListener("message", (event) => {
  if (event.data === "fill") event.waitUntil(fill(event.source?.url));
});

function keep(url, responded) {
  const kept = responded.then(async (response) => {
    if (response.ok) await (await caches.open(CACHE)).put(url, response);
  }).catch(() => {}).finally(() => pending.delete(url));
  pending.set(url, kept);
  return kept;
}

async function cached(url) {
  await pending.get(url);
  return (await caches.open(CACHE)).match(url);
}

// Hashed assets, and the page that asks (it has just loaded), are taken from the HTTP cache when
// it has them; the other pages are checked with the server, so that no older page is kept.
async function fill(asking) {
  for (const file of FILES) {
    const url = new URL(file, self.registration.scope).href;
    const mode = file.startsWith("assets/") || url === asking ? "force-cache" : "no-cache";
    if (!(await cached(url))) await keep(url, fetch(url, { cache: mode }));
  }
}

// The response goes on to the page while a copy of it is written to the cache.
function fromNetwork(event) {
  const responded = fetch(event.request);
  event.waitUntil(keep(event.request.url, responded.then((response) => response.clone())));
  return responded;
}

function asset(event) {
  return cached(event.request.url).then((hit) => hit || fromNetwork(event));
}

function page(event) {
  return fromNetwork(event).catch(() => caches.match(event.request, { ignoreSearch: true }));
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(url.pathname.includes("/assets/") ? asset(event) : page(event));
});
