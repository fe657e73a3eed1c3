/**
 * The glossary in the browser (#20): a member proposes an entry with the term in six scripts
 * (one field per workspace language), an IOM and a TSPC reviewer each approve it, and it shows
 * approved; a member sees no approve button, and the server refuses them too. The page is also
 * read in Russian and at 390 px wide, filtered, and a too-long term is explained beside its field.
 */
import type { Browser, Page } from 'playwright-core';
import type { GlossaryEntry } from '../../shared/api';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn } from '../support/workspace';
import { launchBrowser, newContext, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

// Four people's browsers in turn on a shared two-core machine: minutes, not the default 30 s.
jest.setTimeout(180_000);

let workspace: TestWorkspace;
let browser: Browser;
let member: TestPerson, iom: TestPerson, tspc: TestPerson, coordinator: TestPerson;

/** "Readmission" as the six scripts write it. */
const TERMS = {
  ru: 'Реадмиссия',
  en: 'Readmission',
  kk: 'Қайта қабылдау',
  ky: 'Кайра кабыл алуу (ң ө ү)',
  tg: 'Қабули бозгашт (ҳ ҷ ӣ ӯ)',
  tk: 'Gaýtadan kabul etmek (ç ä ž ň ö ş ü ý)',
  uz: 'Qayta qabul qilish (oʻ gʻ)',
};

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  tspc = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Нурлан Абдыкадыров');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Madina Coordinator');
  // Every language of the course: the form offers a field for each.
  const asCoordinator = api(workspace.url, await signIn(workspace.url, coordinator.email, coordinator.password));
  const settings = await asCoordinator('PATCH', '/settings', { languages: { source: 'ru', targets: ['en', 'kk', 'ky', 'tg', 'tk', 'uz'] } });
  expect(settings.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function pageOf(person: TestPerson, options: { width?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  if (options.width) await page.setViewportSize({ width: options.width, height: 860 });
  const errors = watchErrors(page);
  await page.goto(`${workspace.url}/glossary`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { page, errors };
}

const entryCard = (page: Page, term: string, status?: 'proposed' | 'approved') =>
  page.locator(status ? `article.glossary-entry[data-status="${status}"]` : 'article.glossary-entry').filter({ has: page.getByRole('heading', { name: term }) });

test('a member proposes a term in six scripts; IOM and TSPC approve it; a member cannot approve', async () => {
  const { page, errors } = await pageOf(member);
  await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();
  await page.getByRole('link', { name: 'Glossary' }).waitFor();
  await page.getByRole('button', { name: 'Propose a term' }).click();
  const form = page.getByRole('form', { name: 'Propose a term' });
  // One field per workspace language, each marked with its language.
  await expect(form.locator('input[name^="term-"]').count()).resolves.toBe(7);
  await expect(form.getByLabel('Term in Kazakh').getAttribute('lang')).resolves.toBe('kk');
  // Sending without a definition is explained beside the field and keeps what was typed.
  for (const [lang, text] of Object.entries(TERMS)) await form.locator(`input[name="term-${lang}"]`).fill(text);
  await form.getByRole('button', { name: 'Propose' }).click();
  await form.getByText('Write a definition.').waitFor();
  await expect(form.locator('input[name="term-tk"]').inputValue()).resolves.toBe(TERMS.tk);
  await expect(form.locator('textarea[name="definition"]').getAttribute('aria-invalid')).resolves.toBe('true');
  await form.getByLabel('Definition').fill('The act by a State accepting the re-entry of an individual.');
  await form.getByLabel('Source (law, convention)').fill('IOM Glossary on Migration, 2019');
  await page.screenshot({ path: screenshotPath('glossary-propose-form.png'), fullPage: true });
  await form.getByRole('button', { name: 'Propose' }).click();
  await page.getByRole('status').filter({ hasText: '“Readmission” was proposed.' }).waitFor();

  const card = entryCard(page, 'Readmission');
  await expect(card.getAttribute('data-status')).resolves.toBe('proposed');
  await expect(card.locator('.glossary-status').textContent()).resolves.toContain('Proposed');
  // Every script is shown as typed, each marked with its language (Uzbek with its script).
  for (const [lang, text] of Object.entries(TERMS)) {
    const attribute = lang === 'uz' ? 'uz-Latn' : lang;
    await expect(card.locator(`dd[lang="${attribute}"]`).textContent()).resolves.toBe(text);
  }
  // The proposer may edit, but no member may approve: no button, and the server says no as well.
  await card.getByRole('button', { name: 'Edit “Readmission”' }).waitFor();
  await expect(card.getByRole('button', { name: /Approve/ }).count()).resolves.toBe(0);
  const entryId = (await card.getAttribute('data-entry'))!;
  const refused = await page.evaluate(async (id) => {
    const response = await fetch(`/api/glossary/${id}/approvals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return { status: response.status, body: (await response.json()) as { code: string } };
  }, entryId);
  expect(refused).toEqual({ status: 403, body: expect.objectContaining({ code: 'forbidden' }) });
  await page.screenshot({ path: screenshotPath('glossary-proposed.png'), fullPage: true });

  // IOM approves: still proposed, waiting for TSPC.
  const reviewer = await pageOf(iom);
  const iomCard = entryCard(reviewer.page, 'Readmission');
  await iomCard.getByText('Waiting for approval by IOM, TSPC').waitFor();
  await iomCard.getByRole('button', { name: 'Approve “Readmission” for IOM' }).click();
  await reviewer.page.getByRole('status').filter({ hasText: '“Readmission” was approved for IOM.' }).waitFor();
  await iomCard.getByText('IOM: approved by Anna Keller').waitFor();
  await iomCard.getByText('Waiting for approval by TSPC').waitFor();
  await expect(iomCard.getByRole('button', { name: /Approve/ }).count()).resolves.toBe(0);
  await expect(iomCard.getAttribute('data-status')).resolves.toBe('proposed');

  // TSPC approves: the entry is approved.
  const second = await pageOf(tspc);
  const tspcCard = entryCard(second.page, 'Readmission');
  await tspcCard.getByRole('button', { name: 'Approve “Readmission” for TSPC' }).click();
  await entryCard(second.page, 'Readmission', 'approved').waitFor();
  await expect(tspcCard.locator('.glossary-status').textContent()).resolves.toContain('Approved');
  await second.page.screenshot({ path: screenshotPath('glossary-approved.png'), fullPage: true });

  // Pages open elsewhere follow at once over the live channel, without a reload.
  await entryCard(reviewer.page, 'Readmission', 'approved').waitFor();
  await entryCard(page, 'Readmission', 'approved').waitFor();
  // And after a reload, from the server.
  await page.reload();
  await entryCard(page, 'Readmission', 'approved').waitFor();
  const list = (await (await page.request.get(`${workspace.url}/api/glossary`)).json()) as GlossaryEntry[];
  expect(list.find((entry) => entry.id === entryId)).toMatchObject({ status: 'approved', terms: TERMS });
  expect([...errors, ...reviewer.errors, ...second.errors]).toEqual([]);
});

test('the page in Russian at 390 px: sorted by the Russian term, filtered, a too-long term explained', async () => {
  const asMember = api(workspace.url, await signIn(workspace.url, member.email, member.password));
  await asMember('POST', '/glossary', { terms: { ru: 'Апатрид', en: 'Stateless person' }, definition: 'Лицо, не являющееся гражданином какого-либо государства.', source: 'Конвенция 1954 г., ст. 1' });
  await asMember('POST', '/glossary', { terms: { en: 'Migrant worker' }, definition: 'A person engaged in a remunerated activity in a State of which they are not a national.' });
  await asMember('PATCH', '/me', { locale: 'ru' });
  const { page, errors } = await pageOf(member, { width: 390 });
  await page.getByRole('heading', { level: 1, name: 'Глоссарий' }).waitFor();
  // Russian headlines in Russian alphabetical order; an entry without a Russian term goes by its English one.
  const headlines = await page.locator('.glossary-headline').allTextContents();
  expect(headlines.indexOf('Апатрид')).toBeLessThan(headlines.indexOf('Реадмиссия'));
  expect(headlines).toContain('Migrant worker');
  await expect(page.locator('.glossary-headline', { hasText: 'Migrant worker' }).getAttribute('lang')).resolves.toBe('en');
  // Nothing runs off a phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: screenshotPath('glossary-390-ru.png'), fullPage: true });

  // The filter finds an entry by a word of any language: the Turkmen term.
  await page.getByLabel('Найти термин').fill('gaýtadan');
  await page.locator('.glossary-headline', { hasText: 'Апатрид' }).waitFor({ state: 'detached' });
  await expect(page.locator('.glossary-headline').allTextContents()).resolves.toEqual(['Реадмиссия']);
  await page.getByLabel('Найти термин').fill('нет такого слова');
  await page.getByText('Ни одна статья не содержит «нет такого слова».').waitFor();
  await page.getByLabel('Найти термин').fill('');

  // A term over 120 characters (typed past the field's limit by a script) is explained, nothing is sent.
  await page.getByRole('button', { name: 'Предложить термин' }).click();
  const form = page.getByRole('form', { name: 'Предложить термин' });
  await form.locator('input[name="term-ru"]').evaluate((input: HTMLInputElement) => {
    input.removeAttribute('maxlength');
    input.value = 'т'.repeat(121);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await form.getByLabel('Определение').fill('Определение');
  await form.getByRole('button', { name: 'Предложить', exact: true }).click();
  await form.getByText('Термин — не более 120 символов.').waitFor();
  await page.screenshot({ path: screenshotPath('glossary-390-ru-error.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('an edit that crosses a colleague’s keeps the typed text and shows their version', async () => {
  const { page, errors } = await pageOf(coordinator);
  await entryCard(page, 'Stateless person').getByRole('button', { name: 'Edit “Stateless person”' }).click();
  const form = page.getByRole('form', { name: 'Edit “Stateless person”' });
  await form.getByLabel('Source (law, convention)').fill('1954 Convention relating to the Status of Stateless Persons, art. 1');
  // Meanwhile the proposer changes the definition.
  const asMember = api(workspace.url, await signIn(workspace.url, member.email, member.password));
  const entries = (await asMember('GET', '/glossary')).body as GlossaryEntry[];
  const entry = entries.find((item) => item.terms.en === 'Stateless person')!;
  await asMember('PATCH', `/glossary/${entry.id}`, { definition: 'A person who is not considered as a national by any State under the operation of its law.' });
  await form.getByRole('button', { name: 'Save changes' }).click();
  await form.getByText('Someone changed this entry while you were editing it.').waitFor();
  await expect(form.getByLabel('Source (law, convention)').inputValue()).resolves.toBe('1954 Convention relating to the Status of Stateless Persons, art. 1');
  await page.locator('.glossary-entry.editing .glossary-definition', { hasText: 'under the operation of its law' }).waitFor();
  await page.screenshot({ path: screenshotPath('glossary-edit-conflict.png'), fullPage: true });
  // Saving again, knowingly, replaces their version with the form's.
  await form.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'was saved.' }).waitFor();
  await entryCard(page, 'Stateless person').getByText('1954 Convention relating to the Status of Stateless Persons, art. 1').waitFor();
  expect(errors).toEqual([]);
});

test('a coordinator deletes an entry after confirming; a reviewer sees no edit or delete buttons', async () => {
  const reviewer = await pageOf(iom);
  const card = entryCard(reviewer.page, 'Readmission');
  await card.waitFor();
  await expect(card.getByRole('button', { name: /Edit|Delete/ }).count()).resolves.toBe(0);
  await expect(reviewer.page.getByRole('button', { name: 'Propose a term' }).count()).resolves.toBe(0);

  const { page, errors } = await pageOf(coordinator);
  const doomed = entryCard(page, 'Migrant worker');
  await doomed.getByRole('button', { name: 'Delete “Migrant worker”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Migrant worker”?' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('status').filter({ hasText: '“Migrant worker” was deleted.' }).waitFor();
  await expect(entryCard(page, 'Migrant worker').count()).resolves.toBe(0);
  expect(errors).toEqual([]);
});
