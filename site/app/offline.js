// Offline support (site/sw.js). The service worker is registered at the first paint and the
// engine's worker starts once it is active, so that every file the engine fetches passes through
// it and is kept as it arrives: a first visit downloads each file once. Once the engine is ready,
// the service worker is asked to fetch the rest of the build (what a first visit does not need).
const supported = "serviceWorker" in navigator && location.protocol !== "file:";
const WAIT_MS = 3000;   // a service worker that does not come is not waited for longer

// Resolves once files fetched from now on pass through the service worker, or when they cannot.
export function registerOffline() {
  if (!supported) return Promise.resolve();
  const registered = navigator.serviceWorker.register("sw.js").catch(() => null);
  if (navigator.serviceWorker.controller) return Promise.resolve();
  const active = registered.then((registration) => registration && navigator.serviceWorker.ready);
  return Promise.race([active, new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
}

export function fillOffline() {
  if (supported) navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("fill"));
}
