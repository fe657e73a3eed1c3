/**
 * When the session ends under a page, a dialog asks to sign in again over it and the page is
 * kept; signing out deletes what this device kept for the person (after asking, when changes have
 * not reached the server); and a shared computer can keep nothing at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type TestPerson, type TestWorkspace, addTestPerson } from '../support/workspace';
import { launchBrowser, openSection, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;

/** Screenshots to be looked at, beside (not in) the committed ones. */
const SHOTS = process.env.SD_SHOTS ?? '/tmp/sd-shots';

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

const PHONE = { width: 390, height: 844 };

async function pageOf(person: TestPerson | null, viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  if (person) await signInAs(context, workspace, person);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  return { context, page, errors: watchErrors(page) };
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(SHOTS, name) });
}

/** Ends the browser's session on the server, as signing out in another tab of it does. */
async function endSession(context: BrowserContext): Promise<void> {
  const response = await context.request.delete(`${workspace.url}/api/session`, {
    headers: { Origin: new URL(workspace.url).origin, 'Content-Type': 'application/json' },
  });
  expect(response.status()).toBe(204);
}

/** `Me.workspace` of the signed-in person: the first part of their copies' names. */
function workspaceId(page: Page): Promise<string> {
  return page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { workspace: string }).workspace);
}

/** Creates an IndexedDB database by name, as a local copy of a section would be. */
function createDatabase(page: Page, name: string): Promise<void> {
  return page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('updates', { autoIncrement: true });
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
    name,
  );
}

function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? '').sort());
}

/** Waits until `check` holds (what the page does after a click is not awaited by the click). */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sessionDialog = (page: Page) => page.getByRole('dialog', { name: /Sign in again|Войдите снова/ });

