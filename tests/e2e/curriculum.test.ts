/**
 * The syllabus structure in two browsers (#20): one member writes a learning outcome (numbered from
 * the section's place), an hours table and an assessment table from the toolbar; both members see
 * the hours totals and the weights recompute as the other types, a 90 % total warns in words (a
 * status, and the cells marked) and 100 % clears it. Screenshots at desktop width and at 390 px.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import { launchBrowser, newContext, openSection, screenshotPath, signInAs, startBrowserWorkspace, waitForText, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** A Part 1 module both members may write in. */
const SECTION = 'regional-2';

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function personPage(name: string): Promise<{ page: Page; errors: string[] }> {
  const person = await addTestPerson(workspace, 'member', 'KZ', name);
  const context = await newContext(browser);
  contexts.push(context);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** Waits until the element's text holds `text` (it follows a colleague's typing a moment later). */
async function shows(locator: Locator, text: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = (await locator.count()) > 0 ? await locator.first().textContent() : null;
    if (seen?.replace(/\s+/g, ' ').includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected "${text}", saw "${seen}"`);
}

/** Waits until the element's text no longer holds `text`. */
async function stopsShowing(locator: Locator, text: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await locator.first().textContent();
    if (!seen?.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected "${text}" to go, saw "${seen}"`);
}

const hoursSummary = (page: Page) => page.locator('.syllabus-summary[data-kind="hours"]');
const assessmentSummary = (page: Page) => page.locator('.syllabus-summary[data-kind="assessment"]');
/** A body cell of the n-th table on the page (row 1 is the first under the header). */
const cell = (page: Page, table: number, row: number, column: number) =>
  page.locator('.ProseMirror .tableWrapper').nth(table).locator('tr').nth(row).locator('td, th').nth(column);

/** Replaces a cell's text by clicking into it, selecting its words and typing. */
async function retype(page: Page, target: Locator, text: string): Promise<void> {
  await target.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text);
}

