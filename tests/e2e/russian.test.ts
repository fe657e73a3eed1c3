/**
 * Russian all the way: the Russian dashboard shows the course, the parts and every section under
 * their Russian titles and counts sections with the right plural (1 раздел, 2 раздела, 6 разделов);
 * a coordinator renames a section in both languages; the audit log reads as sentences in either
 * language, naming people, never codes.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn } from '../support/workspace';
import { launchBrowser, newContext, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
let lead: TestPerson, reviewer: TestPerson, coordinator: TestPerson, member: TestPerson;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  lead = await addTestPerson(workspace, 'lead', 'KZ', 'Айгерим Нурланова');
  reviewer = await addTestPerson(workspace, 'reviewer', 'IOM', 'Sophie Martin');
  coordinator = await addTestPerson(workspace, 'coordinator', 'TSPC', 'Anna Keller');
  member = await addTestPerson(workspace, 'member', 'KG', 'Aigerim Sadykova');
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

/** A signed-in browser in `locale`, as the person's own choice stored on the server. */
async function browserOf(person: TestPerson, locale: 'en' | 'ru', width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const set = await context.request.patch(`${workspace.url}/api/me`, { data: { locale }, headers: { Origin: new URL(workspace.url).origin } });
  expect(set.status()).toBe(200);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  if (width !== 1280) await page.setViewportSize({ width, height: 844 });
  const errors = watchErrors(page);
  return { context, page, errors };
}

async function submit(sectionId: string): Promise<void> {
  const cookie = await signIn(workspace.url, lead.email, lead.password);
  expect((await api(workspace.url, cookie)('POST', `/sections/${sectionId}/submit`, {})).status).toBe(200);
}

test('the Russian dashboard shows Russian titles and counts sections in Russian plurals', async () => {
  const { page, errors } = await browserOf(lead, 'ru');
  await page.goto(workspace.url);
  await page.getByRole('heading', { level: 1, name: 'Региональная учебная программа' }).waitFor();
  await page.getByRole('link', { name: 'Основные понятия и терминология миграции' }).waitFor();
  await page.getByRole('link', { name: 'Казахстан: национальные правовые нормы и опыт управления' }).waitFor();
  await expect(page.locator('.page-head .eyebrow').textContent()).resolves.toBe('Международное миграционное право и возвратная миграция');
  await expect(page.locator('.part-row th').allTextContents()).resolves.toEqual([
    'Часть 1 — Единая теоретическая основа',
    'Часть 2 — Национальные правовые нормы',
  ]);
  await expect(page.getByRole('link', { name: 'Basic concepts and terminology of migration' }).count()).resolves.toBe(0);

  // A lead's five regional modules and their own country section wait for them: 6 разделов.
  await expect(page.locator('.toggle .visually-hidden').textContent()).resolves.toBe('6 разделов ждут вас');
  await page.getByRole('button', { name: /Ждут меня/ }).click();
  await page.getByRole('status').filter({ hasText: 'Показано 6 из 10 разделов' }).waitFor();
  await page.getByRole('button', { name: /Ждут меня/ }).click();
  await page.screenshot({ path: screenshotPath('dashboard-ru.png'), fullPage: true });

  // Switching to English changes the titles at once, without a reload.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Basic concepts and terminology of migration' }).waitFor();
  await expect(page.locator('.part-row th').first().textContent()).resolves.toBe('Part 1 — Unified theoretical framework');
  await expect(page.locator('.toggle .visually-hidden').textContent()).resolves.toBe('6 sections wait for you');
  expect(errors).toEqual([]);
});

test('a reviewer reads 1 раздел, then 2 раздела, waiting for them', async () => {
  await submit('regional-1');
  const { page, errors } = await browserOf(reviewer, 'ru');
  await page.goto(workspace.url);
  await page.locator('.section-row').first().waitFor();
  await expect(page.locator('.toggle .visually-hidden').textContent()).resolves.toBe('1 раздел ждёт вас');
  await submit('national-kz');
  await page.reload();
  await page.locator('.section-row').first().waitFor();
  await expect(page.locator('.toggle .visually-hidden').textContent()).resolves.toBe('2 раздела ждут вас');
  expect(errors).toEqual([]);
});

