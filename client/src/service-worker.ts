/// <reference lib="webworker" />
/**
 * The service worker: the app opens with no network. It keeps the app shell (index.html and the
 * built assets, one cache per build) and the last answer of each API read a page needs offline
 * (`fetch-strategy.ts` says which), and answers from them only when the network fails. It never
 * touches the live transports (collab, socket.io) nor any write.
 *
 * Built by `vite.config.mts` into /sw.js on its own (no chunk shared with the app), with
 * `__SW_SHELL__` replaced by the build's file list and a version hashed from it, so every new
 * build is a new sw.js, which browsers notice and install beside the running one. The new worker
 * waits until the page asks it to take over (`app-update.ts`): never under someone's typing.
 */
import { DATA_CACHE, OFFLINE_COPY_HEADER } from './offline/names';
import { mayKeep, strategyFor } from './offline/fetch-strategy';

declare const self: ServiceWorkerGlobalScope;
declare const __SW_SHELL__: { version: string; files: string[] };

const SHELL_PREFIX = 'syllabus-shell-';
const SHELL_CACHE = `${SHELL_PREFIX}${__SW_SHELL__.version}`;
const INDEX = '/index.html';
/** Past this, a navigation is answered from the shell: a hanging network must not keep the app from opening. */
const NAVIGATION_TIMEOUT_MS = 5000;

self.addEventListener('install', (event) => {
  // `reload`: the HTTP cache may hold an older index.html (it is served for an hour as a file).
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(__SW_SHELL__.files.map((file) => new Request(file, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  switch (strategyFor(request, self.location.origin)) {
    case 'page':
      return event.respondWith(page(request));
    case 'asset':
      return event.respondWith(asset(request));
    case 'data':
      return event.respondWith(data(request, (keeping) => event.waitUntil(keeping)));
    case 'none':
      return;
  }
});

async function page(request: Request): Promise<Response> {
  const network = fetch(request);
  try {
    return await withTimeout(network, NAVIGATION_TIMEOUT_MS);
  } catch {
    // With no shell kept yet (the first visit), the network is all there is: keep waiting for it.
    return (await caches.match(INDEX, { cacheName: SHELL_CACHE })) ?? network;
  }
}

async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  return cached ?? fetch(request);
}

/**
 * Network first. Whatever the server answers is passed on as it is (a 403 or 404 is the truth,
 * never replaced by an older copy); only a failed fetch is answered from the kept copy, marked
 * with when it was fetched so the page can say so. The answer is passed on before it is written
 * to the cache (`later` keeps the worker alive for the write): the page never waits for the disk.
 */
async function data(request: Request, later: (work: Promise<void>) => void): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    // ignoreVary: the copy is this device's, whatever the server's Vary says about shared caches.
    const kept = await caches.match(request, { cacheName: DATA_CACHE, ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
  if (mayKeep(response)) later(keep(request, response.clone()));
  return response;
}

async function keep(request: Request, response: Response): Promise<void> {
  try {
    const body = await response.arrayBuffer();
    const headers = new Headers(response.headers);
    headers.set(OFFLINE_COPY_HEADER, new Date().toISOString());
    const cache = await caches.open(DATA_CACHE);
    if (new URL(request.url).pathname === '/api/me') await forgetOtherPerson(cache, body);
    await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  } catch {
    // A full or missing cache storage only means less is kept for offline: the page has its answer.
  }
}

/**
 * Someone else signed in on this device (without signing out, which deletes the cache): nothing
 * kept for the previous person may be shown to them offline.
 */
async function forgetOtherPerson(cache: Cache, body: ArrayBuffer): Promise<void> {
  const before = await cache.match('/api/me');
  if (!before) return;
  const previous = identity(await before.text());
  const current = identity(new TextDecoder().decode(body));
  if (previous === current) return;
  for (const entry of await cache.keys()) await cache.delete(entry);
}

function identity(json: string): string | null {
  try {
    const me = JSON.parse(json) as { id?: unknown; workspace?: unknown };
    return `${String(me.workspace)}/${String(me.id)}`;
  } catch {
    return null;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
