/**
 * Language versions (#19) in the browser: a coordinator makes English a translation language; one
 * member writes the Russian source and another the English translation side by side, each seeing
 * the other's text live; a changed source paragraph shows "needs update" beside its translation
 * with a word diff, and Confirm clears it; "Next block needing work" goes to an untranslated
 * paragraph and gives it a block; at 1280 and 390 px wide, in English and Russian.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { textHash, unitText } from '../../shared/translations';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestPerson, type TestWorkspace, addTestPerson, waitFor } from '../support/workspace';
import { launchBrowser, screenshotPath, startBrowserWorkspace, watchErrors } from './browser';

const SHOTS = '/tmp/l4-shots';
const SECTION = 'national-kz';
const ADDRESS = `/sections/${SECTION}/translations/en`;

let workspace: TestWorkspace;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

interface Person {
  person: TestPerson;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

const origin = () => new URL(workspace.url).origin;

async function signIn(role: Role, group: GroupCode, width = 1280, locale: 'en' | 'ru' = 'en'): Promise<Person> {
  const person = await addTestPerson(workspace, role, group);
  const context = await browser.newContext({ viewport: { width, height: 860 }, locale: 'en-GB' });
  const signedIn = await context.request.post(`${workspace.url}/api/session`, { data: { email: person.email, password: person.password }, headers: { Origin: origin() } });
  expect(signedIn.status()).toBe(200);
  if (locale !== 'en') await context.request.patch(`${workspace.url}/api/me`, { data: { locale }, headers: { Origin: origin() } });
  const page = await context.newPage();
  return { person, context, page, errors: watchErrors(page) };
}

async function openTranslation(who: Person): Promise<void> {
  await who.page.goto(`${workspace.url}${ADDRESS}`);
  // Attached rather than visible: a narrow screen shows one column at a time.
  await who.page.locator('.translation-column.is-source .connection-connected').waitFor({ state: 'attached' });
  await who.page.locator('.translation-column.is-target .connection-connected').waitFor({ state: 'attached' });
}

const sourceEditor = (page: Page) => page.locator('.translation-column.is-source .ProseMirror');
const targetEditor = (page: Page) => page.locator('.translation-column.is-target .ProseMirror');

interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  content?: PMJson[];
}

/** The paragraphs of a document as the server holds it. */
function serverParagraphs(key: string): PMJson[] {
  workspace.server.content.invalidate(key);
  const found: PMJson[] = [];
  const walk = (node: PMJson) => {
    if (node.type === 'paragraph') found.push(node);
    else for (const child of node.content ?? []) walk(child);
  };
  walk(workspace.server.content.snapshot(key).json as unknown as PMJson);
  return found;
}
const textOf = (node: PMJson): string => (node.text ?? '') + (node.content ?? []).map(textOf).join('');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

