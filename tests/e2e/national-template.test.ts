/**
 * The common national template (#20) in the browser: a national section missing a heading shows
 * as non-conforming on the dashboard, with the heading named; its group adds the heading from the
 * section's checklist, which follows the text live, and the open dashboard shows it conforming.
 * Coordinators edit the template on the settings page (at phone width too); others read it.
 */
import type { Browser, Page } from 'playwright-core';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import type { WorkspaceSettings } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn } from '../support/workspace';
import { launchBrowser, newContext, openSection, screenshotPath, signInAs, startBrowserWorkspace, waitForText, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
let coordinator: TestPerson;
let member: TestPerson;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Айгерим Сарсенова');
  member = await addTestPerson(workspace, 'member', 'KZ', 'Ерлан Жұмабаев');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function pageOf(person: TestPerson, viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  // Generous: the machine running the suite may be busy; each wait still fails at its own step.
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(60_000);
  return { page, errors: watchErrors(page) };
}

type Json = Record<string, unknown>;
const heading = (text: string, template: string): Json => ({ type: 'heading', attrs: { level: 2, template }, content: [{ type: 'text', text }] });
const paragraph = (text: string): Json => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** Writes the section's text through the section store, as an import would. */
function writeText(sectionId: string, blocks: Json[]): void {
  workspace.server.sections.change(sectionId, null, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const { meta } = initProseMirrorDoc(fragment, schema);
    updateYFragment(doc, fragment, schema.nodeFromJSON({ type: 'doc', content: blocks }), meta);
  });
  workspace.server.content.invalidate(sectionId);
}

test('a national section missing a heading is non-conforming on the dashboard; adding it from the checklist fixes it live', async () => {
  // Four of the five default headings, each with text; "Sources" is missing.
  writeText('national-kz', [
    heading('Правовая база', 'legal-framework'),
    paragraph('Закон Республики Казахстан «О миграции населения».'),
    heading('Государственные органы и их полномочия', 'institutions'),
    paragraph('Министерство труда и социальной защиты населения.'),
    heading('Практика возвращения и реинтеграции', 'return-reintegration'),
    paragraph('Программы реинтеграции.'),
    heading('Статистика', 'statistics'),
    paragraph('12 000 человек в 2025 году.'),
  ]);

  const dashboard = await pageOf(coordinator);
  await dashboard.page.goto(workspace.url);
  const kzRow = dashboard.page.locator('.section-row[data-section="national-kz"]');
  const conformance = kzRow.locator('.template-conformance');
  await conformance.waitFor();
  await expect(conformance.getAttribute('class')).resolves.toContain('incomplete');
  await expect(conformance.textContent()).resolves.toMatch(/4 of 5 headings[\s\S]*Missing: Sources/);
  // Another country, with nothing written yet, misses all five; a regional module shows none.
  await expect(dashboard.page.locator('.section-row[data-section="national-kg"] .template-conformance').textContent()).resolves.toContain('0 of 5 headings');
  await expect(dashboard.page.locator('.section-row[data-section="regional-1"] .template-conformance').count()).resolves.toBe(0);
  await dashboard.page.screenshot({ path: screenshotPath('national-template-dashboard-missing.png'), fullPage: true });

  const writer = await pageOf(member);
  await openSection(writer.page, workspace, 'national-kz');
  const checklist = writer.page.locator('.template-checklist');
  await checklist.waitFor();
  await expect(checklist.locator('li[data-key="sources"]').getAttribute('data-state')).resolves.toBe('missing');
  await expect(checklist.locator('li[data-key="statistics"]').getAttribute('data-state')).resolves.toBe('filled');
  await writer.page.screenshot({ path: screenshotPath('national-template-checklist-missing.png') });

  await checklist.getByRole('button', { name: 'Add the missing headings' }).click();
  await waitForText(writer.page, 'Источники');
  // The heading is there but has no text yet; typing under it fills it, live.
  await writer.page.locator('.template-checklist li[data-key="sources"][data-state="empty"]').waitFor();
  await writer.page.locator('.ProseMirror > p').last().click();
  await writer.page.keyboard.type('Закон о миграции, статья 12.');
  await writer.page.locator('.template-checklist li[data-key="sources"][data-state="filled"]').waitFor();
  await expect(checklist.getByRole('button', { name: 'Add the missing headings' }).count()).resolves.toBe(0);
  await writer.page.screenshot({ path: screenshotPath('national-template-checklist-complete.png') });

  // The open dashboard follows without a reload.
  await kzRow.locator('.template-conformance.conforms').waitFor();
  await expect(conformance.textContent()).resolves.toContain('5 of 5 headings');
  await dashboard.page.screenshot({ path: screenshotPath('national-template-dashboard-conforming.png'), fullPage: true });
  expect([...dashboard.errors, ...writer.errors]).toEqual([]);
}, 240_000);

