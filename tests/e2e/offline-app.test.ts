/**
 * The app opens offline: after one visit online, a person can open the workspace and their
 * section with the server unreachable, and the page says it shows what the device kept. A server
 * that answers, even with a refusal, is always believed over the device's copy. A new version is
 * offered and taken only when the person clicks.
 *
 * The server is really stopped (connection refused), not `context.setOffline`: a refused
 * connection is what a person on a train sees, and it reaches the service worker's own fetches.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DATA_CACHE, OFFLINE_COPY_HEADER } from '../../client/src/offline/names';
import { type TestWorkspace, addTestPerson, startTestWorkspace } from '../support/workspace';
import { CLIENT_DIR, ensureClientBuilt, launchBrowser, newContext, signInAs, startBrowserWorkspace, watchErrors } from './browser';

const SHOTS = process.env.SW_SHOTS_DIR ?? path.join(os.tmpdir(), 'sw-shots');

let browser: Browser;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  [browser] = await Promise.all([launchBrowser(), ensureClientBuilt()]);
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** A signed-in member of the Kazakh group on `url` (the workspace, or a proxy in front of it). */
async function memberPage(workspace: TestWorkspace, url = workspace.url): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const person = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  const context = await newContext(browser);
  cleanups.push(() => context.close());
  await signInAs(context, { ...workspace, url }, person);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** Waits until the service worker controls the page (after its first install it claims it). */
async function waitControlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 });
}