test('a Russian source and its English translation, side by side', async () => {
  const coordinator = await signIn('coordinator', 'IOM');
  const set = await coordinator.context.request.patch(`${workspace.url}/api/settings`, { data: { languages: { source: 'ru', targets: ['en'] } }, headers: { Origin: origin() } });
  expect(set.status()).toBe(200);

  // The author of the source writes three paragraphs in Russian.
  const author = await signIn('member', 'KZ');
  await openTranslation(author);
  await sourceEditor(author.page).click();
  await author.page.keyboard.type('Первый абзац о миграции.');
  await author.page.keyboard.press('Enter');
  await author.page.keyboard.type('Второй абзац о правах мигрантов.');
  await author.page.keyboard.press('Enter');
  await author.page.keyboard.type('Третий абзац.');
  await waitFor(() => serverParagraphs(SECTION).filter((p) => textOf(p)).length === 3 && serverParagraphs(SECTION).every((p) => p.attrs?.id), 'three source paragraphs with ids');

  // The translator sees them, and "Next block" gives the first its block.
  const translator = await signIn('lead', 'KZ');
  await openTranslation(translator);
  await sourceEditor(translator.page).getByText('Третий абзац.').waitFor();
  await translator.page.waitForFunction(() => document.querySelector('.translation-counts')?.textContent?.includes('0 of 3 current'));
  await expect(sourceEditor(translator.page).locator('p.unit-missing').count()).resolves.toBe(3);
  await translator.page.getByRole('button', { name: 'Next block needing work' }).click();
  await targetEditor(translator.page).locator('p.unit-to-translate').waitFor();
  await expect(targetEditor(translator.page).locator('p.unit-to-translate').getAttribute('data-source-text')).resolves.toBe('Первый абзац о миграции.');
  await translator.page.keyboard.type('First paragraph on migration.');
  // Alt+↓: the second.
  await translator.page.keyboard.press('Alt+ArrowDown');
  await translator.page.keyboard.type('Second paragraph on migrants’ rights.');

  // A first translation is current: stamped with the source's hash, on the server too.
  const sourceIds = serverParagraphs(SECTION).map((p) => p.attrs?.id);
  await waitFor(() => serverParagraphs(documentKey(SECTION, 'en')).filter((p) => p.attrs?.sourceHash).length === 2, 'two stamped translation blocks');
  const linked = serverParagraphs(documentKey(SECTION, 'en')).filter((p) => textOf(p));
  expect(linked.map((p) => p.attrs?.source)).toEqual(sourceIds.slice(0, 2));
  await translator.page.waitForFunction(() => document.querySelector('.translation-counts')?.textContent?.includes('2 of 3 current'));

  // Each sees the other's text live.
  await targetEditor(author.page).getByText('Second paragraph on migrants’ rights.').waitFor();
  await expect(targetEditor(author.page).locator('.unit-stale').count()).resolves.toBe(0);

  // The author changes the second source paragraph: it is stale beside its translation.
  await sourceEditor(author.page).getByText('Второй абзац о правах мигрантов.').click();
  await author.page.keyboard.press('End');
  await author.page.keyboard.type(' Важно.');
  const stale = targetEditor(translator.page).locator('p.unit-stale');
  await stale.waitFor();
  await expect(stale.textContent()).resolves.toContain('Second paragraph');
  await expect(stale.locator('.unit-status-label').textContent()).resolves.toContain('Translation needs update');
  await expect(sourceEditor(translator.page).locator('p.unit-stale').textContent()).resolves.toContain('Важно.');

  // Its diff in the stale panel, once the translator is in the block.
  await stale.click();
  const panel = translator.page.locator('.stale-panel');
  await panel.locator('.stale-diff ins').waitFor();
  await expect(panel.locator('.stale-diff ins').textContent()).resolves.toContain('Важно.');
  // Both sides of the pair are outlined.
  await expect(sourceEditor(translator.page).locator('p.unit-paired').textContent()).resolves.toContain('Второй абзац');
  await shot(translator.page, 'translator-stale-1280-en.png');

  // Confirm clears it, here and on the server.
  await panel.getByRole('button', { name: 'Confirm', exact: true }).click();
  await translator.page.waitForFunction(() => !document.querySelector('.translation-column.is-target p.unit-stale'));
  await translator.page.waitForFunction(() => document.querySelector('.translation-counts')?.textContent?.includes('2 of 3 current'));

  // Next block: the third paragraph is missing; it gets a block after the second's translation.
  await targetEditor(translator.page).getByText('First paragraph').click();
  await translator.page.getByRole('button', { name: 'Next block needing work' }).click();
  const placeholder = targetEditor(translator.page).locator('p.unit-to-translate');
  await placeholder.waitFor();
  await expect(placeholder.getAttribute('data-source-text')).resolves.toBe('Третий абзац.');
  const order = await targetEditor(translator.page)
    .locator('p')
    .evaluateAll((paragraphs) => paragraphs.map((p) => (p.classList.contains('unit-to-translate') ? '[third]' : (p.textContent ?? '').replace(/^.*?: /, ''))));
  expect(order.slice(0, 3)).toEqual(['First paragraph on migration.', 'Second paragraph on migrants’ rights.', '[third]']);
  await expect(translator.page.locator('[role="status"]', { hasText: 'needing work' }).count()).resolves.toBeGreaterThan(0);
  await shot(translator.page, 'translator-next-1280-en.png');
  await shot(author.page, 'author-1280-en.png');

  // Files for translators: the XLIFF downloads and, changed in a translator's tool, comes back;
  // the two-column Word file downloads.
  const [download] = await Promise.all([translator.page.waitForEvent('download'), translator.page.getByRole('link', { name: 'Download XLIFF' }).click()]);
  const xliff = fs.readFileSync((await download.path())!, 'utf8');
  expect(xliff).toContain('urn:oasis:names:tc:xliff:document:2.0');
  expect(xliff).toContain('Second paragraph on migrants’ rights.');
  await translator.page
    .locator('.translation-files input[type="file"]')
    .setInputFiles({ name: 'en.xliff', mimeType: 'application/xliff+xml', buffer: Buffer.from(xliff.replace('Second paragraph on migrants’ rights.', 'Second paragraph on the rights of migrants.')) });
  await translator.page.locator('.translation-files-message', { hasText: 'Blocks updated: 1;' }).waitFor();
  await targetEditor(translator.page).getByText('Second paragraph on the rights of migrants.').waitFor();
  await author.page.waitForFunction(() => document.body.textContent?.includes('Second paragraph on the rights of migrants.'));
  // A file that is not XLIFF is refused, in words, and changes nothing.
  await translator.page.locator('.translation-files input[type="file"]').setInputFiles({ name: 'notes.xliff', mimeType: 'application/xliff+xml', buffer: Buffer.from('<html>not a translation</html>') });
  await translator.page.locator('.translation-files-message.is-error', { hasText: 'The file was not imported' }).waitFor();
  const [word] = await Promise.all([translator.page.waitForEvent('download'), translator.page.getByRole('link', { name: 'Word, two columns' }).click()]);
  expect(word.suggestedFilename()).toMatch(/\.ru-en\.docx$/);
  expect(fs.readFileSync((await word.path())!).subarray(0, 2).toString()).toBe('PK');

  // The section page lists the translation with its counts and links to it.
  await author.page.goto(`${workspace.url}/sections/${SECTION}`);
  const block = author.page.locator('.section-translations');
  await block.waitFor();
  await expect(block.getByRole('link', { name: 'Open the English translation' }).getAttribute('href')).resolves.toBe(ADDRESS);
  await author.page.waitForFunction(() => document.querySelector('.section-translations')?.textContent?.includes('2 of 3 current, 0 to update, 1 not translated'));
  await shot(author.page, 'section-1280-en.png');

  // Narrow: the columns stack, one at a time with the toggle.
  const narrow = await signIn('member', 'KZ', 390, 'ru');
  await openTranslation(narrow);
  await narrow.page.waitForFunction(() => document.querySelector('.translation-counts')?.textContent?.includes('Актуально 2 из 3'));
  await expect(sourceEditor(narrow.page).isVisible()).resolves.toBe(false);
  await shot(narrow.page, 'member-390-ru-translation.png');
  await narrow.page.getByRole('button', { name: 'Исходный текст', exact: true }).click();
  await sourceEditor(narrow.page).waitFor();
  await expect(targetEditor(narrow.page).isVisible()).resolves.toBe(false);
  await shot(narrow.page, 'member-390-ru-source.png');
  const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  for (const who of [author, translator, narrow, coordinator]) expect(who.errors).toEqual([]);
}, 180_000);

