/**
 * Suggesting mode (#17) in the browser: a reviewer's typing becomes suggestions (never a plain
 * change), the owning group sees them live as coloured marks and margin cards and accepts or
 * rejects them, and a member can switch to suggesting themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestPerson, type TestWorkspace, addTestPerson, waitFor } from '../support/workspace';
import { editorText, launchBrowser, openSection, startBrowserWorkspace, waitForText, watchErrors } from './browser';

const SHOTS = '/tmp/sg-shots';
const SECTION = 'national-kz';
const BASE = 'The module covers labour migration in Central Asia.';

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

async function open(role: Role, group: GroupCode, locale: 'en' | 'ru' = 'en', width = 1280): Promise<Person> {
  const person = await addTestPerson(workspace, role, group);
  const context = await browser.newContext({ viewport: { width, height: 860 }, locale: 'en-GB' });
  const origin = new URL(workspace.url).origin;
  const signIn = await context.request.post(`${workspace.url}/api/session`, { data: { email: person.email, password: person.password }, headers: { Origin: origin } });
  expect(signIn.status()).toBe(200);
  if (locale !== 'en') await context.request.patch(`${workspace.url}/api/me`, { data: { locale }, headers: { Origin: origin } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSection(page, workspace, SECTION);
  return { person, context, page, errors };
}

interface PMJson {
  type: string;
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PMJson[];
}

function texts(node: PMJson, out: PMJson[] = []): PMJson[] {
  if (node.type === 'text') out.push(node);
  for (const child of node.content ?? []) texts(child, out);
  return out;
}

/** The section as the server holds it. */
function serverDoc(): PMJson {
  workspace.server.content.invalidate(SECTION);
  return workspace.server.content.snapshot(SECTION).json as unknown as PMJson;
}

/** The server's text without suggested insertions: what the reviewer could not have changed. */
function serverTextWithoutInsertions(): string {
  return texts(serverDoc())
    .filter((node) => !node.marks?.some((mark) => mark.type === 'insertion'))
    .map((node) => node.text)
    .join('');
}

/** Selects the first occurrence of `text` in the editor, as a mouse drag would. */
async function selectText(page: Page, text: string): Promise<void> {
  await page.locator('.ProseMirror').evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`no "${wanted}" in the text`);
  }, text);
  await page.waitForTimeout(100);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

