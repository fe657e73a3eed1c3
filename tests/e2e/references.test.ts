/**
 * Cross-references in the browser (#18): a KZ member inserts a reference to a Part 1 heading with
 * the toolbar's chooser (filter, keyboard), sees it show the heading's current number and words,
 * follows it to the heading, sees it follow a rewording made by a colleague, and flagged once the
 * heading is deleted. Headings the member's editor touches get their stable ids.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, signIn, waitFor } from '../support/workspace';
import { launchBrowser, openSection, screenshotPath, signInAs, startBrowserWorkspace, waitForText, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let member: TestPerson;
let colleague: CollabClient;

interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
}

const serverDoc = (sectionId: string) => workspace.server.content.snapshot(sectionId).json as unknown as PMJson;

function nodesOf(node: PMJson, type: string, out: PMJson[] = []): PMJson[] {
  if (node.type === type) out.push(node);
  for (const child of node.content ?? []) nodesOf(child, type, out);
  return out;
}

/** Waits until the element's text is `text` (the label is drawn from the index, which may still be loading). */
async function hasText(locator: Locator, text: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await locator.textContent();
    if (seen === text) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected "${text}", saw "${seen}"`);
}

/**
 * The page's errors, less one that is not the references' own: leaving a section page, y-prosemirror's
 * cursor plugin dispatches presence news to the editor just destroyed (lib.js `updateMetas`).
 */
const pageErrors = () => errors.filter((message) => !message.includes("reading 'matchesNode'"));

const headingText = () => (colleague.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  const writer = await addTestPerson(workspace, 'member', 'KG', 'Алия Токтогулова');
  const cookie = await signIn(workspace.url, writer.email, writer.password);
  // A colleague's module 3 with a heading that has its id; the KZ section with a heading that has none yet.
  colleague = connectCollab(workspace.url, 'regional-3', cookie);
  await synced(colleague);
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, id: 'treturn' }, content: [{ type: 'text', text: 'Readmission agreements' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Соглашения о реадмиссии.' }] },
      ],
    },
    colleague.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  const kz = connectCollab(workspace.url, 'national-kz', await signIn(workspace.url, member.email, member.password));
  await synced(kz);
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, id: null }, content: [{ type: 'text', text: 'Қазақстан' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'See' }] },
      ],
    },
    kz.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await waitFor(() => JSON.stringify(serverDoc('national-kz')).includes('Қазақстан') && JSON.stringify(serverDoc('regional-3')).includes('treturn'), 'the texts on the server');
  kz.destroy();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  await signInAs(context, workspace, member);
  page = await context.newPage();
  errors = watchErrors(page);
}, 60_000);

afterAll(async () => {
  colleague?.destroy();
  await browser?.close();
  await workspace?.stop();
});

test('a reference inserted from the chooser shows its target, follows it, its rewording and its deletion', async () => {
  await openSection(page, workspace, 'national-kz');
  await waitForText(page, 'See');
  // The end of the paragraph, then the chooser from the toolbar.
  await page.locator('.ProseMirror p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await page.locator('button[data-tool="crossReference"]').click();
  const dialog = page.getByRole('dialog', { name: 'Insert a cross-reference' });
  await dialog.waitFor();
  const filter = dialog.getByRole('combobox', { name: 'Find a section, heading or table' });
  expect(await filter.evaluate((element) => element === document.activeElement)).toBe(true);
  await dialog.getByRole('option', { name: /Readmission agreements/ }).waitFor();
  await filter.fill('readmission');
  // Only module 3's heading (and the section that holds it, if its title matched) is left; ↓ then Enter inserts.
  const options = dialog.getByRole('option');
  expect(await options.allTextContents()).toEqual([expect.stringContaining('1.3 Readmission agreements')]);
  await filter.press('ArrowDown');
  await filter.press('Enter');
  await dialog.waitFor({ state: 'detached' });

  const reference = page.locator('.ProseMirror a.cross-reference');
  await hasText(reference, '1.3 Readmission agreements');
  await waitFor(() => nodesOf(serverDoc('national-kz'), 'cross_reference').length === 1, 'the reference on the server');
  expect(nodesOf(serverDoc('national-kz'), 'cross_reference')[0].attrs).toEqual({ section: 'regional-3', target: 'treturn', label: '1.3 Readmission agreements' });
  // The member's editing gave the section's own heading its stable id.
  expect(nodesOf(serverDoc('national-kz'), 'heading')[0].attrs?.id).toMatch(/^t[a-z0-9]{9}$/);

  // A colleague rewords the heading: the reference shows the new words without a reload.
  const text = headingText();
  text.delete(0, text.length);
  text.insert(0, 'Readmission and return agreements');
  await hasText(reference, '1.3 Readmission and return agreements', 25_000);

  // Ctrl+click follows it: module 3 opens at the heading, highlighted for a moment.
  await reference.click({ modifiers: ['Control'] });
  await page.waitForURL(/\/sections\/regional-3#treturn$/);
  await page.locator('.ProseMirror h2.is-reference-target').waitFor({ timeout: 10_000 });
  await page.goBack();
  await page.waitForURL(/\/sections\/national-kz$/);
  await page.locator('.ProseMirror a.cross-reference').waitFor();
  // The keyboard's way: a plain click selects the reference in the editable text, Ctrl+Enter follows it.
  await page.locator('.ProseMirror a.cross-reference').click();
  await page.locator('.ProseMirror a.cross-reference.ProseMirror-selectednode').waitFor();
  expect(page.url()).toMatch(/\/sections\/national-kz$/);
  await page.keyboard.press('Control+Enter');
  await page.waitForURL(/\/sections\/regional-3#treturn$/);
  await page.goBack();
  await page.waitForURL(/\/sections\/national-kz$/);
  await page.locator('.ProseMirror a.cross-reference').waitFor();

  // The heading is deleted: the reference is flagged, with its stored words struck through.
  colleague.doc.getXmlFragment(CONTENT_FRAGMENT).delete(0, 1);
  const broken = page.locator('.ProseMirror a.cross-reference.is-broken');
  await broken.waitFor({ timeout: 25_000 });
  expect(await broken.getAttribute('title')).toBe('The target of this reference was deleted');
  expect(await broken.locator('s').textContent()).toBe('1.3 Readmission agreements');
  expect(pageErrors()).toEqual([]);
}, 120_000);

test('the dashboard flags the KZ section for its broken reference', async () => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`${workspace.url}/`);
  const kzRow = page.locator('.section-row[data-section="national-kz"]');
  await kzRow.locator('.broken-references').waitFor({ timeout: 10_000 });
  expect(await kzRow.locator('.broken-references').textContent()).toBe('1 broken reference');
  expect(await page.locator('.section-row[data-section="regional-3"] .broken-references').count()).toBe(0);
  expect(pageErrors()).toEqual([]);
}, 60_000);

test('on a phone the chooser fits the screen and lists by section', async () => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openSection(page, workspace, 'national-kz');
  await page.locator('.ProseMirror p').first().click();
  const button = page.locator('button[data-tool="crossReference"]');
  // A narrow toolbar may fold its tools: the shortcut opens the same chooser.
  if (await button.isVisible()) await button.click();
  else await page.keyboard.press('Control+Alt+k');
  const dialog = page.getByRole('dialog', { name: 'Insert a cross-reference' });
  await dialog.getByRole('group').first().waitFor();
  const box = await dialog.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(await dialog.getByRole('group').count()).toBeGreaterThanOrEqual(10);
  await page.screenshot({ path: screenshotPath('references-chooser-390.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(pageErrors()).toEqual([]);
}, 60_000);