test('the Russian dashboard fits a 390 px phone', async () => {
  const { page, errors } = await browserOf(lead, 'ru', 390);
  await page.goto(workspace.url);
  await page.getByRole('link', { name: 'Основные понятия и терминология миграции' }).waitFor();
  await page.screenshot({ path: screenshotPath('dashboard-ru-390.png'), fullPage: true });
  // The page itself never scrolls sideways (a wide table scrolls inside its frame).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
});

test('a coordinator renames a section in Russian on the dashboard; a member sees it, in Russian only', async () => {
  const { page, errors } = await browserOf(coordinator, 'en');
  await page.goto(workspace.url);
  await page.getByText('Titles in English and Russian').click();
  const russian = page.getByLabel('Russian title of Section 1.3');
  await expect(russian.inputValue()).resolves.toBe('Возвратная миграция (добровольная и принудительная)');
  await russian.fill('Возвратная миграция: добровольная и принудительная');
  await page.getByRole('button', { name: 'Save titles' }).click();
  await page.getByRole('status').filter({ hasText: '1 title saved.' }).waitFor();
  // The English interface keeps the English title.
  await page.getByRole('link', { name: 'Return migration (voluntary and forced)' }).waitFor();

  const reader = await browserOf(member, 'ru');
  await reader.page.goto(workspace.url);
  await reader.page.getByRole('link', { name: 'Возвратная миграция: добровольная и принудительная' }).waitFor();
  // Only coordinators see the titles form.
  await expect(reader.page.getByText('Названия на английском и русском').count()).resolves.toBe(0);
  expect([...errors, ...reader.errors]).toEqual([]);
});

test('the audit log reads as sentences in English and in Russian, with names instead of codes', async () => {
  const coordinatorApi = api(workspace.url, await signIn(workspace.url, coordinator.email, coordinator.password));
  expect((await coordinatorApi('PATCH', `/people/${member.id}`, { group: 'UZ' })).status).toBe(200);
  expect((await coordinatorApi('PATCH', `/people/${member.id}`, { role: 'lead', group: 'KG' })).status).toBe(200);

  const { page, errors } = await browserOf(coordinator, 'en');
  await page.goto(`${workspace.url}/audit`);
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await page.getByRole('cell', { name: 'Anna Keller changed Aigerim Sadykova’s group to Uzbekistan.' }).waitFor();
  await page.getByRole('cell', { name: 'Anna Keller changed Aigerim Sadykova’s role to Working-group lead, Kyrgyzstan.' }).waitFor();
  await page.getByRole('cell', { name: 'Айгерим Нурланова submitted “Basic concepts and terminology of migration” for review.' }).waitFor();
  await page.getByRole('cell', { name: 'Anna Keller renamed a section: «Возвратная миграция: добровольная и принудительная».' }).waitFor();
  await page.getByRole('cell', { name: 'Anna Keller signed in.' }).first().waitFor();
  // No raw action codes or targets on the page.
  const text = (await page.locator('.audit-table').textContent()) ?? '';
  expect(text).not.toMatch(/person\.changed|section:[a-z]|person:\d|sign-in\.succeeded|regional-\d|national-[a-z]/);

  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('heading', { level: 1, name: 'Журнал аудита' }).waitFor();
  await page.getByRole('cell', { name: 'Anna Keller перевёл(а) участника Aigerim Sadykova в группу «Узбекистан».' }).waitFor();
  await page.getByRole('cell', { name: 'Айгерим Нурланова отправил(а) на рецензию раздел «Основные понятия и терминология миграции».' }).waitFor();
  await page.screenshot({ path: screenshotPath('audit-ru.png'), fullPage: true });
  expect(errors).toEqual([]);
});
