// The web build's service worker: Layerboard keeps working offline once loaded (docs/DESIGN.md,
// "Share links"). The build writes `VERSION` and `SHELL` (the app's files) above this code
// (config/offlineShell.vite.ts); the Electron app loads its own files and has none.
/* global VERSION, SHELL */

const CACHE = `layerboard-${VERSION}`;

// The app's files are kept when it is first loaded, so a reload offline finds all of them, the
// modules it loads only later (the worker, the export's) included.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

// A new build's files replace the last one's: its cache goes, and this worker serves the page.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('layerboard-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Network first: online, every file is as fresh as without a service worker; offline, the copy
// kept when it was last fetched (a built-in dataset once a lesson used it). A page opened at any
// address of the app (a share link's fragment is not part of it) is the app's one page.
self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.headers.has('range')) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.status === 200) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        const kept =
          (await cache.match(request, { ignoreSearch: true })) ??
          (request.mode === 'navigate' ? await cache.match('./') : undefined);
        return kept ?? Response.error();
      }),
  );
});
