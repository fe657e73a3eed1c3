/**
 * The service worker's choice per request (`client/src/offline/fetch-strategy.ts`): which reads
 * it keeps for offline, which it answers from the app shell, and what it never touches.
 */
import { type RequestFacts, mayKeep, strategyFor } from '../../client/src/offline/fetch-strategy';
import { KEEP_HEADER } from '../../client/src/offline/names';

const ORIGIN = 'https://workspace.example';

function request(path: string, options: { method?: string; mode?: string; headers?: Record<string, string>; origin?: string } = {}): RequestFacts {
  const headers = new Headers(options.headers ?? {});
  return { method: options.method ?? 'GET', url: `${options.origin ?? ORIGIN}${path}`, mode: options.mode ?? 'cors', headers };
}

function response(status: number, headers: Record<string, string>) {
  return { status, headers: new Headers(headers) };
}

describe('which requests the service worker answers', () => {
  test('a navigation to any page of the app is answered network first, then from the shell', () => {
    for (const path of ['/', '/sections/national-kz', '/signin?next=%2F', '/people']) {
      expect(strategyFor(request(path, { mode: 'navigate' }), ORIGIN)).toBe('page');
    }
  });

  test('built assets are answered from the shell cache first', () => {
    expect(strategyFor(request('/assets/index-D1K-Nli_.js'), ORIGIN)).toBe('asset');
    expect(strategyFor(request('/assets/index-C3IiHD_L.css'), ORIGIN)).toBe('asset');
  });

  test('the reads the workspace and a section page need are kept for offline', () => {
    for (const path of [
      '/api/me',
      '/api/dashboard',
      '/api/outline',
      '/api/sections',
      '/api/sections/national-kz',
      '/api/sections/national-kz/threads',
      '/api/sections/national-kz/reviews',
      '/api/sections/national-kz/approved',
      '/api/notifications',
      '/api/people',
    ]) {
      expect([path, strategyFor(request(path), ORIGIN)]).toEqual([path, 'data']);
    }
  });

  test('search, exports, the health check, the audit log, versions and diffs are never kept', () => {
    for (const path of [
      '/api/search?q=migration',
      '/api/search',
      '/api/health',
      '/api/exports/abc',
      '/api/exports/abc/file',
      '/api/audit',
      '/api/audit?limit=50',
      '/api/invitations',
      '/api/invitations/token123',
      '/api/sections/national-kz/versions',
      '/api/sections/national-kz/compare?from=1&to=2',
      '/api/sections/national-kz/changes-since-approval',
      '/api/sections/national-kz/attribution',
      '/api/versions/7',
      '/api',
    ]) {
      expect([path, strategyFor(request(path), ORIGIN)]).toEqual([path, 'none']);
    }
  });

  test('a read sent with the keep header set to no is left to the network', () => {
    expect(strategyFor(request('/api/dashboard', { headers: { [KEEP_HEADER]: 'no' } }), ORIGIN)).toBe('none');
    expect(strategyFor(request('/api/dashboard', { headers: { [KEEP_HEADER]: 'No' } }), ORIGIN)).toBe('none');
    expect(strategyFor(request('/api/dashboard', { headers: { [KEEP_HEADER]: 'yes' } }), ORIGIN)).toBe('data');
  });

  test('writes are never answered by the worker', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(strategyFor(request('/api/sections/national-kz', { method }), ORIGIN)).toBe('none');
    }
  });

  test('collab and socket.io are never intercepted, navigations included', () => {
    for (const path of ['/collab/national-kz', '/collab', '/socket.io/?EIO=4&transport=polling', '/socket.io']) {
      expect(strategyFor(request(path), ORIGIN)).toBe('none');
      expect(strategyFor(request(path, { mode: 'navigate' }), ORIGIN)).toBe('none');
    }
  });

  test('a link into the API (an export file) is a download, not a page of the app', () => {
    expect(strategyFor(request('/api/exports/abc/file', { mode: 'navigate' }), ORIGIN)).toBe('none');
    expect(strategyFor(request('/api/dashboard', { mode: 'navigate' }), ORIGIN)).toBe('none');
  });

  test('other sites are never answered, whatever the path', () => {
    expect(strategyFor(request('/api/dashboard', { origin: 'https://elsewhere.example' }), ORIGIN)).toBe('none');
    expect(strategyFor(request('/assets/x.js', { origin: 'https://elsewhere.example' }), ORIGIN)).toBe('none');
    expect(strategyFor(request('/', { origin: 'https://elsewhere.example', mode: 'navigate' }), ORIGIN)).toBe('none');
  });

  test('other files of the site (sw.js itself, a favicon) are left to the browser', () => {
    expect(strategyFor(request('/sw.js'), ORIGIN)).toBe('none');
    expect(strategyFor(request('/favicon.ico'), ORIGIN)).toBe('none');
  });
});

describe('which answers are kept', () => {
  test('a 200 JSON answer is kept', () => {
    expect(mayKeep(response(200, { 'Content-Type': 'application/json; charset=utf-8' }))).toBe(true);
  });

  test('a refusal is never kept, so it cannot replace the last good answer', () => {
    for (const status of [201, 204, 304, 401, 403, 404, 500, 503]) {
      expect(mayKeep(response(status, { 'Content-Type': 'application/json' }))).toBe(false);
    }
  });

  test('an answer that is not JSON (a proxy page, a download) is never kept', () => {
    expect(mayKeep(response(200, { 'Content-Type': 'text/html' }))).toBe(false);
    expect(mayKeep(response(200, { 'Content-Type': 'application/pdf' }))).toBe(false);
    expect(mayKeep(response(200, {}))).toBe(false);
  });

  test('an answer the server marks no-store is never kept', () => {
    expect(mayKeep(response(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }))).toBe(false);
    expect(mayKeep(response(200, { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store' }))).toBe(false);
    expect(mayKeep(response(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' }))).toBe(true);
  });
});
