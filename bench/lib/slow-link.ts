/**
 * (i) The working groups' links (#21): Chromium with its network emulated at 3G-class settings
 * opens the dashboard and a section of seph-blog1's size, first with an empty cache (a first
 * visit) and then again in the same profile (a repeat visit: the browser's cache and the app's
 * service worker). "Ready" is what a person waits for: the dashboard's rows drawn from the data,
 * the section's text shown with the connection up. The server runs in this process with the
 * client built from the current source into a temporary directory, so the bytes measured are
 * the bytes a fresh `npm start` would send.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { type WorkspaceServer, startServer } from '../../server/app';
import { configFromEnv } from '../../server/config';
import { openDatabase } from '../../server/db/client';
import { UpdateLog } from '../../server/documents/update-log';
import { People } from '../../server/domain/people';
import { AuditLog } from '../../server/domain/audit';
import { ensureWorkspace } from '../../server/domain/workspace-seed';
import { WorkspaceEventBus } from '../../server/events';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import type { Goal, Row } from './report';
import { recordedTrace } from './trace-updates';

const ROOT = path.resolve(__dirname, '../..');
const SECTION = 'regional-1';
const EMAIL = 'slow.link@example.test';
const PASSWORD = 'correct horse battery staple';

export interface LinkProfile {
  name: string;
  /** Kilobits per second, both ways. */
  kbit: number;
  /** Milliseconds added to every request's round trip. */
  latencyMs: number;
}

/** The setting (400 kbit/s, 400 ms) and a better 3G link for comparison. */
export const LINKS: LinkProfile[] = [
  { name: '400 kbit/s, 400 ms', kbit: 400, latencyMs: 400 },
  { name: '1.6 Mbit/s, 150 ms', kbit: 1600, latencyMs: 150 },
];

export interface Visit {
  firstMs: number;
  repeatMs: number;
  /** Bytes the page's requests brought over the network on the first visit (after compression). */
  firstBytes: number;
}

export interface SlowLinkResult {
  link: LinkProfile;
  dashboard: Visit;
  section: Visit;
}

export interface SlowLinkPhase {
  results: SlowLinkResult[];
  /** Bytes of the built client's files a first dashboard visit fetches, as sent (compressed). */
  scriptBytes: { file: string; raw: number; brotli: number | null }[];
  sectionCharacters: number;
}

/** The section's text: seph-blog1's final text as paragraphs, so the section weighs what a long one does. */
function sectionUpdate(): { update: Uint8Array; characters: number } {
  const { endContent } = recordedTrace('seph-blog1');
  const paragraphs = endContent
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] }));
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: paragraphs }, doc.getXmlFragment(CONTENT_FRAGMENT));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, characters: endContent.length };
}

async function prepare(dataDir: string, update: Uint8Array): Promise<void> {
  const db = openDatabase(dataDir);
  const people = new People(db, new AuditLog(db), new WorkspaceEventBus());
  await ensureWorkspace(db, people);
  await people.add({ email: EMAIL, name: 'Slow Link', role: 'coordinator', group: 'IOM', password: PASSWORD }, null);
  new UpdateLog(db).append(SECTION, update);
  db.$client.close();
}

