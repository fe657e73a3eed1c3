/**
 * Searching the syllabus in the browser: the search box in the header finds words in every
 * section and comment, a hit opens its section with the words selected (or its comment thread
 * open), it works from the keyboard, and at 390 px wide.
 */
import type { Browser, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type { SearchHit, Thread } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn } from '../support/workspace';
import { launchBrowser, newContext, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
let writer: TestPerson;
let reader: TestPerson;
let threadId: number;
const writers: CollabClient[] = [];

const FILLER = Array.from({ length: 14 }, (_, i) => `Пункт ${i + 1}. Общие положения курса о международном праве.`);

/** Real syllabus-like text, written by real y-websocket clients as the editor would. */
const TEXT: Record<string, string[]> = {
  'regional-3': [
    'Возвратная миграция: добровольная и принудительная.',
    ...FILLER,
    'Реинтеграция мигрантов после возвращения требует поддержки государства. Программа AVRR помогает вернувшимся мигрантам.',
  ],
  'regional-1': ['Базовые понятия: трудовая миграция, внутренняя миграция, международная миграция.'],
  'national-kz': ['Қазақстан Республикасындағы көші-қон құқығы. Еңбек миграциясы туралы заң.'],
  'national-tm': ['Türkmenistanyň migrasiýa kanunçylygy. Zähmet migrasiýasy barada.'],
  'national-uz': ['Oʻzbekistonda mehnat migratsiyasi toʻgʻrisidagi qonun. Migratsiya agentligi.'],
};

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  writer = await addTestPerson(workspace, 'coordinator', 'IOM', 'Айгерім Сапарова');
  reader = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Anna Keller');
  const cookie = await signIn(workspace.url, writer.email, writer.password);
  for (const [sectionId, paragraphs] of Object.entries(TEXT)) {
    const client = connectCollab(workspace.url, sectionId, cookie);
    writers.push(client);
    await synced(client);
    prosemirrorJSONToYXmlFragment(
      schema,
      { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
      client.doc.getXmlFragment(CONTENT_FRAGMENT),
    );
  }
  const as = api(workspace.url, await signIn(workspace.url, reader.email, reader.password));
  const thread = await as('POST', '/sections/national-kg/threads', {
    anchor: { start: Buffer.from([1, 1, 0, 0]).toString('base64'), end: Buffer.from([1, 1, 5, 0]).toString('base64') },
    quote: 'миграция',
    body: 'Добавьте ссылку на закон о внешней миграции Кыргызской Республики.',
    mentions: [],
  });
  threadId = (thread.body as Thread).id;
  // The index follows the text within ~2 s of the last edit.
  const started = Date.now();
  let hits: SearchHit[] = [];
  while (hits.filter((hit) => hit.kind === 'text').length < 4 && Date.now() - started < 10_000) {
    hits = (await as('GET', `/search?q=${encodeURIComponent('миграц')}`)).body as SearchHit[];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  writers.forEach((client) => client.destroy());
  await browser?.close();
  await workspace?.stop();
});

async function signedInPage(viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  await signInAs(context, workspace, reader);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.setDefaultTimeout(8000);
  const errors = watchErrors(page);
  await page.goto(workspace.url);
  await page.getByRole('search').waitFor();
  return { page, errors };
}

const searchField = (page: Page) => page.getByRole('search').getByRole('searchbox');

test('a reviewer searches, sees the sentences, clicks a hit and lands at its words in the section', async () => {
  const { page, errors } = await signedInPage();
  await expect(page.getByRole('search').getAttribute('aria-label')).resolves.toBe('Search the syllabus');
  await searchField(page).fill('мигрантов');
  const hit = page.locator('a.search-hit[data-section="regional-3"]');
  await hit.waitFor();
  await expect(page.locator('.search-summary').textContent()).resolves.toMatch(/^\d+ results?$/);
  await expect(hit.locator('.search-hit-snippet').textContent()).resolves.toBe(
    'Реинтеграция мигрантов после возвращения требует поддержки государства.',
  );
  await expect(hit.locator('mark').allTextContents()).resolves.toEqual(['мигрантов']);

  // The screenshot of the README: a broader query, hits in several sections and a comment.
  await searchField(page).fill('миграц');
  await page.locator('a.search-hit[data-section="national-kg"]').waitFor();
  await page.screenshot({ path: screenshotPath('search-desktop.png') });

  await searchField(page).fill('мигрантов');
  await hit.getByText('Реинтеграция мигрантов').waitFor();
  await expect(page.locator('.search-summary').textContent()).resolves.toMatch(/results?$/);
  await hit.click();
  await page.waitForURL(/\/sections\/regional-3\?.*block=15/);
  await page.locator('.connection-connected').waitFor();
  await page.waitForFunction(() => window.getSelection()?.toString() === 'мигрантов');
  // The block is far down the section: the page scrolled to the words, which are in sight.
  const place = await page.evaluate(() => {
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { scrolled: window.scrollY, top: rect.top, bottom: rect.bottom, height: window.innerHeight };
  });
  expect(place.scrolled).toBeGreaterThan(0);
  expect(place.top).toBeGreaterThanOrEqual(0);
  expect(place.bottom).toBeLessThanOrEqual(place.height);
  await expect(page.locator('.search-panel').count()).resolves.toBe(0);
  expect(errors).toEqual([]);
});

test('from the keyboard: type, ↓ into the hits, Enter opens a comment hit with its thread', async () => {
  const { page, errors } = await signedInPage();
  await page.keyboard.press('Tab');
  await searchField(page).focus();
  await page.keyboard.type('ВНЕШНЕЙ');
  await page.locator('a.search-hit[data-section="national-kg"]').waitFor();
  await expect(page.locator('a.search-hit .search-hit-kind').textContent()).resolves.toBe('Comment');
  await page.keyboard.press('ArrowDown');
  await expect(page.evaluate(() => document.activeElement?.classList.contains('search-hit'))).resolves.toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.locator('.search-panel').count()).resolves.toBe(0);
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('search-input');
  // ↓ opens the list again and moves into it once its hits are there.
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.classList.contains('search-hit') === true);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/sections/national-kg\\?thread=${threadId}$`));
  await page.locator(`#thread-${threadId}.is-active`).waitFor();
  expect(errors).toEqual([]);
});

