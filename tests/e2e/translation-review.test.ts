/**
 * Reviewing a translation side by side (#19) in the browser: a member comments on the English
 * text and a colleague replies, live; a reviewer suggests on the English side and a member of the
 * owning group accepts it there; "Next block" copies an untranslated source list as a list; once
 * the source is approved, the page says whether the translation is complete and current against
 * it; a member of another country's group reads with a notice saying why; a language the workspace
 * does not translate into gets a page that says so. At 1280 and 390 px wide.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import { textHash } from '../../shared/translations';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestPerson, type TestWorkspace, addTestPerson, waitFor } from '../support/workspace';
import { launchBrowser, screenshotPath, startBrowserWorkspace, watchErrors } from './browser';

const SECTION = 'national-kz';
const EN = documentKey(SECTION, 'en');
const ADDRESS = `/sections/${SECTION}/translations/en`;
const SOURCE_TEXT = 'Закон применяется к мигрантам.';
const ENGLISH_TEXT = 'The law applies to migrants.';

let workspace: TestWorkspace;
let browser: Browser;

interface Person {
  person: TestPerson;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

const origin = () => new URL(workspace.url).origin;

async function signIn(role: Role, group: GroupCode, name: string, width = 1280): Promise<Person> {
  const person = await addTestPerson(workspace, role, group, name);
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB' });
  const signedIn = await context.request.post(`${workspace.url}/api/session`, { data: { email: person.email, password: person.password }, headers: { Origin: origin() } });
  expect(signedIn.status()).toBe(200);
  const page = await context.newPage();
  return { person, context, page, errors: watchErrors(page) };
}

async function openTranslation(who: Person): Promise<void> {
  await who.page.goto(`${workspace.url}${ADDRESS}`);
  // Generous: two documents, the threads and the people load at once on a shared, busy machine.
  const opened = { state: 'attached', timeout: 90_000 } as const;
  await who.page.locator('.translation-column.is-source .connection-connected').waitFor(opened);
  await who.page.locator('.translation-column.is-target .connection-connected').waitFor(opened);
  await who.page.locator('.translation-column.is-target .ProseMirror').getByText(ENGLISH_TEXT.slice(0, 10)).waitFor(opened);
}

const targetEditor = (page: Page) => page.locator('.translation-column.is-target .ProseMirror');
const panel = (page: Page) => page.locator('.translation-discussion');
const serverJson = (key: string) => {
  workspace.server.content.invalidate(key);
  return JSON.stringify(workspace.server.content.snapshot(key).json);
};

function paragraph(text: string, attrs: Record<string, string>): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

function list(items: [string, string][]): Y.XmlElement {
  const element = new Y.XmlElement('bullet_list');
  element.setAttribute('id', 'list-1');
  element.insert(
    0,
    items.map(([id, text]) => {
      const item = new Y.XmlElement('list_item');
      item.setAttribute('id', `item-${id}`);
      item.insert(0, [paragraph(text, { id })]);
      return item;
    }),
  );
  return element;
}

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  // The source: a paragraph and a list; the translation: the paragraph only, current.
  workspace.server.sections.change(SECTION, null, (doc) => {
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [
      paragraph(SOURCE_TEXT, { id: 'p-law' }),
      list([
        ['p-one', 'Первый пункт.'],
        ['p-two', 'Второй пункт.'],
      ]),
    ]);
  });
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

test('comments, suggestions and notices on both sides of a translation', async () => {
  const coordinator = await signIn('coordinator', 'IOM', 'Coordinator');
  const set = await coordinator.context.request.patch(`${workspace.url}/api/settings`, { data: { languages: { source: 'ru', targets: ['en'] } }, headers: { Origin: origin() } });
  expect(set.status()).toBe(200);
  workspace.server.sections.change(EN, null, (doc) => {
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [paragraph(ENGLISH_TEXT, { source: 'p-law', sourceHash: textHash(SOURCE_TEXT), sourceText: SOURCE_TEXT })]);
  });

  // A member comments on a word of the English text.
  const member = await signIn('member', 'KZ', 'Айгерім Сапарова');
  await openTranslation(member);
  await expect(member.page.locator('.translation-approval').textContent()).resolves.toContain('not approved yet');
  // A word selected (a double click; the page may still be drawing the other side's text, which
  // can take the first one: the selection is what the button waits for, so it is made again).
  const addComment = panel(member.page).getByRole('button', { name: 'Add comment' });
  for (let attempt = 0; attempt < 4 && (await addComment.getAttribute('aria-disabled')) === 'true'; attempt++) {
    await targetEditor(member.page).getByText(ENGLISH_TEXT).dblclick({ position: { x: 40, y: 8 } });
    await member.page.waitForFunction(
      () => document.querySelector('.translation-discussion button[title^="Comment on the selected text"]')?.getAttribute('aria-disabled') !== 'true',
      null,
      { timeout: 5000 },
    ).catch(() => undefined);
  }
  await addComment.click();
  await member.page.getByRole('combobox', { name: 'Your comment' }).fill('Should “law” be “statute”?');
  await member.page.getByRole('button', { name: 'Comment', exact: true }).click();
  await panel(member.page).locator('.thread').first().waitFor();
  await targetEditor(member.page).locator('.comment-highlight').first().waitFor();
  await waitFor(() => (workspace.server.db.$client.prepare("SELECT count(*) AS n FROM comment_threads WHERE lang = 'en'").get() as { n: number }).n === 1, 'the thread stored on the English text');

  // A colleague sees it on the English side, not on the Russian one, and replies.
  const lead = await signIn('lead', 'KZ', 'Ерлан Жұмабаев');
  await openTranslation(lead);
  const thread = panel(lead.page).locator('.thread', { hasText: 'Should “law” be “statute”?' });
  await thread.waitFor();
  await panel(lead.page).locator('.discussion-side[data-side="source"]').click();
  await expect(panel(lead.page).locator('.thread').count()).resolves.toBe(0);
  await panel(lead.page).locator('.discussion-side[data-side="target"]').click();
  await thread.getByRole('button', { name: 'Reply…' }).click();
  await lead.page.getByRole('combobox', { name: 'Your reply' }).fill('“Law” is right: it is the Kazakh term.');
  await thread.getByRole('button', { name: 'Reply', exact: true }).click();
  await panel(member.page).getByText('“Law” is right: it is the Kazakh term.').waitFor();
  await member.page.screenshot({ path: screenshotPath('translation-review-comment-1280.png'), fullPage: true });

  // A reviewer is told they suggest, and their typing in the English text is a suggestion.
  const reviewer = await signIn('reviewer', 'IOM', 'Anna Keller');
  await openTranslation(reviewer);
  await expect(reviewer.page.locator('.translation-notice').textContent()).resolves.toContain('You can suggest changes here');
  await targetEditor(reviewer.page).getByText(ENGLISH_TEXT).click();
  await reviewer.page.keyboard.press('End');
  await reviewer.page.keyboard.type(' See the 2011 law.');
  await targetEditor(reviewer.page).locator('ins.suggestion').first().waitFor();
  await waitFor(() => serverJson(EN).includes('"insertion"'), 'the suggestion on the server');
  expect(serverJson(SECTION)).not.toContain('2011');
  await reviewer.page.screenshot({ path: screenshotPath('translation-review-reviewer-1280.png'), fullPage: true });

  // The member accepts it on the English side.
  const card = panel(member.page).locator('.suggestion-card', { hasText: 'See the 2011 law.' });
  await card.waitFor();
  await card.locator('[data-action="accept"]').click();
  await waitFor(() => !serverJson(EN).includes('"insertion"') && serverJson(EN).includes('See the 2011 law.'), 'the suggestion accepted on the server');
  await targetEditor(reviewer.page).locator('ins.suggestion').waitFor({ state: 'detached' });

  // "Next block": the untranslated source list comes over as a list of two empty linked items.
  await member.page.getByRole('button', { name: 'Next block needing work' }).click();
  const copied = targetEditor(member.page).locator('ul li');
  await expect(copied.count()).resolves.toBe(2);
  await member.page.keyboard.type('First item.');
  await waitFor(() => serverJson(EN).includes('First item.'), 'the first item translated on the server');
  const english = JSON.parse(serverJson(EN)) as { content: { type: string; attrs?: Record<string, unknown>; content?: { content?: { attrs?: Record<string, unknown> }[] }[] }[] };
  const copiedList = english.content.find((block) => block.type === 'bullet_list');
  expect(copiedList?.attrs?.source).toBe('list-1');
  expect(copiedList?.content?.map((item) => item.content?.[0].attrs?.source)).toEqual(['p-one', 'p-two']);
  await member.page.screenshot({ path: screenshotPath('translation-review-list-1280.png'), fullPage: true });

  // The source is approved by both organisations: the translation is measured against that text.
  const tspc = await signIn('reviewer', 'TSPC', 'Timur Bekov');
  const post = (who: Person, route: string, data: unknown) => who.context.request.post(`${workspace.url}/api${route}`, { data, headers: { Origin: origin() } });
  expect((await post(lead, `/sections/${SECTION}/submit`, { message: 'Ready' })).status()).toBe(200);
  for (const approver of [reviewer, tspc]) expect((await post(approver, `/sections/${SECTION}/decision`, { decision: 'approved' })).status()).toBe(200);
  const approval = member.page.locator('.translation-approval');
  await member.page.waitForFunction(() => document.querySelector('.translation-approval')?.getAttribute('data-approval') === 'incomplete');
  await expect(approval.textContent()).resolves.toContain('2 of 3 current, 0 to update, 1 not translated');
  // The last item translated: complete and current against the approved source.
  await member.page.getByRole('button', { name: 'Next block needing work' }).click();
  await member.page.keyboard.type('Second item.');
  await member.page.waitForFunction(() => document.querySelector('.translation-approval')?.getAttribute('data-approval') === 'complete', undefined, { timeout: 20_000 });
  await expect(approval.textContent()).resolves.toContain('Complete and current against the approved source text.');
  await member.page.screenshot({ path: screenshotPath('translation-review-approved-1280.png'), fullPage: true });

  // A member of another country's group reads both texts, and is told why.
  const other = await signIn('member', 'UZ', 'Dilnoza Karimova');
  await openTranslation(other);
  const notice = other.page.locator('.translation-notice');
  await expect(notice.textContent()).resolves.toContain('You can read the source and this translation but not edit them');
  await expect(notice.textContent()).resolves.toContain('Kazakhstan');
  await expect(targetEditor(other.page).getAttribute('contenteditable')).resolves.toBe('false');
  await other.page.screenshot({ path: screenshotPath('translation-review-read-only-1280.png'), fullPage: true });

  // A language the workspace does not translate into: a page that says so, with the way back.
  await other.page.goto(`${workspace.url}/sections/${SECTION}/translations/kk`);
  await other.page.getByRole('heading', { name: 'No Kazakh version' }).waitFor();
  await expect(other.page.getByRole('link', { name: 'Open the English translation' }).getAttribute('href')).resolves.toBe(ADDRESS);
  await other.page.screenshot({ path: screenshotPath('translation-review-not-target-1280.png'), fullPage: true });

  // Narrow: the threads follow the columns; nothing is wider than the screen.
  const narrow = await signIn('member', 'KZ', 'Жанар Омарова', 390);
  await openTranslation(narrow);
  await panel(narrow.page).locator('.thread').first().waitFor();
  await narrow.page.screenshot({ path: screenshotPath('translation-review-390.png'), fullPage: true });
  const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  for (const who of [coordinator, member, lead, reviewer, tspc, other, narrow]) expect(who.errors).toEqual([]);
}, 540_000);
