/**
 * Comments on the text: a reviewer, who cannot edit, comments on a sentence; the working group sees
 * it, replies and the reviewer resolves it, each on their own page without a reload. Markup in a
 * comment or a name stays text, and a thread whose words were deleted says so and keeps its quote.
 */
import type { Browser, Page } from 'playwright-core';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import {
  launchBrowser,
  newContext,
  openSection,
  screenshotPath,
  signInAs,
  startBrowserWorkspace,
  waitForText,
  watchErrors,
} from './browser';

let workspace: TestWorkspace;
let browser: Browser;
/** A Kazakh member and an IOM reviewer, both on the Kazakhstan section, for every test. */
let member: { page: Page; errors: string[] };
let reviewer: { page: Page; errors: string[] };

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  [member, reviewer] = await Promise.all([
    personOn('national-kz', 'member', 'KZ', 'Айгерім Сапарова'),
    personOn('national-kz', 'reviewer', 'IOM', 'Anna Keller'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function personOn(sectionId: string, role: Role, group: GroupCode, name?: string): Promise<{ page: Page; errors: string[] }> {
  const person = await addTestPerson(workspace, role, group, name);
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSection(page, workspace, sectionId);
  return { page, errors };
}

/**
 * Selects `text` in the section the way a mouse would (also where the editor is read-only); the
 * words may span several DOM text nodes, e.g. across a highlight.
 */
async function select(page: Page, text: string): Promise<void> {
  await page.locator('.ProseMirror').evaluate((root, wanted) => {
    (root as HTMLElement).focus();
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const whole = nodes.map((node) => node.data).join('');
    const start = whole.indexOf(wanted);
    if (start < 0) throw new Error(`"${wanted}" is not in the section`);
    const place = (offset: number, end: boolean): [Text, number] => {
      let passed = 0;
      for (const node of nodes) {
        if (offset < passed + node.data.length || (end && offset === passed + node.data.length)) return [node, offset - passed];
        passed += node.data.length;
      }
      throw new Error('offset outside the text');
    };
    const range = document.createRange();
    range.setStart(...place(start, false));
    range.setEnd(...place(start + wanted.length, true));
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, text);
  // The editor takes the selection over asynchronously; its floating Comment button says it has.
  await page.locator('.selection-bubble').waitFor();
}

async function type(page: Page, text: string): Promise<void> {
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await waitForText(page, text);
}

test('a reviewer comments on a sentence; the group replies and the reviewer resolves, all seen live', async () => {
  const sentence = 'Reintegration support is provided by local executive bodies.';
  await type(member.page, `The Law on Population Migration applies. ${sentence}`);
  await waitForText(reviewer.page, sentence);
  await select(reviewer.page, sentence);
  await reviewer.page.locator('.selection-bubble').click();
  await reviewer.page.getByRole('combobox', { name: 'Your comment' }).fill('Which bodies exactly? See https://adilet.zan.kz/rus.');
  await reviewer.page.getByRole('button', { name: 'Comment', exact: true }).click();

  // The member sees the thread and its highlight arrive, without a reload.
  const thread = member.page.locator('.thread', { hasText: 'Which bodies exactly?' });
  await thread.waitFor();
  await expect(member.page.locator('.comment-highlight').first().textContent()).resolves.toBe(sentence);
  await expect(thread.getByRole('link', { name: 'https://adilet.zan.kz/rus' }).getAttribute('href')).resolves.toBe('https://adilet.zan.kz/rus');
  await thread.getByRole('button', { name: 'Reply…' }).click();
  await member.page.getByRole('combobox', { name: 'Your reply' }).fill('The akimats of the regions; I will cite article 12.');
  await thread.getByRole('button', { name: 'Reply', exact: true }).click();

  const reviewerThread = reviewer.page.locator('.thread', { hasText: 'Which bodies exactly?' });
  await reviewerThread.getByText('I will cite article 12.').waitFor();
  await expect(reviewerThread.locator('.comment-author').allTextContents()).resolves.toEqual(['Anna Keller', 'Айгерім Сапарова']);
  await reviewer.page.screenshot({ path: screenshotPath('comments-thread.png') });
  await reviewerThread.getByRole('button', { name: 'Resolve' }).click();

  // Both see it resolved: gone from the open threads and from the text, listed under Resolved.
  for (const page of [reviewer.page, member.page]) {
    await page.locator('.thread', { hasText: 'Which bodies exactly?' }).waitFor({ state: 'detached' });
    await page.locator('.comment-highlight').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Resolved/ }).click();
    await page.locator('.thread.is-resolved', { hasText: 'Resolved by Anna Keller' }).waitFor();
  }
  expect([...member.errors, ...reviewer.errors]).toEqual([]);
});

test('deleting the commented words detaches the thread, which keeps their quote', async () => {
  await member.page.locator('.ProseMirror').click();
  await member.page.keyboard.press('Control+End');
  await member.page.keyboard.press('Enter');
  await type(member.page, 'Keep this. Remove this obsolete clause. Keep that.');
  await select(member.page, 'obsolete clause');
  await member.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Add comment' }).click();
  await member.page.getByRole('combobox', { name: 'Your comment' }).fill('Is this still in force?');
  await member.page.keyboard.press('Control+Enter');
  const thread = member.page.locator('.thread', { hasText: 'Is this still in force?' });
  await thread.waitFor();

  await reviewer.page.getByRole('button', { name: /^Open/ }).click();
  await reviewer.page.locator('.comment-highlight', { hasText: 'obsolete clause' }).waitFor();

  await select(member.page, ' Remove this obsolete clause.');
  await member.page.keyboard.press('Backspace');
  await waitForText(member.page, 'Keep this. Keep that.');
  for (const page of [member.page, reviewer.page]) {
    const detached = page.locator('.thread.is-detached', { hasText: 'Is this still in force?' });
    await detached.getByText('Detached — the commented text was deleted').waitFor();
    await expect(detached.locator('.thread-quote').textContent()).resolves.toBe('obsolete clause');
    await expect(page.locator('.comment-highlight').count()).resolves.toBe(0);
  }
  expect([...member.errors, ...reviewer.errors]).toEqual([]);
});

test('markup in a comment and in a person’s name is shown as text, never run', async () => {
  const payload = '<img src=x onerror=window.__xss=1> <script>window.__xss=1</script>';
  // The reviewer reads the Kyrgyz section this time.
  const [writer] = await Promise.all([
    personOn('national-kg', 'member', 'KG', '<img src=x onerror=window.__xss=1>'),
    openSection(reviewer.page, workspace, 'national-kg'),
  ]);
  const reader = reviewer;
  await type(writer.page, 'Kyrgyz legislation on labour migration.');
  await select(writer.page, 'labour migration');
  await writer.page.keyboard.press('Control+Alt+m');
  const box = writer.page.getByRole('combobox', { name: 'Your comment' });
  await box.fill(payload);
  await writer.page.getByRole('button', { name: 'Comment', exact: true }).click();

  const thread = reader.page.locator('.thread', { hasText: 'window.__xss' });
  await thread.waitFor();
  await expect(thread.locator('.comment-body').textContent()).resolves.toBe(payload);
  await expect(thread.locator('.comment-author').textContent()).resolves.toBe('<img src=x onerror=window.__xss=1>');
  await expect(thread.locator('img, script').count()).resolves.toBe(0);

  // The name is text in the mention list too.
  await thread.getByRole('button', { name: 'Reply…' }).click();
  await reader.page.getByRole('combobox', { name: 'Your reply' }).pressSequentially('@<img');
  await expect(reader.page.getByRole('option').first().textContent()).resolves.toContain('<img src=x onerror=window.__xss=1>');
  await reader.page.keyboard.press('Enter');
  await expect(reader.page.getByRole('combobox', { name: 'Your reply' }).inputValue()).resolves.toBe('@<img src=x onerror=window.__xss=1> ');

  for (const page of [writer.page, reader.page]) {
    await expect(page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).resolves.toBeUndefined();
  }
  expect([...writer.errors, ...reader.errors]).toEqual([]);
});