describe('the session ends under a page', () => {
  test('a section stays open under one dialog; signing in again closes it and the app works on', async () => {
    const member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
    const { context, page, errors } = await pageOf(member);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await openSection(page, workspace, 'national-kz');
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Kept across the dialog ');
    const url = page.url();

    // The collab socket (4401), the live channel and any API call all hear that the session ended.
    await endSession(context);
    const dialog = sessionDialog(page);
    await dialog.waitFor();
    await page.waitForTimeout(1000);
    await expect(page.locator('dialog[open]').count()).resolves.toBe(1);
    expect(page.url()).toBe(url);
    await expect(page.locator('.ProseMirror').textContent()).resolves.toContain('Kept across the dialog');
    await expect(dialog.textContent()).resolves.toContain('Your session has ended. Sign in again to carry on; your changes on this page are kept.');
    await expect(dialog.getByLabel('E-mail').inputValue()).resolves.toBe(member.email);
    await expect(dialog.getByLabel('Password').evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    await expect(dialog.locator('button[type=submit]').count()).resolves.toBe(1);
    await shot(page, 'session-dialog-1280-en.png');

    // Escape does not throw the page away (not even pressed twice, which Chromium would honour).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    await expect(dialog.isVisible()).resolves.toBe(true);
    expect(page.url()).toBe(url);

    await dialog.getByLabel('Password').fill('not the password');
    await dialog.getByRole('button', { name: 'Sign in and carry on' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('The e-mail or password is not correct.');
    await expect(dialog.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await shot(page, 'session-dialog-wrong-password-1280-en.png');

    const before = sockets.filter((socket) => socket.includes('/socket.io/')).length;
    await dialog.getByLabel('Password').fill(member.password);
    await dialog.getByRole('button', { name: 'Sign in and carry on' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toBe(url);
    await expect(page.locator('.ProseMirror').textContent()).resolves.toContain('Kept across the dialog');
    // The live channel is opened again with the new session.
    await until(() => sockets.filter((socket) => socket.includes('/socket.io/')).length > before, 'a new live channel');
    await expect(page.evaluate(async () => (await fetch('/api/me')).status)).resolves.toBe(200);

    await page.getByRole('link', { name: 'Workspace' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    await expect(page.locator('.who-name').textContent()).resolves.toBe('Айгерім Сапарова');
    expect(errors).toEqual([]);
  });

  test('a different person signing in through the dialog starts on the dashboard, as themselves', async () => {
    const first = await addTestPerson(workspace, 'member', 'TJ', 'Фарзона Раҳимова');
    const second = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Dilnoza Karimova');
    const { context, page, errors } = await pageOf(first);
    await page.goto(`${workspace.url}/master`);
    await page.locator('.master-section').first().waitFor();
    // No collab socket here: the live channel, closed by the server, is what notices.
    await endSession(context);
    const dialog = sessionDialog(page);
    await dialog.waitFor();
    expect(new URL(page.url()).pathname).toBe('/master');
    await dialog.getByLabel('E-mail').fill(second.email);
    await dialog.getByLabel('Password').fill(second.password);
    await dialog.getByRole('button', { name: 'Sign in and carry on' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    await expect(page.locator('.who-name').textContent()).resolves.toBe('Dilnoza Karimova');
    await expect(sessionDialog(page).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  test('the same person signing in again stays on the page they were on, which reloads', async () => {
    const person = await addTestPerson(workspace, 'reviewer', 'IOM', 'Claire Martin');
    const { context, page, errors } = await pageOf(person);
    await page.goto(`${workspace.url}/master`);
    await page.locator('.master-section').first().waitFor();
    await endSession(context);
    const dialog = sessionDialog(page);
    await dialog.waitFor();
    const reloads: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/') && response.status() === 200) reloads.push(new URL(response.url()).pathname);
    });
    await dialog.getByLabel('Password').fill(person.password);
    await dialog.getByLabel('Password').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/master');
    await page.locator('.master-section').first().waitFor();
    await until(() => reloads.some((route) => route !== '/api/session'), 'the page to reload its data');
    await expect(page.locator('.who-name').textContent()).resolves.toBe('Claire Martin');
    expect(errors).toEqual([]);
  });

  test('"Go to the sign-in page" leaves the page for sign-in, which says why and leads back', async () => {
    const member = await addTestPerson(workspace, 'member', 'KG', 'Нурлан Абдыкадыров');
    const { context, page, errors } = await pageOf(member);
    await openSection(page, workspace, 'national-kg');
    await endSession(context);
    const dialog = sessionDialog(page);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Go to the sign-in page' }).click();
    await page.waitForURL(/\/signin\?next=%2Fsections%2Fnational-kg/);
    await page.getByRole('status').getByText('Your session has ended. Please sign in again.').waitFor();
    await expect(sessionDialog(page).count()).resolves.toBe(0);
    await page.getByLabel('E-mail').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sections\/national-kg$/);
    expect(errors).toEqual([]);
  });

  test('the dialog in Russian, on a desktop and a phone', async () => {
    const member = await addTestPerson(workspace, 'member', 'UZ', 'Дилшод Рахимов');
    for (const viewport of [undefined, PHONE]) {
      const { context, page, errors } = await pageOf(member, viewport);
      await page.goto(workspace.url);
      await page.locator('.app-header').waitFor();
      await page.getByRole('button', { name: 'Русский' }).click();
      await openSection(page, workspace, 'national-uz');
      await endSession(context);
      const dialog = sessionDialog(page);
      await dialog.waitFor();
      await expect(dialog.textContent()).resolves.toContain('Сеанс завершён.');
      await shot(page, `session-dialog-${viewport ? '390' : '1280'}-ru.png`);
      expect(errors).toEqual([]);
      await context.close();
    }
    const { context, page } = await pageOf(member, PHONE);
    await page.goto(workspace.url);
    await page.locator('.app-header').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await openSection(page, workspace, 'national-uz');
    await endSession(context);
    await sessionDialog(page).waitFor();
    await shot(page, 'session-dialog-390-en.png');
    await context.close();
  }, 60_000);
});

describe('signing out', () => {
  test('changes the server has not got are asked about; staying keeps you signed in, going on deletes your copies only', async () => {
    const lead = await addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Нұрланов');
    const { page, errors } = await pageOf(lead);
    await page.goto(workspace.url);
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    const ws = await workspaceId(page);
    const mine = `syllabus/${ws}/${lead.id}/national-kz`;
    const someoneElses = `syllabus/${ws}/${lead.id + 1000}/national-kz`;
    await createDatabase(page, mine);
    await createDatabase(page, someoneElses);
    await page.evaluate((name) => localStorage.setItem(`syllabus.unsent:${name}`, '3'), mine);

    await page.getByRole('button', { name: 'Sign out' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sign out and delete unsent changes?' });
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toMatch(/3 changes made on this device have not reached the server yet \(sections: Kazakhstan[^)]*\)\. Signing out deletes them\./);
    await shot(page, 'sign-out-confirm-1280-en.png');
    await confirm.getByRole('button', { name: 'Stay signed in' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect(page.evaluate(async () => (await fetch('/api/me')).status)).resolves.toBe(200);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(databases(page)).resolves.toContain(mine);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await confirm.getByRole('button', { name: 'Sign out and delete them' }).click();
    await page.waitForURL(/\/signin$/);
    await page.getByRole('status').getByText('Signed out. The copies of sections kept on this device were deleted.').waitFor();
    await shot(page, 'signed-out-copies-deleted-1280-en.png');
    const left = await databases(page);
    expect(left).not.toContain(mine);
    expect(left).toContain(someoneElses);
    await expect(page.evaluate((name) => localStorage.getItem(`syllabus.unsent:${name}`), mine)).resolves.toBeNull();
    await expect(page.evaluate(async () => (await fetch('/api/me')).status)).resolves.toBe(401);
    expect(errors).toEqual([]);
  });

  test('the question in Russian, on a phone', async () => {
    const member = await addTestPerson(workspace, 'member', 'UZ', 'Шахноза Алиева');
    const { page, errors } = await pageOf(member, PHONE);
    await page.goto(workspace.url);
    await page.locator('.app-header').waitFor();
    await page.getByRole('button', { name: 'Русский' }).click();
    const ws = await workspaceId(page);
    await page.evaluate((key) => localStorage.setItem(key, '1'), `syllabus.unsent:syllabus/${ws}/${member.id}/national-uz`);
    await page.getByRole('button', { name: 'Выйти' }).click();
    const confirm = page.getByRole('dialog', { name: 'Выйти и удалить неотправленные изменения?' });
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toMatch(/1 изменение, сделанное на этом устройстве, ещё не дошло до сервера \(разделы: Узбекистан[^)]*\)\. При выходе оно будет удалено\./);
    await shot(page, 'sign-out-confirm-390-ru.png');
    await confirm.getByRole('button', { name: 'Остаться в системе' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
  });

  test('with nothing unsent there is no question, and the sign-in page says what was deleted, or that nothing was kept', async () => {
    const member = await addTestPerson(workspace, 'member', 'TM', 'Aýna Şükürowa');
    const { context, page, errors } = await pageOf(member);
    await page.goto(workspace.url);
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    const copy = `syllabus/${await workspaceId(page)}/${member.id}/national-tm`;
    await createDatabase(page, copy);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin$/);
    await page.getByRole('status').getByText('Signed out. The copies of sections kept on this device were deleted.').waitFor();
    await expect(databases(page)).resolves.not.toContain(copy);

    // A device that keeps nothing (the pages make no copies) has nothing to delete, and says so.
    await page.evaluate(() => localStorage.setItem('syllabus.keepCopies', 'no'));
    await signInAs(context, workspace, member);
    await page.goto(workspace.url);
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin$/);
    await page.getByRole('status').getByText('Signed out. No copies of your sections are kept on this device.').waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  test('when the server cannot be reached, the copies are deleted all the same', async () => {
    const member = await addTestPerson(workspace, 'member', 'KG', 'Айбек Токтогулов');
    const { page, errors } = await pageOf(member);
    await page.goto(workspace.url);
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    const copy = `syllabus/${await workspaceId(page)}/${member.id}/national-kg`;
    await createDatabase(page, copy);
    await page.route('**/api/session', (route) => (route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.continue()));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin$/);
    await page.getByRole('status').getByText('Signed out. The copies of sections kept on this device were deleted.').waitFor();
    await expect(databases(page)).resolves.not.toContain(copy);
    expect(errors).toEqual([]);
  });
});

describe('a shared computer keeps no copies', () => {
  test('the sign-in page asks, unchecked at first, and remembers the answer either way', async () => {
    const member = await addTestPerson(workspace, 'member', 'TJ', 'Сино Назарова');
    const { page, errors } = await pageOf(null);
    await page.goto(`${workspace.url}/signin`);
    const shared = page.getByLabel('This is a shared computer: don’t keep copies on this device');
    await expect(shared.isChecked()).resolves.toBe(false);
    // The form others rely on: e-mail, password and one submit button.
    await expect(page.locator('form button[type=submit]').count()).resolves.toBe(1);
    await expect(page.locator('form input[type=email]').count()).resolves.toBe(1);
    await expect(page.locator('form input[type=password]').count()).resolves.toBe(1);
    await shot(page, 'sign-in-1280-en.png');

    await shared.check();
    await page.getByLabel('E-mail').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    await expect(page.evaluate(() => localStorage.getItem('syllabus.keepCopies'))).resolves.toBe('no');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin$/);
    await expect(shared.isChecked()).resolves.toBe(true);
    await shared.uncheck();
    await page.getByLabel('E-mail').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    await expect(page.evaluate(() => localStorage.getItem('syllabus.keepCopies'))).resolves.toBeNull();
    expect(errors).toEqual([]);
  });

  test('the account menu turns it on (saying how many copies went) and off again', async () => {
    const member = await addTestPerson(workspace, 'member', 'KZ', 'Әсел Жұмабаева');
    const { page, errors } = await pageOf(member);
    await page.goto(workspace.url);
    await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
    const ws = await workspaceId(page);
    await createDatabase(page, `syllabus/${ws}/${member.id}/national-kz`);
    await createDatabase(page, `syllabus/${ws}/${member.id}/regional-1`);

    const account = page.getByRole('button', { name: /Әсел Жұмабаева/ });
    await account.click();
    await expect(account.getAttribute('aria-expanded')).resolves.toBe('true');
    const shared = page.getByLabel('This is a shared computer: don’t keep copies on this device');
    await expect(shared.isChecked()).resolves.toBe(false);
    await shared.check();
    // The two made here, and any the pages made meanwhile (sections are kept as they are seen).
    const said = page.getByRole('status').getByText(/Copies are no longer kept on this device\. \d+ copies of sections were deleted\./);
    await said.waitFor();
    expect(Number(/(\d+) copies/.exec((await said.textContent()) ?? '')?.[1])).toBeGreaterThanOrEqual(2);
    await expect(page.evaluate(() => localStorage.getItem('syllabus.keepCopies'))).resolves.toBe('no');
    expect((await databases(page)).filter((name) => name.startsWith(`syllabus/${ws}/${member.id}/`))).toEqual([]);
    await shot(page, 'account-menu-copies-deleted-1280-en.png');

    await shared.uncheck();
    await page.getByRole('status').getByText('Sections you open are kept on this device again').waitFor();
    await expect(page.evaluate(() => localStorage.getItem('syllabus.keepCopies'))).resolves.toBeNull();

    await page.keyboard.press('Escape');
    await expect(account.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(shared.count()).resolves.toBe(0);
    await expect(account.evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    // A click elsewhere closes it too.
    await account.click();
    await page.mouse.click(20, 600);
    await expect(account.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(errors).toEqual([]);
  });

  test('the sign-in page and the account menu on a phone and in Russian', async () => {
    const member = await addTestPerson(workspace, 'lead', 'UZ', 'Малика Юсупова');
    for (const [viewport, width] of [[undefined, '1280'], [PHONE, '390']] as const) {
      for (const language of ['en', 'ru'] as const) {
        const { context, page, errors } = await pageOf(null, viewport);
        await page.goto(`${workspace.url}/signin`);
        if (language === 'ru') await page.getByRole('button', { name: 'Русский' }).click();
        await shot(page, `sign-in-${width}-${language}.png`);
        await signInAs(context, workspace, member);
        await page.goto(workspace.url);
        await page.locator('.app-header').waitFor();
        // The person's language follows them from the server: set it for this picture.
        await page.getByRole('button', { name: language === 'ru' ? 'Русский' : 'English' }).click();
        await page.locator('.account > .who').click();
        await page.locator('#account-panel').waitFor();
        await shot(page, `account-menu-${width}-${language}.png`);
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 90_000);
});