/** Replaces a document's content on the server, as an import would. */
function writeDocument(key: string, content: PMJson[]): void {
  workspace.server.sections.change(key, null, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
  });
  workspace.server.content.invalidate(key);
}

test('the English export of the master is complete and in English', async () => {
  const coordinator = await signIn('coordinator', 'IOM');
  const set = await coordinator.context.request.patch(`${workspace.url}/api/settings`, { data: { languages: { source: 'ru', targets: ['en'] } }, headers: { Origin: origin() } });
  expect(set.status()).toBe(200);
  // Every section in Russian, each block translated into English and current against its source.
  const sections = workspace.server.services.sections.list().map((section) => section.id);
  const russian = (id: string) => `Миграционное право: раздел ${id}.`;
  const english = (id: string) => `Migration law: section ${id}.`;
  for (const id of sections) {
    const source: PMJson = { type: 'paragraph', attrs: { id: 'only' }, content: [{ type: 'text', text: russian(id) }] };
    writeDocument(id, [source]);
    const sourceText = unitText(source as never);
    writeDocument(documentKey(id, 'en'), [
      { type: 'paragraph', attrs: { id: 'en-only', source: 'only', sourceHash: textHash(sourceText), sourceText }, content: [{ type: 'text', text: english(id) }] },
    ]);
  }

  const page = coordinator.page;
  await page.goto(`${workspace.url}/master`);
  const panel = page.getByRole('region', { name: 'Export' });
  const language = panel.getByLabel('Language', { exact: true });
  await language.waitFor();
  await expect(language.locator('option').allTextContents()).resolves.toEqual(['Russian (source)', 'English']);
  await language.selectOption('en');
  await panel.getByLabel('Markdown', { exact: true }).check();
  await panel.screenshot({ path: screenshotPath('exports-language-1280-en.png') });
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  const link = panel.getByRole('link', { name: /^Download / });
  await link.waitFor({ timeout: 30_000 });
  expect(await link.getAttribute('download')).toMatch(/_master_current_en_.*\.md$/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain('English version');
  expect(markdown).not.toMatch(/Incomplete translation|translation incomplete/);
  for (const id of sections) {
    expect(markdown).toContain(english(id));
    expect(markdown).not.toContain(russian(id));
  }

  // At 390 px, in Russian, the choice fits and speaks Russian.
  const narrow = await signIn('member', 'KZ', 390, 'ru');
  await narrow.page.goto(`${workspace.url}/master`);
  const choice = narrow.page.locator('#export-language');
  await choice.waitFor();
  await expect(choice.locator('option').allTextContents()).resolves.toEqual(['русский (исходный)', 'английский']);
  await choice.scrollIntoViewIfNeeded();
  await narrow.page.screenshot({ path: screenshotPath('exports-language-390-ru.png'), fullPage: true });
  expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const who of [coordinator, narrow]) expect(who.errors).toEqual([]);
}, 90_000);