test('an empty national section offers to start from the template; another country’s member is not offered it', async () => {
  const kg = await addTestPerson(workspace, 'member', 'KG');
  const other = await pageOf(member);
  await openSection(other.page, workspace, 'national-kg');
  await other.page.locator('.template-checklist').waitFor();
  await expect(other.page.getByRole('button', { name: 'Start from the template' }).count()).resolves.toBe(0);

  const own = await pageOf(kg);
  await openSection(own.page, workspace, 'national-kg');
  await own.page.getByRole('button', { name: 'Start from the template' }).click();
  await waitForText(own.page, 'Источники');
  await expect(own.page.locator('.template-checklist li[data-state="empty"]').count()).resolves.toBe(5);
  // The other country's reader sees the headings arrive too.
  await waitForText(other.page, 'Правовая база');
  expect([...other.errors, ...own.errors]).toEqual([]);
}, 180_000);

test('a coordinator renames, reorders, adds and removes template headings on the settings page at phone width', async () => {
  const { page, errors } = await pageOf(coordinator, { width: 390, height: 844 });
  await page.goto(`${workspace.url}/settings`);
  await page.getByRole('heading', { name: 'Workspace settings' }).waitFor();
  await page.locator('.template-heading').first().waitFor();
  expect(await page.locator('.template-heading').count()).toBe(5);

  await page.getByLabel('English title').nth(3).fill('Statistics and data');
  await page.getByRole('button', { name: 'Move heading 5 up' }).click();
  await page.getByRole('button', { name: 'Remove heading 3' }).click();
  await page.getByRole('button', { name: 'Add a heading' }).click();
  // A new heading without titles cannot be saved: the page says why before asking the server.
  await expect(page.getByRole('button', { name: 'Save headings' }).isDisabled()).resolves.toBe(true);
  await expect(page.locator('.settings-card .form-error').textContent()).resolves.toContain('Heading 5: give an English and a Russian title');
  await page.getByLabel('English title').last().fill('International cooperation');
  await page.getByLabel('Russian title').last().fill('Международное сотрудничество');
  await page.getByLabel('Key').last().fill('cooperation');
  await page.getByRole('button', { name: 'Save headings' }).click();
  await page.locator('.settings-status', { hasText: 'Saved.' }).waitFor();

  const cookie = await signIn(workspace.url, member.email, member.password);
  const saved = ((await api(workspace.url, cookie)('GET', '/settings')).body as WorkspaceSettings).nationalTemplate;
  expect(saved.map((entry) => entry.key)).toEqual(['legal-framework', 'institutions', 'sources', 'statistics', 'cooperation']);
  expect(saved[3].title).toEqual({ en: 'Statistics and data', ru: 'Статистика' });
  // Nothing overflows the phone's width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: screenshotPath('national-template-settings-390.png'), fullPage: true });
  expect(errors).toEqual([]);
}, 180_000);

test('a member reads the settings and is told why they cannot change them', async () => {
  const { page, errors } = await pageOf(member, { width: 390, height: 844 });
  await page.goto(`${workspace.url}/settings`);
  await page.getByText('Only coordinators change these settings.').waitFor();
  await expect(page.getByLabel('Source language').isDisabled()).resolves.toBe(true);
  await expect(page.getByLabel('English title').first().isDisabled()).resolves.toBe(true);
  await expect(page.getByRole('button', { name: 'Save headings' }).count()).resolves.toBe(0);
  await page.screenshot({ path: screenshotPath('national-template-settings-member-390.png'), fullPage: true });
  expect(errors).toEqual([]);
}, 120_000);