function buildClient(outDir: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A signed-in profile whose pages go over the emulated link. */
async function signedInContext(browser: Browser, url: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  const response = await context.request.post(`${url}/api/session`, { data: { email: EMAIL, password: PASSWORD }, headers: { Origin: new URL(url).origin } });
  if (response.status() !== 200) throw new Error(`sign-in failed: ${response.status()}`);
  return context;
}

/** Opens `url` in a new page of `context` over `link`; ms until every `ready` selector is shown, and bytes received. */
async function visit(context: BrowserContext, url: string, link: LinkProfile, ready: string[], settle = false): Promise<{ ms: number; bytes: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.latencyMs,
    downloadThroughput: (link.kbit * 1000) / 8,
    uploadThroughput: (link.kbit * 1000) / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  for (const selector of ready) await page.locator(selector).first().waitFor({ timeout: 120_000 });
  const ms = Date.now() - started;
  // After the first visit: let the app's service worker install and fill its cache over the same
  // link, as it does while a person reads the page; the repeat visit is a later one.
  if (settle) await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.close();
  return { ms, bytes };
}

async function measure(browser: Browser, url: string, link: LinkProfile, pathName: string, ready: string[]): Promise<Visit> {
  const context = await signedInContext(browser, url);
  try {
    const first = await visit(context, `${url}${pathName}`, link, ready, true);
    const repeat = await visit(context, `${url}${pathName}`, link, ready);
    return { firstMs: first.ms, repeatMs: repeat.ms, firstBytes: first.bytes };
  } finally {
    await context.close();
  }
}

export async function slowLinkPhase(log: (line: string) => void): Promise<SlowLinkPhase> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-slow-link-'));
  const clientDir = path.join(work, 'client');
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir);
  let server: WorkspaceServer | null = null;
  let browser: Browser | null = null;
  try {
    buildClient(clientDir);
    const { update, characters } = sectionUpdate();
    await prepare(dataDir, update);
    server = await startServer({ ...configFromEnv({}), port: 0, host: '127.0.0.1', dataDir, clientDir, log: false });
    browser = await launch();
    const results: SlowLinkResult[] = [];
    for (const link of LINKS) {
      const dashboard = await measure(browser, server.url, link, '/', ['.dashboard-link']);
      const section = await measure(browser, server.url, link, `/sections/${SECTION}`, ['.connection-connected', '#section-text p']);
      results.push({ link, dashboard, section });
      log(
        `  ${link.name}: dashboard first ${dashboard.firstMs} ms (${Math.round(dashboard.firstBytes / 1024)} KB), repeat ${dashboard.repeatMs} ms; ` +
          `section first ${section.firstMs} ms (${Math.round(section.firstBytes / 1024)} KB), repeat ${section.repeatMs} ms`,
      );
    }
    const assets = path.join(clientDir, 'assets');
    const scriptBytes = fs
      .readdirSync(assets)
      .filter((file) => /\.(js|css)$/.test(file))
      .map((file) => ({
        file,
        raw: fs.statSync(path.join(assets, file)).size,
        brotli: fs.existsSync(path.join(assets, `${file}.br`)) ? fs.statSync(path.join(assets, `${file}.br`)).size : null,
      }))
      .sort((a, b) => b.raw - a.raw);
    return { results, scriptBytes, sectionCharacters: characters };
  } finally {
    await browser?.close();
    await server?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Rows of the bench table: seconds until ready, ours only (the peers serve no client). */
export function slowLinkRows(phase: SlowLinkPhase | null): Row[] {
  if (!phase) return [];
  return phase.results.flatMap(({ link, dashboard, section }) =>
    (
      [
        ['dashboard', 'first', dashboard.firstMs, dashboard.firstBytes],
        ['dashboard', 'repeat', dashboard.repeatMs, null],
        ['section', 'first', section.firstMs, section.firstBytes],
        ['section', 'repeat', section.repeatMs, null],
      ] as const
    ).map(([page, kind, ms, bytes]) => ({
      id: `i.${page}-${kind}-${link.kbit}`,
      metric: `(i) ${kind} visit to the ${page} over ${link.name}, until ready`,
      unit: 's',
      better: 'lower' as const,
      values: { ours: Math.round(ms / 100) / 10 },
      ratios: {},
      note: bytes === null ? 'browser cache and service worker' : `${Math.round(bytes / 1024)} KB over the network`,
    })),
  );
}

/** The targets at 400 kbit/s and 400 ms: a first visit under 5 s, a repeat under 2 s. */
export function slowLinkGoals(phase: SlowLinkPhase | null): Goal[] {
  const slowest = phase?.results.find((result) => result.link.kbit === 400);
  if (!slowest) return [];
  return (['dashboard', 'section'] as const).flatMap((page) => [
    {
      goal: `a first visit to the ${page} at 400 kbit/s and 400 ms is ready in under 5 s`,
      target: '< 5 s',
      value: `${(slowest[page].firstMs / 1000).toFixed(1)} s (${Math.round(slowest[page].firstBytes / 1024)} KB)`,
      met: slowest[page].firstMs < 5000,
    },
    {
      goal: `a repeat visit to the ${page} at 400 kbit/s and 400 ms is ready in under 2 s`,
      target: '< 2 s',
      value: `${(slowest[page].repeatMs / 1000).toFixed(1)} s`,
      met: slowest[page].repeatMs < 2000,
    },
  ]);
}
