/**
 * The syllabus as data in the browser (#20): the outcomes matrix flags an outcome no assessment
 * checks, in words, and the flag goes when a colleague adds an assessment row for it; the table
 * keeps its outcome column in place when it scrolls at 390 px; the master adds up the course's
 * hours as a colleague types them; the five countries read side by side under one template heading.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, signIn, waitFor } from '../support/workspace';
import { launchBrowser, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let member: TestPerson;
const clients = new Map<string, CollabClient>();

interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
  text?: string;
}

const text = (value: string): PMJson => ({ type: 'text', text: value });
const paragraph = (...content: PMJson[]): PMJson => ({ type: 'paragraph', content });
const outcome = (id: string, words: string): PMJson => ({ type: 'learning_outcome', attrs: { id }, content: [text(words)] });
const reference = (section: string, target: string, label: string): PMJson => ({ type: 'cross_reference', attrs: { section, target, label } });
const heading = (level: number, words: string, template: string | null = null): PMJson => ({ type: 'heading', attrs: { level, template, id: `h-${template ?? 'x'}` }, content: [text(words)] });
const header = (words: string): PMJson => ({ type: 'table_header', content: [paragraph(text(words))] });
const cell = (...content: PMJson[]): PMJson => ({ type: 'table_cell', content: [paragraph(...content)] });
const table = (kind: 'hours' | 'assessment', head: string[], rows: PMJson[][][]): PMJson => ({
  type: 'table',
  attrs: { kind },
  content: [{ type: 'table_row', content: head.map(header) }, ...rows.map((cells) => ({ type: 'table_row', content: cells.map((content) => cell(...content)) }))],
});
const HOURS_HEAD = ['Topic', 'Lecture', 'Seminar', 'Practice', 'Self-study'];

const serverJson = (sectionId: string) => JSON.stringify(workspace.server.content.snapshot(sectionId).json);

/** Writes a section's whole text through a colleague's live connection and waits until the server has it. */
async function write(sectionId: string, content: PMJson[], until: string): Promise<void> {
  const client = clients.get(sectionId)!;
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, client.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => serverJson(sectionId).includes(until), 'the text on the server');
}

const assessment = (...more: PMJson[][][]) =>
  table('assessment', ['Item', 'Weight, %', 'Outcomes'], [[[text('Written exam')], [text('60')], [reference('regional-1', 'lo-define', 'LO 1.1')]], ...more]);
const module2Hours = (lecture: string) => table('hours', HOURS_HEAD, [[[text('Regional cooperation')], [text(lecture)], [], [text('2')], []]]);