test('two members see hours totals and assessment weights recompute live; 90 % warns, 100 % clears', async () => {
  const aigerim = await personPage('Айгерім Сапарова');
  const erlan = await personPage('Ерлан Жұмабаев');
  await Promise.all([openSection(aigerim.page, workspace, SECTION), openSection(erlan.page, workspace, SECTION)]);
  const a = aigerim.page;
  const b = erlan.page;
  const section = (await (await a.request.get(`${workspace.url}/api/sections/${SECTION}`)).json()) as { part: number; position: number };
  expect(section.part).toBe(1);
  const number = `LO ${section.position}.1`;

  // A learning outcome, by the shortcut; its number is drawn from the section's place, for both.
  await a.locator('.ProseMirror').click();
  await a.keyboard.press('Control+End');
  await a.keyboard.type('Explain the readmission procedure');
  await a.keyboard.press('Control+Alt+o');
  await a.locator(`p.learning-outcome[data-number="${number}"]`).waitFor();
  await b.locator(`p.learning-outcome[data-number="${number}"]`).waitFor();
  await expect(a.locator('[data-tool="learningOutcome"]').getAttribute('aria-pressed')).resolves.toBe('true');
  // Enter at its end starts the next outcome; Enter in the empty one ends the run with a paragraph.
  await a.keyboard.press('Enter');
  await a.keyboard.press('Enter');
  expect(await a.locator('p.learning-outcome').count()).toBe(1);

  // An hours table from the toolbar's menu (keyboard: the menu opens on its first item).
  await a.locator('[data-tool="syllabusTable"]').click();
  await expect(a.locator('[data-tool="syllabusTable"]').getAttribute('aria-expanded')).resolves.toBe('true');
  await a.locator('#syllabus-table-menu [role="menuitem"]').first().waitFor();
  await a.screenshot({ path: screenshotPath('curriculum-menu.png') });
  await a.keyboard.press('Enter');
  await hoursSummary(a).waitFor();
  await expect(cell(a, 0, 0, 1).textContent()).resolves.toBe('Lectures, h');
  // The cursor is in the first cell under the header.
  await a.keyboard.type('Legal framework');
  for (const hours of ['2', '1,5', '', '4']) {
    await a.keyboard.press('Tab');
    await a.keyboard.type(hours);
  }
  await shows(hoursSummary(a), 'Total: 7.5 h');
  await shows(hoursSummary(b), 'Total: 7.5 h');
  await shows(hoursSummary(b), 'lectures 2 · seminars 1.5 · practice 0 · self-study 4');

  // The colleague fills the second row: the first sees the totals follow.
  await retype(b, cell(b, 0, 2, 0), 'Institutions');
  await retype(b, cell(b, 0, 2, 1), '3');
  await shows(hoursSummary(a), 'Total: 10.5 h');
  await shows(hoursSummary(a), 'lectures 5');
  // A cell that is not a number is marked for both and said in words.
  await retype(b, cell(b, 0, 2, 3), 'two');
  await shows(hoursSummary(a).locator('[role="status"]'), 'not a number, counted as 0: “Institutions” — Practice, h');
  await expect(cell(a, 0, 2, 3).getAttribute('aria-invalid')).resolves.toBe('true');
  await a.screenshot({ path: screenshotPath('curriculum-bad-cell.png') });
  await retype(b, cell(b, 0, 2, 3), '2');
  await shows(hoursSummary(a), 'Total: 12.5 h');
  expect(await hoursSummary(a).locator('.syllabus-warning').count()).toBe(0);

  // An assessment table after it; the first item checks the outcome through a cross-reference.
  await a.locator('.ProseMirror').click();
  await a.keyboard.press('Control+End');
  await a.locator('[data-tool="syllabusTable"]').click();
  await a.locator('#syllabus-table-menu [data-table-kind="assessment"]').click();
  await assessmentSummary(a).waitFor();
  await a.keyboard.type('Essay');
  await a.keyboard.press('Tab');
  await a.keyboard.type('40');
  await a.keyboard.press('Tab');
  await a.locator('[data-tool="crossReference"]').click();
  const picker = a.locator('dialog.reference-picker');
  await picker.locator('.reference-option.kind-outcome').first().waitFor();
  await picker.locator('.reference-filter').fill('readmission procedure');
  await expect(picker.locator('.reference-option.is-active .reference-kind').textContent()).resolves.toBe('Learning outcome');
  await a.keyboard.press('Enter');
  await waitForText(a, `${number} Explain the readmission procedure`);
  await a.keyboard.press('Tab');
  await a.keyboard.type('Exam');
  await a.keyboard.press('Tab');
  await a.keyboard.type('50');
  // 90 %, and the exam checks no outcome yet: both see the warnings in words.
  await shows(assessmentSummary(b), 'Total weight: 90 %');
  const warnings = assessmentSummary(b).locator('[role="status"]');
  await shows(warnings, 'the weights total 90 %, they must total 100 %.');
  await shows(warnings, 'no learning outcome is referenced for “Exam”');
  await expect(cell(b, 1, 2, 2).getAttribute('aria-invalid')).resolves.toBe('true');
  await a.keyboard.press('Tab');
  await a.locator('[data-tool="crossReference"]').click();
  await picker.locator('.reference-filter').fill('readmission procedure');
  await a.keyboard.press('Enter');
  await stopsShowing(warnings, 'no learning outcome');
  await a.screenshot({ path: screenshotPath('curriculum-90-percent.png'), fullPage: true });

  // The colleague corrects the weight: 100 % clears the warning for both.
  await retype(b, cell(b, 1, 2, 1), '60');
  await shows(assessmentSummary(a), 'Total weight: 100 %');
  expect(await assessmentSummary(a).locator('.syllabus-warning').count()).toBe(0);
  await stopsShowing(assessmentSummary(b), 'Warning');
  await b.screenshot({ path: screenshotPath('curriculum-100-percent.png'), fullPage: true });

  // Back to 90 % on a phone: the warning is there and readable at 390 px.
  await retype(b, cell(b, 1, 2, 1), '50');
  await shows(assessmentSummary(a), 'Total weight: 90 %');
  await a.setViewportSize({ width: 390, height: 844 });
  await assessmentSummary(a).scrollIntoViewIfNeeded();
  await a.screenshot({ path: screenshotPath('curriculum-390.png') });
  const overflow = await a.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await a.setViewportSize({ width: 1280, height: 860 });

  // In Russian (the person's own choice): the totals and warnings, and a new table's headers.
  const origin = { Origin: new URL(workspace.url).origin };
  expect((await a.request.patch(`${workspace.url}/api/me`, { data: { locale: 'ru' }, headers: origin })).status()).toBe(200);
  await a.reload();
  await a.locator('.connection-connected').waitFor();
  await shows(assessmentSummary(a), 'Сумма весов: 90 %');
  await shows(assessmentSummary(a).locator('[role="status"]'), 'сумма весов — 90 %, а должна быть 100 %.');
  await shows(hoursSummary(a), 'Итого: 12,5 ч');
  await a.locator('.ProseMirror').click();
  await a.keyboard.press('Control+End');
  await a.locator('[data-tool="syllabusTable"]').click();
  await a.locator('#syllabus-table-menu [data-table-kind="hours"]').click();
  await expect(cell(a, 2, 0, 4).textContent()).resolves.toBe('Самостоятельная работа, ч');
  await a.screenshot({ path: screenshotPath('curriculum-ru.png'), fullPage: true });

  expect([...aigerim.errors, ...erlan.errors]).toEqual([]);
}, 360_000);