test('a reviewer suggests, the Kazakh group sees it live and decides, a member suggests too', async () => {
  const member = await open('member', 'KZ');
  await member.page.locator('.ProseMirror').click();
  await member.page.keyboard.press('Control+End');
  await member.page.keyboard.type(BASE);
  await waitFor(() => serverTextWithoutInsertions().includes(BASE), 'the base text on the server');
  const base = serverTextWithoutInsertions();

  // The reviewer: suggesting always on, said so, and typing is a suggestion.
  const reviewer = await open('reviewer', 'IOM');
  await waitForText(reviewer.page, BASE);
  const toggle = reviewer.page.locator('[data-tool="suggesting"]');
  await toggle.waitFor();
  await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
  await expect(toggle.getAttribute('aria-disabled')).resolves.toBe('true');
  await expect(reviewer.page.getByRole('note').textContent()).resolves.toContain('You can suggest changes here');
  await expect(reviewer.page.locator('.ProseMirror').getAttribute('contenteditable')).resolves.toBe('true');

  await reviewer.page.locator('.ProseMirror').click();
  await reviewer.page.keyboard.press('Control+End');
  await reviewer.page.keyboard.type(' Cite the 2019 agreement.');
  await reviewer.page.locator('ins.suggestion').first().waitFor();
  await expect(reviewer.page.locator('ins.suggestion').allTextContents()).resolves.toEqual([' Cite the 2019 agreement.']);

  // Delete "labour " (after "The module covers "): it stays, struck through.
  await selectText(reviewer.page, 'labour ');
  await reviewer.page.keyboard.press('Backspace');
  await reviewer.page.locator('del.suggestion').first().waitFor();
  await expect(reviewer.page.locator('del.suggestion').allTextContents()).resolves.toEqual(['labour ']);
  expect(await editorText(reviewer.page)).toContain(BASE);

  // Structure is refused with a reason, and nothing changes.
  await reviewer.page.keyboard.press('Enter');
  await expect(reviewer.page.locator('.toolbar-note').textContent()).resolves.toContain('Suggestions are text only');
  await expect(reviewer.page.locator('.ProseMirror p').count()).resolves.toBe(await member.page.locator('.ProseMirror p').count());

  // The server holds the reviewer's changes as suggestions only: no unmarked text was added.
  await waitFor(() => texts(serverDoc()).some((node) => node.marks?.some((mark) => mark.type === 'deletion')), 'the deletion on the server');
  expect(serverTextWithoutInsertions()).toBe(base);
  const marked = texts(serverDoc()).flatMap((node) => node.marks ?? []).filter((mark) => mark.type === 'insertion' || mark.type === 'deletion');
  expect(marked.every((mark) => mark.attrs?.author === reviewer.person.id)).toBe(true);

  // The member sees both live: coloured marks and two cards.
  await member.page.locator('del.suggestion').first().waitFor();
  await member.page.locator('ins.suggestion').first().waitFor();
  const style = await member.page.locator('.suggested-insertion').first().getAttribute('style');
  expect(style).toMatch(/--insertion-colour: #[0-9a-f]{6}/i);
  const cards = member.page.locator('.suggestion-card');
  await expect(cards.count()).resolves.toBe(2);
  await expect(cards.first().textContent()).resolves.toContain(reviewer.person.name);
  await shot(member.page, 'member-1280-en.png');
  await shot(reviewer.page, 'reviewer-1280-en.png');

  // Clicking a card selects its text.
  await member.page.locator('.suggestion-card.kind-delete .suggestion-text').click();
  const selected = await member.page.evaluate(() => window.getSelection()?.toString().replace(/\u2060/g, ''));
  expect(selected).toBe('labour ');

  // Russian and narrow views of the same.
  const ru = await open('member', 'KZ', 'ru', 390);
  await ru.page.locator('.suggestion-card').first().waitFor();
  await shot(ru.page, 'member-390-ru.png');
  const ruWide = await open('lead', 'KZ', 'ru', 1280);
  await ruWide.page.locator('.suggestion-card').first().waitFor();
  await shot(ruWide.page, 'lead-1280-ru.png');
  const narrow = await open('member', 'KZ', 'en', 390);
  await narrow.page.locator('.suggestion-card').first().waitFor();
  await shot(narrow.page, 'member-390-en.png');
  const reviewerRu = await open('reviewer', 'IOM', 'ru', 390);
  await reviewerRu.page.locator('.suggestion-card').first().waitFor();
  await shot(reviewerRu.page, 'reviewer-390-ru.png');
  // A reviewer may withdraw their own suggestion but not accept it.
  await expect(reviewer.page.locator('.suggestion-card [data-action="accept"]').count()).resolves.toBe(0);

  // The member discusses the deletion: a comment thread on the words proposed for deletion.
  await member.page.locator('.suggestion-card.kind-delete [data-action="discuss"]').click();
  await member.page.getByRole('combobox', { name: 'Your comment' }).fill('Why drop "labour"? Article 1 of the law says labour migration.');
  await member.page.getByRole('button', { name: 'Comment', exact: true }).click();
  await reviewer.page.locator('.thread', { hasText: 'Why drop "labour"?' }).waitFor();
  await expect(reviewer.page.locator('.comment-highlight').first().textContent()).resolves.toContain('labour');

  // The member accepts the insertion and rejects the deletion.
  await member.page.locator('.suggestion-card.kind-insert [data-action="accept"]').click();
  await waitFor(() => !JSON.stringify(serverDoc()).includes('"insertion"'), 'the insertion accepted on the server');
  await member.page.locator('.suggestion-card.kind-delete [data-action="reject"]').click();
  await waitFor(() => !JSON.stringify(serverDoc()).includes('"deletion"'), 'the deletion rejected on the server');
  const accepted = BASE + ' Cite the 2019 agreement.';
  expect(texts(serverDoc()).map((node) => node.text).join('')).toContain(accepted);
  await waitForText(reviewer.page, accepted);
  await member.page.waitForFunction(() => document.querySelectorAll('.suggestion-card, ins.suggestion, del.suggestion').length === 0);

  // A member switches to suggesting, types a suggestion, and back with the shortcut.
  const memberToggle = member.page.locator('[data-tool="suggesting"]');
  await expect(memberToggle.getAttribute('aria-pressed')).resolves.toBe('false');
  await memberToggle.click();
  await expect(memberToggle.getAttribute('aria-pressed')).resolves.toBe('true');
  await member.page.keyboard.press('Control+End');
  await member.page.keyboard.type(' Member idea.');
  await member.page.locator('ins.suggestion').first().waitFor();
  await expect(member.page.locator('ins.suggestion').allTextContents()).resolves.toEqual([' Member idea.']);
  await waitFor(() => texts(serverDoc()).some((node) => node.marks?.some((mark) => mark.type === 'insertion' && mark.attrs?.author === member.person.id)), 'the member’s suggestion on the server');
  await reviewer.page.locator('ins.suggestion').first().waitFor();
  await member.page.keyboard.press('Control+Alt+s');
  await expect(memberToggle.getAttribute('aria-pressed')).resolves.toBe('false');
  await member.page.keyboard.type(' Plain.');
  await waitForText(member.page, 'Member idea. Plain.');
  await expect(member.page.locator('ins.suggestion').allTextContents()).resolves.toEqual([' Member idea.']);
  await shot(member.page, 'member-suggesting-1280-en.png');

  for (const person of [member, reviewer, ru, ruWide, narrow, reviewerRu]) expect(person.errors).toEqual([]);
}, 90_000);
