/**
 * The edges newcomers meet first (issue #15): the dashboard on a phone, printing a section and the
 * master document, inserting a table over selected text, an empty section's placeholder, a
 * deactivated account at sign-in and while a section is open, and a quiet console on a fresh section.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, waitFor } from '../support/workspace';
import { editorText, launchBrowser, newContext, openSection, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
let coordinator: TestPerson;
const writers: CollabClient[] = [];
/** Where the PDFs and their pictures go, to be looked at (`SHOTS_DIR`), beside the screenshots. */
const SHOTS = process.env.SHOTS_DIR ?? null;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Claire Dubois');
});

afterAll(async () => {
  writers.forEach((writer) => writer.destroy());
  await browser?.close();
  await workspace?.stop();
});

async function pageOf(person: TestPerson, viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  return { context, page, errors: watchErrors(page) };
}

/** Writes a section's text with a real y-websocket client, as the editor would. */
async function write(sectionId: string, content: unknown[]): Promise<void> {
  const writer = connectCollab(workspace.url, sectionId, await signIn(workspace.url, coordinator.email, coordinator.password));
  writers.push(writer);
  await synced(writer);
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, writer.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => workspace.server.content.snapshot(sectionId).words > 0, 'the text on the server');
}

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const heading = (text: string) => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });

/** Is the element laid out and visible? */
const shown = (page: Page, selector: string) =>
  page.evaluate((query) => [...document.querySelectorAll(query)].some((element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'), selector);

test('the dashboard fits a 390 px phone without sideways scrolling', async () => {
  const member = await addTestPerson(workspace, 'member', 'KZ', 'Ерлан Жұмабаев');
  const { page, errors } = await pageOf(member, { width: 390, height: 844 });
  await page.goto(workspace.url);
  await page.locator('.chart').waitFor();
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  // The chart's table is still there for screen readers.
  await expect(page.getByRole('table', { name: 'Progress by country' }).count()).resolves.toBe(1);
  await page.screenshot({ path: screenshotPath('dashboard-phone.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('printing a section prints its text only, black on white', async () => {
  await write('regional-3', [
    heading('Return migration'),
    paragraph('Voluntary return is the assisted or independent return to the country of origin.'),
    paragraph('Возвратная миграция: добровольное и принудительное возвращение.'),
  ]);
  const { page, errors } = await pageOf(coordinator);
  await openSection(page, workspace, 'regional-3');
  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['.app-header', '.toolbar-area', '.side-panel', '.section-side', '.breadcrumb', 'button']) {
    await expect(shown(page, chrome)).resolves.toBe(false);
  }
  await expect(shown(page, '.document-text')).resolves.toBe(true);
  await expect(page.locator('.document-text p').first().evaluate((element) => getComputedStyle(element).color)).resolves.toBe('rgb(0, 0, 0)');
  await expect(page.locator('.section-heading h1').isVisible()).resolves.toBe(true);
  if (SHOTS) {
    fs.writeFileSync(`${SHOTS}/section.pdf`, await page.pdf({ format: 'A4' }));
    execFileSync('pdftoppm', ['-png', '-r', '60', `${SHOTS}/section.pdf`, `${SHOTS}/section-print`]);
  }
  expect(errors).toEqual([]);
});

test('printing the master document starts every section on a new page', async () => {
  const { page, errors } = await pageOf(coordinator);
  await page.goto(`${workspace.url}/master`);
  await page.locator('.master-section').nth(9).waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['.app-header', '.master-side', 'button']) await expect(shown(page, chrome)).resolves.toBe(false);
  await expect(page.locator('.master-section').nth(1).evaluate((element) => getComputedStyle(element).breakBefore)).resolves.toBe('page');
  if (SHOTS) {
    fs.writeFileSync(`${SHOTS}/master.pdf`, await page.pdf({ format: 'A4' }));
    execFileSync('pdftoppm', ['-png', '-r', '40', '-l', '4', `${SHOTS}/master.pdf`, `${SHOTS}/master-print`]);
  }
  expect(errors).toEqual([]);
});

test('inserting a table with text selected keeps the text and puts the table after it', async () => {
  const member = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza Karimova');
  const { page, errors } = await pageOf(member);
  await openSection(page, workspace, 'national-uz');
  await page.locator('.ProseMirror').click();
  await page.keyboard.type('Oʻzbekiston Respublikasining migratsiya qonunchiligi');
  await page.keyboard.press('Shift+Home');
  await page.getByRole('button', { name: 'Insert table' }).click();
  await page.locator('.ProseMirror table').waitFor();
  await expect(editorText(page)).resolves.toContain('Oʻzbekiston Respublikasining migratsiya qonunchiligi');
  // The paragraph first, then the table (in its resizing wrapper), then a paragraph to write on in.
  await expect(
    page.locator('.ProseMirror > *').evaluateAll((blocks) => blocks.map((block) => (block.querySelector('table') ? 'TABLE' : block.tagName))),
  ).resolves.toEqual(['P', 'TABLE', 'P']);
  await expect(page.locator('.ProseMirror > p').first().textContent()).resolves.toBe('Oʻzbekiston Respublikasining migratsiya qonunchiligi');
  await page.keyboard.type('Qonun');
  await expect(page.locator('.ProseMirror table th').first().textContent()).resolves.toBe('Qonun');
  expect(errors).toEqual([]);
});

test('an empty section shows a placeholder that is not content, in the reader’s language', async () => {
  const member = await addTestPerson(workspace, 'member', 'KG', 'Айбек Токтогулов');
  const { page, errors } = await pageOf(member);
  await openSection(page, workspace, 'national-kg');
  const placeholder = page.locator('.ProseMirror .editor-placeholder');
  await expect(placeholder.textContent()).resolves.toBe('Start writing this section here.');
  await expect(placeholder.getAttribute('aria-hidden')).resolves.toBe('true');
  await expect(page.locator('.ProseMirror').getAttribute('aria-placeholder')).resolves.toBe('Start writing this section here.');
  await page.screenshot({ path: screenshotPath('section-placeholder.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('section-placeholder-phone.png') });
  await page.setViewportSize({ width: 1280, height: 860 });
  // A decoration, never text: it goes with the first character, and comes back in Russian when emptied.
  await page.locator('.ProseMirror').click();
  await page.keyboard.type('Б');
  await expect(placeholder.count()).resolves.toBe(0);
  await expect(page.locator('.ProseMirror').getAttribute('aria-placeholder')).resolves.toBeNull();
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect(placeholder.textContent()).resolves.toBe('Начните писать этот раздел здесь.');
  expect(errors).toEqual([]);
});

test('a deactivated account is told so at sign-in, only after its right password', async () => {
  const person = await addTestPerson(workspace, 'lead', 'TJ', 'Фарзона Раҳимова');
  const admin = api(workspace.url, await signIn(workspace.url, coordinator.email, coordinator.password));
  expect((await admin('PATCH', `/people/${person.id}`, { active: false })).status).toBe(200);
  const page = await (await newContext(browser)).newPage();
  const errors = watchErrors(page);
  await page.goto(`${workspace.url}/signin`);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('The e-mail or password is not correct.');
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('This account has been deactivated.').waitFor();
  await page.screenshot({ path: screenshotPath('sign-in-deactivated.png') });
  expect(errors).toEqual([]);
});

test('deactivated while a section is open: no page error, and the sign-in page says why', async () => {
  const member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  const { page, errors } = await pageOf(member);
  await openSection(page, workspace, 'national-kz');
  const admin = api(workspace.url, await signIn(workspace.url, coordinator.email, coordinator.password));
  expect((await admin('PATCH', `/people/${member.id}`, { active: false })).status).toBe(200);
  await page.waitForURL(/\/signin\?next=%2Fsections%2Fnational-kz/);
  await page.getByRole('status').getByText('A coordinator has deactivated your account').waitFor();
  await page.screenshot({ path: screenshotPath('signed-out-deactivated.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('signed-out-deactivated-phone.png') });
  await page.waitForTimeout(300);
  expect(errors).toEqual([]);
});

test('signed out from another browser while a section is open: no page error, and a dialog over the kept page says so', async () => {
  const member = await addTestPerson(workspace, 'member', 'TM', 'Aýna Şükürowa');
  const { context, page, errors } = await pageOf(member);
  await openSection(page, workspace, 'national-tm');
  // The same session ended elsewhere (another tab of this browser signs out).
  const response = await context.request.delete(`${workspace.url}/api/session`, {
    headers: { Origin: new URL(workspace.url).origin, 'Content-Type': 'application/json' },
  });
  expect(response.status()).toBe(204);
  await page.getByRole('dialog', { name: 'Sign in again' }).getByText('Your session has ended. Sign in again to carry on').waitFor();
  expect(new URL(page.url()).pathname).toBe('/sections/national-tm');
  await page.waitForTimeout(300);
  expect(errors).toEqual([]);
});

test('opening a fresh section, and the master document’s approved texts, logs no failed request', async () => {
  const { page, errors } = await pageOf(coordinator);
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  await openSection(page, workspace, 'regional-5');
  await page.getByRole('tab', { name: /Review/ }).click();
  await page.getByRole('tab', { name: /History/ }).click();
  await page.goto(`${workspace.url}/master`);
  await page.locator('.master-section').nth(9).waitFor();
  await page.locator('.segmented').getByText('Approved texts').click();
  await page.getByText('Draft — not yet approved').nth(9).waitFor();
  await page.waitForTimeout(300);
  expect(failures).toEqual([]);
  expect(errors).toEqual([]);
});