test('every script: Turkmen without diacritics, Uzbek with a plain apostrophe, Kazakh in capitals', async () => {
  const { page } = await signedInPage();
  for (const [query, sectionId, word] of [
    ['turkmenistany', 'national-tm', 'Türkmenistanyň'],
    ["to'g'risidagi", 'national-uz', 'toʻgʻrisidagi'],
    ['ҚАЗАҚСТАН', 'national-kz', 'Қазақстан'],
  ]) {
    await searchField(page).fill(query);
    const hit = page.locator(`a.search-hit[data-section="${sectionId}"]`);
    await hit.locator('mark', { hasText: word }).waitFor();
    await expect(hit.locator('mark').first().textContent()).resolves.toBe(word);
  }
  await searchField(page).fill('ничегоподобного');
  await page.getByText('Nothing found for “ничегоподобного”.').waitFor();
});

test('at 390 px the box has a row of its own and the hits fit the screen', async () => {
  const { page, errors } = await signedInPage({ width: 390, height: 844 });
  const field = await searchField(page).boundingBox();
  expect(field!.width).toBeGreaterThan(300);
  await searchField(page).fill('миграц');
  await page.locator('a.search-hit').first().waitFor();
  const panel = await page.locator('.search-panel').boundingBox();
  expect(panel!.x).toBeGreaterThanOrEqual(0);
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
  // (The dashboard's own hidden chart table is wider than 390 px today: only the header is measured.)
  await expect(page.locator('.app-header').evaluate((header) => header.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await page.screenshot({ path: screenshotPath('search-390.png') });
  expect(errors).toEqual([]);
});

test('in Russian the box and its results speak Russian', async () => {
  const { page } = await signedInPage();
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.getByRole('search').getAttribute('aria-label')).resolves.toBe('Поиск по программе');
  await searchField(page).fill('мигрантов');
  await page.locator('a.search-hit').first().waitFor();
  await expect(page.locator('.search-summary').textContent()).resolves.toMatch(/^\d+ результат/);
  await page.getByRole('button', { name: 'English' }).click();
});
