/**
 * The dashboard follows the review workflow live: a section submitted, approved by IOM and TSPC,
 * then edited shows "approved, changed since" on an open dashboard without a reload; the deadline
 * shows its days left; a reviewer's "waiting for me" keeps what waits for their decision, and their
 * bell counts the submission as it happens.
 */
import type { Browser, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import type { DashboardOverview } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, waitFor } from '../support/workspace';
import { launchBrowser, newContext, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
const writers: CollabClient[] = [];

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  writers.forEach((writer) => writer.destroy());
  await browser?.close();
  await workspace?.stop();
});

async function dashboardOf(person: TestPerson): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  // Fail at the step that did not happen, well before the test's own time limit.
  page.setDefaultTimeout(8000);
  const errors = watchErrors(page);
  await page.goto(workspace.url);
  await page.locator('.section-row').first().waitFor();
  return { page, errors };
}

/** A member writes a first paragraph with a real y-websocket client, as the editor would. */
async function writeSection(person: TestPerson, sectionId: string, text: string): Promise<CollabClient> {
  const writer = connectCollab(workspace.url, sectionId, await signIn(workspace.url, person.email, person.password));
  writers.push(writer);
  await synced(writer);
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    writer.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await waitFor(() => workspace.server.content.snapshot(sectionId).words > 0, 'the text on the server');
  return writer;
}

const row = (page: Page, sectionId: string) => page.locator(`.section-row[data-section="${sectionId}"]`);

test('approved by both organisations, then edited: an open dashboard shows "approved, changed since" live', async () => {
  const [lead, member, iom, tspc, observer] = await Promise.all([
    addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Жұмабаев'),
    addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова'),
    addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller'),
    addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат Исаков'),
    addTestPerson(workspace, 'member', 'UZ', 'Dilnoza Karimova'),
  ]);
  const writer = await writeSection(member, 'national-kz', 'Закон Республики Казахстан «О миграции населения».');
  const { page, errors } = await dashboardOf(observer);
  // Nothing on the page survives a reload: this marks the page as the same one throughout.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  const as = async (person: TestPerson) => api(workspace.url, await signIn(workspace.url, person.email, person.password));
  expect((await (await as(lead))('POST', '/sections/national-kz/submit', { message: 'Ready' })).status).toBe(200);
  await row(page, 'national-kz').getByText('In review').waitFor();
  expect((await (await as(iom))('POST', '/sections/national-kz/decision', { decision: 'approved' })).status).toBe(200);
  await row(page, 'national-kz').locator('.verdict-approved').waitFor();
  expect((await (await as(tspc))('POST', '/sections/national-kz/decision', { decision: 'approved' })).status).toBe(200);
  await row(page, 'national-kz').getByText('Approved', { exact: true }).waitFor();
  await expect(row(page, 'national-kz').locator('.verdict-approved').count()).resolves.toBe(2);

  // The member changes one word after the approval.
  const text = (writer.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(0, 'Новая редакция: ');
  await row(page, 'national-kz').getByText('Approved, changed since').waitFor({ timeout: 5000 });
  await expect(row(page, 'national-kz').locator('.verdict-earlier').count()).resolves.toBe(2);
  await expect(row(page, 'national-kz').locator('.verdict-earlier').first().getAttribute('title')).resolves.toContain('approved an earlier text');
  // The chart says it too: Kazakhstan's national segment is striped.
  await expect(page.locator('.chart-segment.stage-stale').count()).resolves.toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // The deadline and its days left, as the server counts them.
  const overview = (await (await as(observer))('GET', '/dashboard')).body as DashboardOverview;
  if (overview.daysLeft > 0) await expect(page.locator('.deadline-number').textContent()).resolves.toBe(String(overview.daysLeft));
  await expect(page.locator('.deadline').textContent()).resolves.toMatch(/days? left|deadline/i);
  await page.screenshot({ path: screenshotPath('dashboard-stale.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('"waiting for me" and the bell tell a reviewer, live, about the section submitted for their decision', async () => {
  const [lead, reviewer] = await Promise.all([addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir Gʻulomov'), addTestPerson(workspace, 'reviewer', 'IOM')]);
  const { page, errors } = await dashboardOf(reviewer);
  await expect(page.locator('.section-row').count()).resolves.toBe(10);
  const bell = page.locator('#bell-button');
  await expect(bell.getAttribute('aria-label')).resolves.toBe('Notifications');

  const cookie = await signIn(workspace.url, lead.email, lead.password);
  expect((await api(workspace.url, cookie)('POST', '/sections/national-uz/submit', { message: 'Ready for IOM' })).status).toBe(200);
  await page.locator('#bell-button[aria-label="Notifications, 1 unread"]').waitFor();
  await expect(page.locator('.bell-count').textContent()).resolves.toBe('1');

  const toggle = page.getByRole('button', { name: /Waiting for me/ });
  await toggle.click();
  await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
  // national-kz is approved (previous test) and needs nothing from IOM; national-uz waits.
  await row(page, 'national-uz').waitFor();
  await expect(page.locator('.section-row').count()).resolves.toBe(1);
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of 10 sections' }).count()).resolves.toBe(1);

  // The bell's list says who did what where; "mark all read" clears the count.
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await panel.getByText('Oʻtkir Gʻulomov submitted a section for review').waitFor();
  await panel.getByText('“Ready for IOM”').waitFor();
  await panel.getByRole('link', { name: 'Uzbekistan: national legal norms and management experience' }).waitFor();
  await page.screenshot({ path: screenshotPath('dashboard-bell.png') });
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await page.locator('#bell-button[aria-label="Notifications"]').waitFor();
  await expect(page.locator('.bell-count').count()).resolves.toBe(0);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('bell-button');

  // The status filter narrows by stage; both filters off shows all ten again.
  await toggle.click();
  await page.getByLabel('Status', { exact: true }).selectOption('in_review');
  await row(page, 'national-uz').waitFor();
  await expect(page.locator('.section-row').count()).resolves.toBe(1);
  await page.getByLabel('Status', { exact: true }).selectOption('all');
  await expect(page.locator('.section-row').count()).resolves.toBe(10);
  expect(errors).toEqual([]);
});

test('per section and target language, the dashboard counts blocks translated, needing an update and missing', async () => {
  const coordinator = await addTestPerson(workspace, 'coordinator', 'IOM');
  const cookie = await signIn(workspace.url, coordinator.email, coordinator.password);
  expect((await api(workspace.url, cookie)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en', 'kk'] } })).status).toBe(200);
  try {
    const member = await addTestPerson(workspace, 'member', 'TJ');
    await writeSection(member, 'regional-5', 'Полномочия государственных органов');
    // Opened here rather than with `dashboardOf`, with room for a busy machine: the counts are read
    // for every section and language as the page loads.
    const context = await newContext(browser);
    await signInAs(context, workspace, coordinator);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(60_000);
    const errors = watchErrors(page);
    await page.goto(workspace.url);
    const progress = row(page, 'regional-5').locator('.translation-progress');
    await expect(progress.locator('li[data-lang="en"]').textContent()).resolves.toMatch(/EN[\s\S]*0 translated, 0 need update, 1 missing/);
    await expect(progress.locator('li[data-lang="kk"]').textContent()).resolves.toContain('1 missing');
    await page.screenshot({ path: screenshotPath('dashboard-translation-progress.png'), fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await api(workspace.url, cookie)('PATCH', '/settings', { languages: { source: 'ru', targets: [] } });
  }
}, 120_000);