/** Waits until the device's data cache holds an answer for each path. */
async function waitKept(page: Page, paths: string[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let missing: string[] = paths;
  while (Date.now() < deadline) {
    missing = await page.evaluate(
      async ({ cacheName, wanted }) => {
        const cache = await caches.open(cacheName);
        const absent: string[] = [];
        for (const path of wanted) if (!(await cache.match(path))) absent.push(path);
        return absent;
      },
      { cacheName: DATA_CACHE, wanted: paths },
    );
    if (missing.length === 0) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`not kept on the device: ${missing.join(', ')}`);
}

/** A GET from the page, as api.ts sends it (through the service worker). */
function pageGet(page: Page, route: string): Promise<{ status: number; copy: string | null; body: string }> {
  return page.evaluate(
    async ({ route, header }) => {
      const response = await fetch(route, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      return { status: response.status, copy: response.headers.get(header), body: await response.text() };
    },
    { route, header: OFFLINE_COPY_HEADER },
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`) });
  await page.setViewportSize({ width: 1280, height: 860 });
}

async function unreachable(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/api/health`);
    return false;
  } catch {
    return true;
  }
}

/**
 * A proxy in front of a workspace that can be told to refuse a path with a status, the way a
 * server changes its answer (a section deleted, a right taken away) between two visits.
 */
async function startRefusingProxy(target: string): Promise<{ url: string; refuse(path: string, status: number): void; close(): Promise<void> }> {
  const upstream = new URL(target);
  const refusals = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const status = refusals.get(req.url ?? '');
    if (status) {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'refused', code: status === 404 ? 'not-found' : 'forbidden' }));
      return;
    }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  // Live transports are not what this proxy is for: the page falls back to socket.io's polling.
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    refuse: (path, status) => refusals.set(path, status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('after one visit online, the workspace and the person\'s section open with the server stopped, and say the data is the device\'s copy', async () => {
  const workspace = await startBrowserWorkspace();
  let stopped = false;
  cleanups.push(() => (stopped ? Promise.resolve() : workspace.stop()));
  const { page, errors } = await memberPage(workspace);

  // The first visit installs the worker; the reload is the first visit it answers (and keeps).
  await page.goto(workspace.url);
  await waitControlled(page);
  await page.reload();
  const link = page.locator('a.dashboard-link[href="/sections/national-kz"]');
  await link.waitFor();
  const href = (await link.getAttribute('href'))!;

  await page.goto(`${workspace.url}${href}`);
  const heading = page.locator('.section-heading h1');
  await heading.waitFor();
  const title = (await heading.textContent())!.trim();
  expect(title.length).toBeGreaterThan(0);
  await page.locator('.ProseMirror').waitFor();
  await waitKept(page, ['/api/me', '/api/sections/national-kz', '/api/sections/national-kz/threads', '/api/people']);

  await page.goto(workspace.url);
  await link.waitFor();
  await waitKept(page, ['/api/dashboard', '/api/outline', '/api/sections', '/api/notifications']);
  // Online, the page shows what the server said: no notice.
  await page.locator('.app-banner-offline-copy').waitFor({ state: 'hidden' });

  await workspace.stop();
  stopped = true;
  expect(await unreachable(workspace.url)).toBe(true);

  await page.reload();
  await link.waitFor({ timeout: 10_000 });
  const notice = page.locator('.app-banner-offline-copy');
  await notice.waitFor();
  expect(await notice.getAttribute('role')).toBe('status');
  expect((await notice.textContent())!.trim()).toMatch(/^You are offline: this page shows what this device kept at \d{1,2}:\d{2}(\s?[AP]M)?\.$/);
  await shoot(page, 'offline-workspace');

  // Opened by its address (a navigation the worker answers with the app shell), as after a restart.
  await page.goto(`${workspace.url}${href}`);
  await page.locator('.section-heading h1', { hasText: title }).waitFor({ timeout: 10_000 });
  await page.locator('.ProseMirror').waitFor();
  await notice.waitFor();
  await shoot(page, 'offline-section');

  // The server is back (same address, same data): the next answer from it takes the notice away.
  const back = await startTestWorkspace({ clientDir: CLIENT_DIR, dataDir: workspace.dataDir, port: Number(new URL(workspace.url).port) });
  cleanups.push(() => back.stop());
  await page.locator('.breadcrumb a[href="/"]').click();
  await link.waitFor();
  await notice.waitFor({ state: 'hidden' });
  expect(errors).toEqual([]);
});

test('a server that answers 404 or 403 is believed: the device\'s copy answers only when the network fails', async () => {
  const workspace = await startBrowserWorkspace();
  cleanups.push(() => workspace.stop());
  const proxy = await startRefusingProxy(workspace.url);
  let closed = false;
  cleanups.push(() => (closed ? Promise.resolve() : proxy.close()));
  const { page } = await memberPage(workspace, proxy.url);

  await page.goto(proxy.url);
  await waitControlled(page);
  const online = await pageGet(page, '/api/sections/national-kz');
  expect(online.status).toBe(200);
  expect(online.copy).toBeNull();
  expect((await pageGet(page, '/api/dashboard')).status).toBe(200);
  await waitKept(page, ['/api/sections/national-kz', '/api/dashboard']);

  proxy.refuse('/api/sections/national-kz', 404);
  proxy.refuse('/api/dashboard', 403);
  const gone = await pageGet(page, '/api/sections/national-kz');
  expect(gone).toMatchObject({ status: 404, copy: null });
  expect(JSON.parse(gone.body)).toMatchObject({ code: 'not-found' });
  expect(await pageGet(page, '/api/dashboard')).toMatchObject({ status: 403, copy: null });
  // The section page believes it too: the section is missing, not shown from the device.
  await page.goto(`${proxy.url}/sections/national-kz`);
  await page.getByText('This section does not exist.').waitFor();

  // The refusal did not replace what was kept: with no network at all, the copy answers.
  await proxy.close();
  closed = true;
  const kept = await pageGet(page, '/api/sections/national-kz');
  expect(kept.status).toBe(200);
  expect(Date.parse(kept.copy ?? '')).not.toBeNaN();
  expect(JSON.parse(kept.body)).toMatchObject({ id: 'national-kz' });
  // Search and the health check are never kept: they fail as the network does.
  expect(await page.evaluate(() => fetch('/api/health').then(() => 'answered', () => 'failed'))).toBe('failed');
});

test('a new version is offered, nothing reloads until the person clicks, and then the new worker controls the page', async () => {
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-client-'));
  fs.cpSync(CLIENT_DIR, clientDir, { recursive: true });
  cleanups.push(async () => fs.rmSync(clientDir, { recursive: true, force: true }));
  const workspace = await startTestWorkspace({ clientDir });
  cleanups.push(() => workspace.stop());
  const { page, errors } = await memberPage(workspace);

  await page.goto(workspace.url);
  await waitControlled(page);
  await page.locator('a.dashboard-link').first().waitFor();
  const shellCaches = () => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('syllabus-shell-')));
  const [before] = await shellCaches();
  expect(before).toMatch(/^syllabus-shell-[0-9a-f]{16}$/);

  // A new build: the version in sw.js changes (so do its bytes).
  const swFile = path.join(clientDir, 'sw.js');
  const version = before.slice('syllabus-shell-'.length);
  const next = version.split('').reverse().join('');
  const nextWorker = fs.readFileSync(swFile, 'utf8').replaceAll(version, next);
  fs.writeFileSync(swFile, nextWorker);
  // A build writes the compressed copies beside it too (#21), and those are what browsers get.
  if (fs.existsSync(`${swFile}.br`)) fs.writeFileSync(`${swFile}.br`, zlib.brotliCompressSync(nextWorker));
  if (fs.existsSync(`${swFile}.gz`)) fs.writeFileSync(`${swFile}.gz`, zlib.gzipSync(nextWorker));

  // Something typed that a reload would lose, and a marker that a reload would wipe.
  await page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });
  // Coming back online is one of the moments the page checks for an update.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const offer = page.locator('.app-banner-update');
  await offer.waitFor({ timeout: 10_000 });
  expect(await offer.getAttribute('role')).toBe('status');
  expect((await offer.locator('p').textContent())!.trim()).toBe('A new version of the workspace is available.');
  const button = offer.getByRole('button', { name: 'Reload to update' });
  await button.waitFor();
  await shoot(page, 'update-offer');

  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');

  await Promise.all([page.waitForEvent('load'), button.click()]);
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBeUndefined();
  await waitControlled(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  await page.waitForFunction((name) => caches.keys().then((names) => names.includes(name)), `syllabus-shell-${next}`);
  expect(await shellCaches()).toEqual([`syllabus-shell-${next}`]);
  await page.locator('a.dashboard-link').first().waitFor();
  await page.locator('.app-banner-update').waitFor({ state: 'hidden' });
  expect(errors).toEqual([]);
});

test('the server tells browsers to re-check sw.js and index.html, and to keep hashed assets for a year', async () => {
  const workspace = await startTestWorkspace({ clientDir: CLIENT_DIR });
  cleanups.push(() => workspace.stop());
  const sw = await fetch(`${workspace.url}/sw.js`);
  expect(sw.status).toBe(200);
  expect(sw.headers.get('cache-control')).toBe('no-cache');
  expect(sw.headers.get('content-type')).toMatch(/javascript/);
  expect(await sw.text()).toMatch(/syllabus-shell-/);
  expect((await fetch(`${workspace.url}/index.html`)).headers.get('cache-control')).toBe('no-cache');
  const asset = fs.readdirSync(path.join(CLIENT_DIR, 'assets'))[0];
  expect((await fetch(`${workspace.url}/assets/${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect((await fetch(workspace.url)).headers.get('content-security-policy')).toMatch(/worker-src 'self'/);
});
