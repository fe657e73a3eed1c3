/**
 * The bell's list in the browser: notifications grouped by section with their unread counts,
 * opening one marks it read (and goes to its thread), "mark all read" clears the rest, and the
 * counts are plural-correct in Russian. Screenshots at desktop width and at 390 px.
 */
import type { Browser, Page } from 'playwright-core';
import type { Thread } from '../../shared/api';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn } from '../support/workspace';
import { launchBrowser, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
// A real relative position: item (client 1, clock 0), assoc 0.
const ANCHOR = { start: Buffer.from([1, 1, 0, 0]).toString('base64'), end: Buffer.from([1, 1, 5, 0]).toString('base64') };
const KZ_TITLE = 'Kazakhstan: national legal norms and management experience';
const UZ_TITLE = 'Uzbekistan: national legal norms and management experience';

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

const as = async (person: TestPerson) => api(workspace.url, await signIn(workspace.url, person.email, person.password));

async function pageOf(person: TestPerson, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 860 }, locale: 'en-GB' });
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const errors = watchErrors(page);
  await page.goto(workspace.url);
  await page.locator('.section-row').first().waitFor();
  return { page, errors };
}

test('the list groups by section; opening one marks it read; mark all read clears the rest', async () => {
  const [reviewer, kzLead, uzLead, kzMember] = await Promise.all([
    addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller'),
    addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Жұмабаев'),
    addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir Gʻulomov'),
    addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова'),
  ]);
  const [asReviewer, asKzLead, asUzLead, asKzMember] = await Promise.all([as(reviewer), as(kzLead), as(uzLead), as(kzMember)]);
  expect((await asKzLead('POST', '/sections/national-kz/submit', { message: 'Ready for IOM' })).status).toBe(200);
  expect((await asUzLead('POST', '/sections/national-uz/submit', { message: 'Birinchi loyiha' })).status).toBe(200);
  const thread = (await asReviewer('POST', '/sections/national-kz/threads', { anchor: ANCHOR, quote: 'Көші-қон', body: 'Please cite the 2011 law.' }))
    .body as Thread;
  expect((await asKzMember('POST', `/threads/${thread.id}/comments`, { body: 'Done — see paragraph 2.' })).status).toBe(201);

  const { page, errors } = await pageOf(reviewer);
  const bell = page.locator('#bell-button');
  await page.locator('#bell-button[aria-label="Notifications, 3 unread"]').waitFor();
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await panel.getByText('3 unread notifications').waitFor();

  // Two groups, the one with the newest notification first, each with its unread count.
  const groups = panel.getByRole('group');
  await expect(groups.count()).resolves.toBe(2);
  const kz = panel.getByRole('group', { name: KZ_TITLE });
  const uz = panel.getByRole('group', { name: UZ_TITLE });
  await expect(groups.first().getByRole('heading').textContent()).resolves.toContain(KZ_TITLE);
  await expect(kz.locator('.bell-group-count').textContent()).resolves.toBe('2 unread');
  await expect(uz.locator('.bell-group-count').textContent()).resolves.toBe('1 unread');
  await kz.getByRole('link', { name: 'Айгерім Сапарова replied in a discussion you are in' }).waitFor();
  await kz.getByText('Ерлан Жұмабаев submitted a section for review').waitFor();
  await uz.getByText('Oʻtkir Gʻulomov submitted a section for review').waitFor();
  await uz.getByText('“Birinchi loyiha”').waitFor();
  await page.screenshot({ path: screenshotPath('notifications-grouped.png') });

  // Opening the reply (a click anywhere on its row) goes to the thread and marks only it read.
  await kz.locator('.bell-item.kind-reply').click({ position: { x: 60, y: 50 } });
  await page.waitForURL(`**/sections/national-kz?thread=${thread.id}`);
  await page.locator('#bell-button[aria-label="Notifications, 2 unread"]').waitFor();
  await bell.click();
  await panel.getByText('2 unread notifications').waitFor();
  await expect(kz.locator('.bell-group-count').textContent()).resolves.toBe('1 unread');
  await expect(kz.locator('.bell-item.kind-reply').getAttribute('class')).resolves.toContain(' read');
  await expect(kz.locator('.bell-item.kind-submitted').getAttribute('class')).resolves.toContain('unread');
  await page.screenshot({ path: screenshotPath('notifications-one-read.png') });
  const stored = (await asReviewer('GET', '/notifications')).body as { unread: number; items: { kind: string; read: boolean }[] };
  expect(stored.unread).toBe(2);
  expect(stored.items.find((item) => item.kind === 'reply')!.read).toBe(true);

  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await panel.locator('.bell-summary', { hasText: 'Nothing unread' }).waitFor();
  await page.locator('#bell-button[aria-label="Notifications"]').waitFor();
  await expect(panel.locator('.bell-item.unread').count()).resolves.toBe(0);
  await expect(panel.locator('.bell-group-count').count()).resolves.toBe(0);
  expect(((await asReviewer('GET', '/notifications')).body as { unread: number }).unread).toBe(0);
  expect(errors).toEqual([]);
}, 40_000);

test('at 390 px, and in Russian, the counts read right: 2 непрочитанных уведомления', async () => {
  const [reviewer, tjLead, tmLead] = await Promise.all([
    addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат Исаков'),
    addTestPerson(workspace, 'lead', 'TJ', 'Фарҳод Раҳимов'),
    addTestPerson(workspace, 'lead', 'TM', 'Aýgül Öwezowa'),
  ]);
  expect((await (await as(tjLead))('POST', '/sections/national-tj/submit', { message: 'Лоиҳаи аввал' })).status).toBe(200);
  expect((await (await as(tmLead))('POST', '/sections/national-tm/submit', { message: 'Ilkinji taslama' })).status).toBe(200);
  const { page, errors } = await pageOf(reviewer, 390);
  await page.getByRole('button', { name: 'Русский' }).click();
  const bell = page.locator('#bell-button');
  await bell.click();
  const panel = page.getByRole('region', { name: 'Уведомления' });
  await panel.getByText('2 непрочитанных уведомления').waitFor();
  await expect(panel.locator('.bell-group-count').allTextContents()).resolves.toEqual(['1 непрочитанное', '1 непрочитанное']);
  await page.screenshot({ path: screenshotPath('notifications-390-ru.png') });
  // The list fits the narrow screen: nothing sticks out to the side.
  const box = await panel.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);

  await page.getByRole('button', { name: 'English' }).click();
  await panel.waitFor({ state: 'detached' }).catch(() => undefined);
  if (!(await page.getByRole('region', { name: 'Notifications' }).isVisible())) await bell.click();
  await page.getByRole('region', { name: 'Notifications' }).getByText('2 unread notifications').waitFor();
  await page.screenshot({ path: screenshotPath('notifications-390.png') });
  expect(errors).toEqual([]);
}, 40_000);
