/**
 * Which of the service worker's ways of answering a request applies: a pure function of the
 * request, so the choice can be read and tested without a browser.
 *
 * - `page`: a navigation. Network first; with no network, the app shell's index.html (the client
 *   routes itself, as the server's own fallback does).
 * - `asset`: a built file under /assets/. Its name carries a hash of its content, so a cached copy
 *   can never be stale: cache first.
 * - `data`: a GET of the JSON a page shows offline. Network first; a 200 JSON answer is kept, and
 *   the kept copy answers only when the network fails.
 * - `none`: not the worker's business; the browser fetches it as if there were no worker.
 */
import { KEEP_HEADER } from './names';

export type Strategy = 'page' | 'asset' | 'data' | 'none';

/** What the strategy reads of a request (a `Request` fits). */
export interface RequestFacts {
  method: string;
  url: string;
  mode: string;
  headers: { get(name: string): string | null };
}

/**
 * The API reads whose last answers let the workspace and a section open offline: who is signed
 * in, the dashboard and its titles, the sections, a section's comments, reviews and approved
 * text, the notifications, and the people those name. An allow-list, not a deny-list: a route
 * added later is not kept on people's devices until someone decides it should be. So nothing
 * else is kept: search (endless queries, and stale hits would mislead), exports and their files
 * (downloads, and a job's state is only true live), the health check (it must say what the
 * server says now), the audit log, invitations, versions and diffs (large, and not needed to
 * open and write).
 */
const KEPT_API_ROUTES: readonly RegExp[] = [
  /^\/api\/me$/,
  /^\/api\/dashboard$/,
  /^\/api\/outline$/,
  /^\/api\/sections$/,
  /^\/api\/sections\/[^/]+$/,
  /^\/api\/sections\/[^/]+\/(threads|reviews|approved)$/,
  /^\/api\/notifications$/,
  /^\/api\/people$/,
];

/** Paths the worker never answers: live transports, which the browser must see fail or succeed. */
const LIVE_PATHS = /^\/(collab|socket\.io)(\/|$)/;

export function strategyFor(request: RequestFacts, origin: string): Strategy {
  // Only reads can be answered from a copy; a write must reach the server or fail visibly.
  if (request.method !== 'GET') return 'none';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'none';
  if (LIVE_PATHS.test(url.pathname)) return 'none';
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    // A link to the API (an export's file) is a download, not a page of the app.
    return request.mode === 'navigate' ? 'none' : apiStrategy(url, request);
  }
  if (request.mode === 'navigate') return 'page';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  return 'none';
}

function apiStrategy(url: URL, request: RequestFacts): Strategy {
  // A query string makes endless variants of one route (the audit's pages, search): none is kept.
  if (url.search) return 'none';
  // The person asked for nothing to be kept on this device: the worker stays out of the way.
  if (request.headers.get(KEEP_HEADER)?.toLowerCase() === 'no') return 'none';
  return KEPT_API_ROUTES.some((route) => route.test(url.pathname)) ? 'data' : 'none';
}

/** What a response needs to be kept as a page's data (beyond its route being on the list). */
export interface ResponseFacts {
  status: number;
  headers: { get(name: string): string | null };
}

/**
 * Only a 200 JSON answer the server allows to be stored. A refusal (401, 403, 404) is never kept:
 * it is true only now, and keeping it would replace the last good answer. `no-store` is the
 * server saying the answer must not be written anywhere; the worker obeys it as the HTTP cache
 * would.
 */
export function mayKeep(response: ResponseFacts): boolean {
  if (response.status !== 200) return false;
  if (!/^application\/json\b/i.test(response.headers.get('Content-Type') ?? '')) return false;
  return !/(^|,)\s*no-store\s*(,|$)/i.test(response.headers.get('Cache-Control') ?? '');
}
