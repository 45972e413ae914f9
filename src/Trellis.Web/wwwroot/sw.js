// Trellis service worker (issue 11 point 11): the safety plan stays readable with no network, from a cache that is
// emptied at sign-out. Nothing else is cached: every other page is fetched as usual.
const PLAN_CACHE = 'trellis-safety-plan';
const PLAN = '/my/safety-plan';
const SIGN_OUT = ['/account/logout', '/api/auth/logout'];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.method === 'POST' && SIGN_OUT.includes(url.pathname)) {
    // Empty the cache before the sign-out leaves, so a shared phone keeps no plan after it.
    event.respondWith(caches.delete(PLAN_CACHE).then(() => fetch(event.request)));
    return;
  }
  if (event.request.method !== 'GET' || url.pathname !== PLAN) return;
  event.respondWith(
    fetch(event.request).then(response => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(PLAN_CACHE).then(cache => cache.put(PLAN, copy));
      } else if (response.redirected) {
        // Signed out elsewhere (idle log-off, another device): what the cache holds is no longer theirs to see.
        caches.delete(PLAN_CACHE);
      }
      return response;
    }).catch(() => caches.open(PLAN_CACHE).then(cache => cache.match(PLAN)).then(hit => hit || new Response(
      '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Offline</title>' +
      '<h1>You are offline</h1><p>Your safety plan is kept on this phone once you have opened it while signed in.</p>' +
      '<p>In a crisis call or text <a href="tel:988">988</a>. In an emergency call 911.</p></html>',
      { headers: { 'Content-Type': 'text/html; charset=utf-8' } })))
  );
});
