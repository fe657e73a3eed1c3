/**
 * Offline work that can be trusted (#16): what is typed without a network is kept on the device
 * (IndexedDB), survives a closed page, and reaches the colleague and the database (checked after
 * kill -9 of the server) when the link returns; two people offline on the same paragraph both keep
 * their words; rights taken away while offline leave the changes downloadable, never silently
 * dropped; a device that keeps no copies warns before closing; the copy is compacted.
 *
 * The server is a child process on a fixed port (kill -9, then started again on the same DATA_DIR
 * and port: the browser's storage belongs to the address).
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ChildWorkspace, type TestPerson, api, signedInPeopleOn, spawnWorkspace, stopWorkspace, tempDataDir } from '../support/workspace';
import { CLIENT_DIR, editorText, ensureClientBuilt, launchBrowser, newContext, screenshotPath, waitForText, watchErrors } from './browser';

jest.setTimeout(90_000);

let browser: Browser;
let server: ChildWorkspace;
let dataDir: string;
let people: TestPerson[];
let coordinatorCookie: string;
const SECTION = 'national-kz';

async function startServer(port = 0): Promise<ChildWorkspace> {
  return spawnWorkspace(dataDir, port, { CLIENT_DIR });
}

beforeAll(async () => {
  await ensureClientBuilt();
  dataDir = tempDataDir('offline-copies');
  const signed = await signedInPeopleOn(dataDir, [
    { role: 'member', group: 'KZ', name: 'Айгерім Сапарова' },
    { role: 'member', group: 'KZ', name: 'Ерлан Жұмабаев' },
    { role: 'member', group: 'KZ', name: 'Dana Iskakova' },
    { role: 'coordinator', group: 'IOM', name: 'Coordinator' },
    { role: 'member', group: 'KZ', name: 'Marat Shared' },
  ]);
  people = signed.people;
  coordinatorCookie = signed.cookies[3];
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server) await stopWorkspace(server, 'SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signedInContext(person: TestPerson): Promise<BrowserContext> {
  const context = await newContext(browser);
  const response = await context.request.post(`${server.url}/api/session`, {
    data: { email: person.email, password: person.password },
    headers: { Origin: server.url },
  });
  expect(response.status()).toBe(200);
  return context;
}

const sectionUrl = () => `${server.url}/sections/${SECTION}`;

async function openSection(page: Page): Promise<void> {
  await page.goto(sectionUrl());
  await page.locator('.connection-connected').waitFor();
  await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
}

function statusText(page: Page): Promise<string> {
  return page.locator('.connection p').first().evaluate((element) => (element.textContent ?? '').trim());
}

async function waitForStatus(page: Page, pattern: RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await statusText(page);
    if (pattern.test(seen)) return;
    await page.waitForTimeout(25);
  }
  throw new Error(`expected the status to match ${pattern}, saw "${seen}"`);
}

/** Puts the caret at the end of the first paragraph and types there. */
async function typeAtEndOfFirstParagraph(page: Page, text: string): Promise<void> {
  await page.locator('.ProseMirror p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/** Waits until the page is controlled by the service worker and its data cache holds `path`. */
async function waitUntilKept(page: Page, path: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const kept = await page.evaluate(async (url) => navigator.serviceWorker.controller !== null && (await caches.match(url)) !== undefined, path);
    if (kept) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the service worker did not keep ${path}`);
}

/** The names of this profile's IndexedDB databases (the local copies). */
function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''));
}

/** The number of records in a copy's update store (one after a merge). */
function records(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (dbName) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onsuccess = () => {
          const request = open.result.transaction('updates', 'readonly').objectStore('updates').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(new Error('count failed'));
        };
        open.onerror = () => reject(new Error('open failed'));
      }),
    name,
  );
}

test('typed offline, the page closed, reopened: the text is there, then reaches the colleague and survives kill -9 of the server', async () => {
  const [aigerim, erlan] = people;
  const contextA = await signedInContext(aigerim);
  const contextB = await signedInContext(erlan);
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  const errors = watchErrors(pageA);
  // One online visit, straight to the section: the app installs itself (service worker) and keeps
  // what the page read, though the worker took control only after the page had read it.
  await Promise.all([openSection(pageA), openSection(pageB)]);
  await waitUntilKept(pageA, `/api/sections/${SECTION}`);

  await contextA.setOffline(true);
  await waitForStatus(pageA, /^Offline/, 2000);
  await typeAtEndOfFirstParagraph(pageA, ' Written on the train.');
  await waitForStatus(pageA, /changes? not yet on the server, kept on this device/);
  // Written to the device before the page goes: closing does not ask (nothing would be lost).
  let askedOnClose = false;
  pageA.on('dialog', (dialog) => {
    askedOnClose = dialog.type() === 'beforeunload';
    void dialog.accept();
  });
  const closed = pageA.waitForEvent('close');
  await pageA.close({ runBeforeUnload: true });
  await closed;
  expect(askedOnClose).toBe(false);
  expect(await editorText(pageB)).not.toContain('Written on the train');

  // The same profile, still offline: the page opens from the device (the app from the service
  // worker, the text from the local copy) and says what has not reached the server.
  const reopened = await contextA.newPage();
  await reopened.goto(sectionUrl());
  await waitForText(reopened, 'Written on the train.', 10_000);
  await waitForStatus(reopened, /^Offline — \d+ changes? not yet on the server/);
  await reopened.screenshot({ path: screenshotPath('offline-reopened.png') });

  await contextA.setOffline(false);
  await waitForText(pageB, 'Written on the train.', 10_000);
  await waitForStatus(reopened, /^Saved/, 10_000);

  // Accepted means stored: kill -9, start again, and a fresh browser profile (no local copy) reads it.
  await stopWorkspace(server, 'SIGKILL');
  server = await startServer(server.port);
  const fresh = await signedInContext(people[2]);
  const reader = await fresh.newPage();
  await openSection(reader);
  await waitForText(reader, 'Written on the train.');
  expect(errors).toEqual([]);
  await Promise.all([contextA.close(), contextB.close(), fresh.close()]);
});

test('two people offline on the same paragraph: both keep their words when they reconnect', async () => {
  const [aigerim, erlan] = people;
  const contextA = await signedInContext(aigerim);
  const contextB = await signedInContext(erlan);
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  await Promise.all([openSection(pageA), openSection(pageB)]);
  await Promise.all([contextA.setOffline(true), contextB.setOffline(true)]);
  await Promise.all([waitForStatus(pageA, /^Offline/, 2000), waitForStatus(pageB, /^Offline/, 2000)]);
  await typeAtEndOfFirstParagraph(pageA, ' Алматы offline.');
  await typeAtEndOfFirstParagraph(pageB, ' Astana offline.');
  await pageA.locator('.ProseMirror p').first().click();
  await pageA.keyboard.press('Home');
  await pageA.keyboard.type('Start. ');
  await Promise.all([contextA.setOffline(false), contextB.setOffline(false)]);
  for (const page of [pageA, pageB]) {
    await waitForText(page, 'Алматы offline.', 10_000);
    await waitForText(page, 'Astana offline.', 10_000);
    await waitForText(page, 'Start. ', 10_000);
  }
  expect(await editorText(pageA)).toBe(await editorText(pageB));
  await Promise.all([contextA.close(), contextB.close()]);
});

test('rights taken away while offline: the changes are not dropped, they can be downloaded, and discarding shows the server text', async () => {
  const dana = people[2];
  const context = await signedInContext(dana);
  const page = await context.newPage();
  await openSection(page);
  await context.setOffline(true);
  await waitForStatus(page, /^Offline/, 2000);
  await typeAtEndOfFirstParagraph(page, ' Refused words.');

  // Moved to another group while away: the Kazakh national section is read-only for her now.
  const coordinator = api(server.url, coordinatorCookie);
  expect((await coordinator('PATCH', `/people/${dana.id}`, { group: 'UZ' })).status).toBe(200);
  await context.setOffline(false);
  const alert = page.locator('.unsent-changes[role="alert"]');
  await alert.waitFor({ timeout: 10_000 });
  expect(await alert.textContent()).toMatch(/could not be saved[\s\S]*Uzbekistan|could not be saved/);
  expect(await alert.textContent()).toMatch(/changes? not yet on the server/);
  await page.screenshot({ path: screenshotPath('offline-refused.png') });

  const [file] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: 'Download your version' }).click()]);
  const saved = await file.path();
  const html = fs.readFileSync(saved!, 'utf8');
  expect(html).toContain('Refused words.');
  expect(file.suggestedFilename()).toMatch(/my version .*\.html$/);

  // Reloading does not lose them either: the copy still holds them and the page says so again.
  await page.reload();
  await page.locator('.unsent-changes').waitFor({ timeout: 10_000 });
  await waitForText(page, 'Refused words.');

  await page.locator('.unsent-changes').getByRole('button', { name: 'Discard them' }).click();
  await page.locator('dialog').getByRole('button', { name: 'Discard them' }).click();
  await page.locator('.connection-connected').waitFor();
  await page.locator('.unsent-changes').waitFor({ state: 'detached' });
  expect(await editorText(page)).not.toContain('Refused words.');
  await context.close();
});

test('deactivated while offline: the session dialog offers the changes on the device as a download', async () => {
  const dana = people[2];
  // Back in her group, then deactivated while offline.
  const coordinator = api(server.url, coordinatorCookie);
  expect((await coordinator('PATCH', `/people/${dana.id}`, { group: 'KZ' })).status).toBe(200);
  const context = await signedInContext(dana);
  const page = await context.newPage();
  await openSection(page);
  await context.setOffline(true);
  await waitForStatus(page, /^Offline/, 2000);
  await typeAtEndOfFirstParagraph(page, ' Before deactivation.');
  expect((await coordinator('PATCH', `/people/${dana.id}`, { active: false })).status).toBe(200);
  await context.setOffline(false);
  const dialog = page.locator('dialog.session-dialog');
  await dialog.waitFor({ timeout: 15_000 });
  expect(await dialog.textContent()).toMatch(/changes? not yet on the server/);
  await page.screenshot({ path: screenshotPath('offline-deactivated-dialog.png') });
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download your version' }).click()]);
  expect(fs.readFileSync((await file.path())!, 'utf8')).toContain('Before deactivation.');
  // Signing in again is refused and says why; the changes stay on the device meanwhile.
  await dialog.locator('input[type="password"]').fill(dana.password);
  await dialog.locator('button[type="submit"]').click();
  await dialog.getByText(/deactivated/).waitFor();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('syllabus.unsent:')).length)).toBe(1);
  expect((await coordinator('PATCH', `/people/${dana.id}`, { active: true })).status).toBe(200);
  await context.close();
});

test('a session that expired while offline: signed in again in the dialog, the changes go up without leaving the page', async () => {
  const erlan = people[1];
  const context = await signedInContext(erlan);
  const page = await context.newPage();
  await openSection(page);
  const url = page.url();
  await context.setOffline(true);
  await waitForStatus(page, /^Offline/, 2000);
  await typeAtEndOfFirstParagraph(page, ' After the session.');
  // Every session of his ends meanwhile (as an expiry does).
  const [cookie] = await context.cookies(server.url);
  expect((await api(server.url, `${cookie.name}=${cookie.value}`)('DELETE', '/session')).status).toBe(204);
  await context.setOffline(false);
  const dialog = page.locator('dialog.session-dialog');
  await dialog.waitFor({ timeout: 15_000 });
  await dialog.locator('input[type="password"]').fill(erlan.password);
  await dialog.locator('button[type="submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  expect(page.url()).toBe(url);
  await waitForStatus(page, /^Saved/, 10_000);
  const reader = await (await signedInContext(people[0])).newPage();
  await openSection(reader);
  await waitForText(reader, 'After the session.');
  await reader.context().close();
  await context.close();
});

test('a device that keeps no copies warns before closing with unsent changes; the copy is merged, not grown', async () => {
  const marat = people[4];
  const context = await signedInContext(marat);
  const page = await context.newPage();
  await openSection(page);
  const copy = `syllabus/`;
  const names = (await databases(page)).filter((name) => name.startsWith(copy) && name.endsWith(`/${marat.id}/${SECTION}`));
  expect(names).toHaveLength(1);

  // Many keystrokes, then the page hidden and reloaded: the copy holds one merged record, not one per key.
  await typeAtEndOfFirstParagraph(page, ' ' + 'typing many keys '.repeat(8));
  await waitForStatus(page, /^Saved/);
  await page.reload();
  await page.locator('.connection-connected').waitFor();
  await page.waitForTimeout(500);
  expect(await records(page, names[0])).toBeLessThanOrEqual(3);

  // "Don't keep copies on this device": offline changes then live in the page only, so closing asks.
  await page.evaluate(() => localStorage.setItem('syllabus.keepCopies', 'no'));
  await page.reload();
  await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
  await context.setOffline(true);
  await waitForStatus(page, /^Offline/, 2000);
  await typeAtEndOfFirstParagraph(page, ' Only in this tab.');
  let asked = false;
  page.on('dialog', (dialog) => {
    asked = dialog.type() === 'beforeunload';
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(asked).toBe(true);
  expect(page.isClosed()).toBe(false);
  await context.close();
});
