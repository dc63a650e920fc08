/* Shebao Station service worker (web host mode only; never under app://).
 *
 * Lets a station reopen the app without a network: the app shell and built
 * assets are precached at install. Strategies:
 *  - /api/…            never touched (sync must always see the real network)
 *  - navigations and index.html: network first, cache as fallback, so an
 *    online station always gets the current release
 *  - hashed assets and region data: cache first (their names change when
 *    their content does; region files are fixed per release)
 * The precache list and version are written in at build time by the Vite
 * plugin in vite.config.ts (this file is plain JS on purpose: it is copied,
 * not bundled, and must never be inlined into the page).
 */
const PRECACHE = self.__PRECACHE__;
const VERSION = self.__VERSION__;
const CACHE = `shebao-shell-${VERSION}`;
const REGIONS = `shebao-regions-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((p) => new URL(p, self.registration.scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k !== REGIONS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(new URL('./index.html', self.registration.scope).href, response.clone());
    return response;
  } catch (error) {
    const cached =
      (await cache.match(new URL('./index.html', self.registration.scope).href)) ?? (await cache.match(request));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request, cacheName) {
  // Look in every cache of ours: tree.json is precached in the shell cache.
  const cached = await caches.match(request);
  if (cached) return cached;
  const cache = await caches.open(cacheName);
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scopePath = new URL(self.registration.scope).pathname;
  const rel = url.pathname.startsWith(scopePath) ? url.pathname.slice(scopePath.length) : url.pathname;
  if (rel.startsWith('api/') || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate' || rel === '' || rel === 'index.html') {
    event.respondWith(networkFirst(request));
    return;
  }
  if (rel.startsWith('regions/')) {
    event.respondWith(cacheFirst(request, REGIONS));
    return;
  }
  if (rel.startsWith('assets/') || rel === 'sw.js') {
    if (rel === 'sw.js') return; // the browser checks for updates itself
    event.respondWith(cacheFirst(request, CACHE));
  }
});
