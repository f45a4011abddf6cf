// Service worker: keeps the app shell on the device so the console opens with no network (the
// Firestore cache then serves the data and the queued edits). Hashed assets are cache-first; the
// page and config.js are served from the cache at once and refreshed in the background.
const CACHE = "kirana-shell-v1";

self.addEventListener("install", (event) => {
  // The page, its config and every built asset (listed in precache.json by the build).
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const assets = await fetch("/precache.json", { cache: "no-cache" }).then((r) => (r.ok ? r.json() : []), () => []);
      await cache.addAll(["/", "/config.js", ...assets]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

async function fromNetworkAndStore(request, key) {
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(key || request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // Firestore, Auth: their own caches
  if (url.pathname.startsWith("/v1/") || url.pathname.startsWith("/__/")) return; // API: always live

  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fromNetworkAndStore(request)));
    return;
  }
  // The page (any SPA route) and config.js: stale-while-revalidate.
  const key = request.mode === "navigate" ? "/" : request;
  event.respondWith(
    caches.match(key).then((hit) => {
      const refresh = fromNetworkAndStore(request, key).catch(() => hit);
      if (hit) {
        event.waitUntil(refresh.then(() => undefined, () => undefined));
        return hit;
      }
      return refresh.then((r) => r || Response.error());
    }),
  );
});
