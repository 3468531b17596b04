/* global self, caches */
// The web app's service worker, at the root scope (docs/architecture.md, "Installable web app"):
// - web push: shows each pushed notice (JSON {type, title, body, url}) and, on a click, focuses
//   an open tab of the app on `url` or opens one;
// - an offline shell: index.html and the build's scripts and styles are cached at install (the
//   paths come from index.html, whose import map lists every chunk); navigations go to the
//   network first and fall back to the cached index.html when it cannot be reached. Files under
//   /assets/ are content-hashed, so the cached copy of one is always right. API answers are
//   never cached or even seen here: only navigations and the shell's files are handled.
// It is a plain file served from public/ (a static path Trusted Types allow, see
// src/lib/trusted-types.ts); the pages' CSP and the integrity of every chunk still apply, as
// cached answers are the server's own, headers included.

const CACHE = 'cardcoop-shell-v1';
const SHELL = '/';
const STATIC = ['/color-scheme.js', '/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png'];
const SERVER_PATHS = /^\/(api|health|metrics|\.well-known)(\/|$)/;
const ASSET = /^\/assets\/[\w.-]+$/;
const OPENS = '/member/notifications';
// Hashed files are the same bytes whatever the request's headers (the server varies on Origin).
const ANY = { ignoreVary: true };

/** Caches index.html and every file it names; drops cached assets of older builds. */
async function cacheShell(index) {
  const cache = await caches.open(CACHE);
  const html = await index.clone().text();
  const assets = [...new Set(html.match(/\/assets\/[\w.-]+\.(?:js|css)/g) ?? [])];
  const missing = [];
  for (const asset of assets) if (!(await cache.match(asset, ANY))) missing.push(asset);
  await cache.addAll(missing);
  await cache.put(SHELL, index);
  for (const request of await cache.keys()) {
    const { pathname } = new URL(request.url);
    if (ASSET.test(pathname) && !assets.includes(pathname) && pathname.endsWith('.js'))
      await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const index = await fetch(SHELL, { cache: 'no-cache' });
      if (!index.ok) throw new Error(`the app shell answered ${index.status}`);
      await cacheShell(index);
      await (await caches.open(CACHE)).addAll(STATIC);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** Network first; offline, the cached shell (the app routes on the client). */
async function navigate(event) {
  try {
    const response = await fetch(event.request);
    const type = response.headers.get('content-type') ?? '';
    // A fresh index.html (a new build): keep the shell in step, after answering.
    if (response.ok && type.startsWith('text/html'))
      event.waitUntil(cacheShell(response.clone()).catch(() => undefined));
    return response;
  } catch (error) {
    const shell = await caches.match(SHELL, ANY);
    if (shell) return shell;
    throw error;
  }
}

/** Hashed files never change: the cache first, the network (then cached) otherwise. */
async function asset(request) {
  const cached = await caches.match(request, ANY);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (SERVER_PATHS.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(navigate(event));
  else if (ASSET.test(url.pathname)) event.respondWith(asset(request));
  else if (STATIC.includes(url.pathname))
    event.respondWith(caches.match(request, ANY).then((cached) => cached ?? fetch(request)));
});

/** The app page a notice opens: a path of ours, the notification centre otherwise. */
function pageOf(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : OPENS;
}

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    // Not ours or garbled: still shown (browsers require a notification for every push).
  }
  const title = typeof message.title === 'string' ? message.title : 'CARD.COOP';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof message.body === 'string' ? message.body : '',
      icon: '/icons/icon-192.png',
      tag: typeof message.type === 'string' ? message.type : undefined,
      data: { url: pageOf(message.url) },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(pageOf(event.notification.data?.url), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const same = windows.find((client) => client.url === target);
      if (same) return same.focus();
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        return focused.navigate(target).catch(() => self.clients.openWindow(target));
      }
      return self.clients.openWindow(target);
    })(),
  );
});