async function textOf(locator: Locator, expected: string | RegExp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await locator.textContent();
    if (seen !== null && (typeof expected === 'string' ? seen.includes(expected) : expected.test(seen))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${String(expected)}, saw "${seen}"`);
}

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  const colleague = await addTestPerson(workspace, 'member', 'KG', 'Алия Токтогулова');
  const cookie = await signIn(workspace.url, colleague.email, colleague.password);
  for (const id of ['regional-1', 'regional-2', 'national-kg']) {
    const client = connectCollab(workspace.url, id, cookie);
    await synced(client);
    clients.set(id, client);
  }
  const kzCookie = await signIn(workspace.url, member.email, member.password);
  const kz = connectCollab(workspace.url, 'national-kz', kzCookie);
  await synced(kz);
  clients.set('national-kz', kz);

  await write(
    'regional-1',
    [
      paragraph(text('By the end of the module participants can:')),
      outcome('lo-define', 'Define a migrant worker and a returnee under the 1990 Convention.'),
      outcome('lo-compare', 'Compare the readmission agreements of the Central Asian states.'),
      table('hours', HOURS_HEAD, [
        [[text('Basic concepts')], [text('2')], [text('1,5')], [], [text('4')]],
        [[text('Terminology')], [text('1.5')], [text('1')], [text('1')], []],
      ]),
    ],
    'Terminology',
  );
  await write('regional-2', [assessment(), module2Hours('3')], 'Written exam');
  await write(
    'national-kz',
    [
      heading(2, 'Нормативная правовая база', 'legal-framework'),
      paragraph(text('Закон Республики Казахстан «О миграции населения» от 22 июля 2011 года № 477-IV.')),
      paragraph(text('Қазақстан Республикасының «Халықтың көші-қоны туралы» Заңы.')),
    ],
    'Халықтың',
  );
  await write('national-kg', [heading(2, 'Правовая база'), paragraph(text('Закон Кыргызской Республики «О внешней миграции».'))], 'внешней');

  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  await signInAs(context, workspace, member);
  page = await context.newPage();
  errors = watchErrors(page);
}, 90_000);

afterAll(async () => {
  for (const client of clients.values()) client.destroy();
  await browser?.close();
  await workspace?.stop();
});

test('the matrix flags the outcome no assessment checks, and the flag clears when a row for it is added', async () => {
  await page.goto(`${workspace.url}/outcomes`);
  const table = page.getByRole('table', { name: /Learning outcomes by module and assessment/ });
  await table.waitFor();
  const compareRow = table.locator('tr[data-outcome="lo-compare"]');
  const defineRow = table.locator('tr[data-outcome="lo-define"]');
  await textOf(compareRow, 'No assessment checks it');
  expect(await compareRow.getAttribute('class')).toContain('flagged');
  expect(await compareRow.locator('.outcome-flag svg').count()).toBe(1);
  expect(await defineRow.getAttribute('class')).not.toContain('flagged');
  // The row reads as a sentence to a screen reader: the outcome, where it is taught, what checks it.
  expect(await compareRow.getByRole('rowheader').textContent()).toContain('LO 1.2');
  expect(await compareRow.locator('.module-cell').first().textContent()).toContain('Taught in module 1.1');
  expect(await defineRow.locator('.assessed-cell').textContent()).toContain('Written exam');
  expect(await page.locator('.outcomes-summary').textContent()).toMatch(/2 learning outcomes,\s*1 with a problem/);

  // Only problems: the assessed outcome is left out.
  await page.getByLabel('Only outcomes with problems').check();
  expect(await defineRow.count()).toBe(0);
  expect(await compareRow.count()).toBe(1);
  await page.getByLabel('Only outcomes with problems').uncheck();
  await page.screenshot({ path: screenshotPath('outcomes-matrix-flagged.png'), fullPage: true });

  // At 390 px the table scrolls sideways inside its frame and the outcome column stays put.
  await page.setViewportSize({ width: 390, height: 844 });
  const frame = page.locator('.outcomes-frame');
  expect(await frame.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const before = await compareRow.getByRole('rowheader').boundingBox();
  await frame.evaluate((element) => element.scrollBy({ left: 400 }));
  const after = await compareRow.getByRole('rowheader').boundingBox();
  expect(after!.x).toBeCloseTo(before!.x, 0);
  await page.screenshot({ path: screenshotPath('outcomes-matrix-phone.png'), fullPage: true });
  await frame.evaluate((element) => element.scrollTo({ left: 0 }));
  await page.setViewportSize({ width: 1280, height: 860 });

  // A colleague adds an assessment row for LO 1.2: the page follows without a reload.
  await write('regional-2', [assessment([[text('Case study')], [text('40')], [reference('regional-1', 'lo-compare', 'LO 1.2')]]), module2Hours('3')], 'Case study');
  const deadline = Date.now() + 20_000;
  while ((await compareRow.getAttribute('class'))?.includes('flagged')) {
    if (Date.now() > deadline) throw new Error('the flag did not clear');
    await page.waitForTimeout(100);
  }
  expect(await compareRow.textContent()).not.toContain('No assessment checks it');
  expect(await compareRow.locator('.assessed-cell').textContent()).toContain('Case study');
  await page.getByLabel('Only outcomes with problems').check();
  await textOf(page.locator('.outcomes-all-well'), 'Every outcome is taught by a module and checked by an assessment.');
  await page.getByLabel('Only outcomes with problems').uncheck();
  await page.screenshot({ path: screenshotPath('outcomes-matrix-fixed.png'), fullPage: true });

  // The outcome's number leads to its place in its section.
  await compareRow.getByRole('link', { name: 'LO 1.2' }).click();
  await page.waitForURL(/\/sections\/regional-1#lo-compare$/);
  expect(errors).toEqual([]);
}, 90_000);

test('the master adds up the course hours, and follows a colleague’s change', async () => {
  await page.goto(`${workspace.url}/master`);
  const hours = page.locator('.master-hours');
  // Module 1: 3.5 + 2.5 + 1 + 4 = 11; module 2: 3 + 2 = 5.
  await textOf(hours.locator('[data-hours-total]'), /^16$/);
  expect(await hours.getByRole('row', { name: /Lecture/ }).textContent()).toContain('6.5');
  await write('regional-2', [assessment([[text('Case study')], [text('40')], [reference('regional-1', 'lo-compare', 'LO 1.2')]]), module2Hours('5')], '"5"');
  await textOf(hours.locator('[data-hours-total]'), /^18$/);
  expect(await page.locator('[data-section="regional-1"] .section-hours').textContent()).toContain('11 h');
  await page.screenshot({ path: screenshotPath('master-course-hours.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await hours.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('master-course-hours-phone.png') });
  await page.setViewportSize({ width: 1280, height: 860 });
  expect(errors).toEqual([]);
}, 90_000);

test('the five countries side by side under one template heading, stacked on a phone', async () => {
  await page.goto(`${workspace.url}/compare?heading=legal-framework`);
  const countries = page.locator('.compare-country');
  await countries.first().waitFor();
  expect(await countries.count()).toBe(5);
  const kz = page.locator('.compare-country[data-section="national-kz"]');
  await textOf(kz, 'Халықтың көші-қоны туралы');
  expect(await kz.getByRole('heading', { level: 3 }).textContent()).toContain('Kazakhstan');
  expect(await page.locator('.compare-country[data-section="national-kg"]').textContent()).toContain('О внешней миграции');
  await textOf(page.locator('.compare-country[data-section="national-tj"]'), 'This section has no “Legal framework” heading yet.');
  expect(await page.getByLabel('Template heading').inputValue()).toBe('legal-framework');
  // Side by side on a wide screen.
  const [first, second] = [await countries.nth(0).boundingBox(), await countries.nth(1).boundingBox()];
  expect(second!.x).toBeGreaterThan(first!.x);
  await page.screenshot({ path: screenshotPath('compare-countries.png'), fullPage: true });

  // Another heading: the address follows, and the gaps are named.
  await page.getByLabel('Template heading').selectOption('statistics');
  await textOf(page.locator('.compare-country[data-section="national-kz"]'), 'This section has no “Statistics” heading yet.');
  expect(new URL(page.url()).search).toBe('?heading=statistics');

  await page.getByLabel('Template heading').selectOption('legal-framework');
  await textOf(kz, 'Халықтың');
  await page.setViewportSize({ width: 390, height: 844 });
  const [top, below] = [await countries.nth(0).boundingBox(), await countries.nth(1).boundingBox()];
  expect(below!.x).toBeCloseTo(top!.x, 0);
  expect(below!.y).toBeGreaterThan(top!.y + top!.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: screenshotPath('compare-countries-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 860 });

  // Each country links to its section.
  await kz.getByRole('link', { name: /Kazakhstan/ }).click();
  await page.waitForURL(/\/sections\/national-kz$/);
  expect(errors).toEqual([]);
}, 90_000);

test('in Russian: the matrix and the comparison speak it, the texts keep their scripts', async () => {
  await page.goto(`${workspace.url}/outcomes`);
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('heading', { level: 1, name: 'Матрица результатов обучения' }).waitFor();
  expect(await page.getByRole('columnheader', { name: /Проверяется/ }).count()).toBe(1);
  // The module titles are read again in the new language.
  await textOf(page.locator('.module-col').first(), 'Основные понятия и терминология миграции');
  await page.screenshot({ path: screenshotPath('outcomes-matrix-ru.png'), fullPage: true });
  await page.goto(`${workspace.url}/compare`);
  await page.getByRole('heading', { level: 1, name: 'Сравнение стран' }).waitFor();
  expect(await page.getByLabel('Заголовок шаблона').inputValue()).toBe('legal-framework');
  await textOf(page.locator('.compare-country[data-section="national-tj"]'), 'В этом разделе пока нет заголовка «Правовая база».');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('compare-countries-ru-phone.png'), fullPage: true });
  expect(errors).toEqual([]);
}, 90_000);
