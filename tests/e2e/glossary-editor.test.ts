/**
 * Glossary terms in the editor (#20), in real browsers: a Kazakh member links a term through the
 * "Link to glossary" list (Ctrl+Alt+G, keyboard only), reads its definition on hover, is offered a
 * term she just typed without losing Enter, and links an unlinked inflected variant with one
 * click on its hint. A member of another group, reading, sees the links arrive and reaches their
 * definitions with Tab; the links survive a reload and a reviewer sees them with their
 * definitions, without hints (a reviewer suggests, and linking is formatting); a deleted entry
 * says so.
 * Screenshots at desktop and phone width.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GlossaryEntry } from '../../shared/api';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn } from '../support/workspace';
import { launchBrowser, newContext, openSection, screenshotPath, signInAs, startBrowserWorkspace, waitForText, watchErrors } from './browser';

const SECTION = 'national-kz';

let workspace: TestWorkspace;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await workspace?.stop();
});

async function personPage(person: TestPerson, viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  contexts.push(context);
  if (viewport) await context.pages()[0]?.setViewportSize(viewport);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  // A step that fails says where, long before the test's own time runs out.
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(60_000);
  const errors = watchErrors(page);
  await openSection(page, workspace, SECTION);
  return { page, errors };
}

async function person(role: Role, group: GroupCode, name: string): Promise<{ person: TestPerson; call: ReturnType<typeof api> }> {
  const added = await addTestPerson(workspace, role, group, name);
  return { person: added, call: api(workspace.url, await signIn(workspace.url, added.email, added.password)) };
}

/** The linked words in the text, as "words=entry". */
function links(page: Page): Promise<string[]> {
  return page.locator('#section-text [data-glossary]').evaluateAll((spans) => spans.map((span) => `${span.textContent}=${span.getAttribute('data-glossary')}`));
}

async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await read();
  while (Date.now() < deadline && JSON.stringify(seen) !== JSON.stringify(expected)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await read();
  }
  expect(seen).toEqual(expected);
}

/** Selects the first occurrence of `words` in the text (as a double-click or a drag would). */
async function select(page: Page, words: string): Promise<void> {
  await page.evaluate((target) => {
    const root = document.querySelector('#section-text')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${target}" is not in the text`);
  }, words);
  // ProseMirror reads the browser's selection on its selectionchange event.
  await page.waitForTimeout(100);
}

test('a member links a term from the list and a variant from its hint; the links last and a reviewer reads them', async () => {
  const member = await person('member', 'KZ', 'Айгерім Сапарова');
  const coordinator = await person('coordinator', 'IOM', 'Coordinator');
  const migrant = (
    await member.call('POST', '/glossary', {
      terms: { ru: 'мигрант', en: 'migrant', kk: 'мигрант', uz: 'migrant', tk: 'migrant', tg: 'муҳоҷир' },
      definition: 'A person who moves away from their place of usual residence.',
      source: 'IOM Glossary on Migration, 2019',
    })
  ).body as GlossaryEntry;
  const readmission = (
    await member.call('POST', '/glossary', {
      terms: { ru: 'реадмиссия', en: 'readmission' },
      definition: 'The act by a State accepting the re-entry of an individual.',
      source: 'EU–Kazakhstan readmission agreement',
    })
  ).body as GlossaryEntry;
  expect(migrant.id).toBeTruthy();
  expect(readmission.id).toBeTruthy();

  const { page, errors } = await personPage(member.person);
  const text = page.locator('#section-text');
  await text.click();

  // Typing a term offers it, unobtrusively: Enter still makes a new paragraph.
  await page.keyboard.type('Права мигрантов и реадмиссия');
  const bubble = page.locator('.glossary-bubble');
  await expect(bubble.textContent()).resolves.toContain('Glossary: readmission — link it?');
  await expect(bubble.isVisible()).resolves.toBe(true);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Возвращение на родину.');
  await expect(page.locator('#section-text > p').count()).resolves.toBe(2);
  await expect(bubble.isVisible()).resolves.toBe(false);
  await expect(links(page)).resolves.toEqual([]);

  // Both unlinked terms are hinted: the exact one and the inflected one.
  await until(() => page.locator('#section-text .glossary-hint').allTextContents(), ['мигрантов', 'реадмиссия']);

  // Link to glossary, keyboard only: the list starts with the selected words.
  await select(page, 'реадмиссия');
  await page.keyboard.press('Control+Alt+g');
  const query = page.locator('.glossary-link-query');
  await query.waitFor();
  await expect(query.inputValue()).resolves.toBe('реадмиссия');
  await expect(page.evaluate(() => document.activeElement?.classList.contains('glossary-link-query'))).resolves.toBe(true);
  const options = page.locator('.glossary-link-list [role="option"]');
  await expect(options.first().getAttribute('data-entry')).resolves.toBe(readmission.id);
  await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');
  // Its other terms are shown with it, in their languages.
  await expect(options.first().textContent()).resolves.toContain('реадмиссия');
  await expect(options.first().textContent()).resolves.toContain('readmission');
  // Typing filters; Escape closes and gives the caret back to the text, nothing linked.
  await query.fill('migr');
  await expect(options.allTextContents()).resolves.toHaveLength(1);
  await expect(options.first().getAttribute('data-entry')).resolves.toBe(migrant.id);
  await page.screenshot({ path: screenshotPath('glossary-editor-link-list.png') });
  await query.press('Escape');
  await page.waitForFunction(() => document.activeElement?.id === 'section-text');
  await expect(links(page)).resolves.toEqual([]);

  await select(page, 'реадмиссия');
  await page.keyboard.press('Control+Alt+g');
  await query.waitFor();
  await query.press('ArrowDown');
  await query.press('ArrowUp');
  await query.press('Enter');
  await until(() => links(page), [`реадмиссия=${readmission.id}`]);
  await page.waitForFunction(() => document.activeElement?.id === 'section-text');
  // Linked words are no longer hinted.
  await until(() => page.locator('#section-text .glossary-hint').allTextContents(), ['мигрантов']);

  // The caret in a link shows its card, and the link is described by it (keyboard and screen readers).
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const card = page.locator('.glossary-card');
  await card.waitFor({ state: 'visible' });
  const cardId = await card.getAttribute('id');
  await expect(page.locator(`#section-text [aria-describedby="${cardId}"]`).textContent()).resolves.toBe('реадмиссия');
  await page.keyboard.press('End');
  await card.waitFor({ state: 'hidden' });

  // A member of another group reads the section (read-only) while the member goes on linking.
  const reader = await person('member', 'KG', 'Бакыт Осмонов');
  const read = await personPage(reader.person);
  await waitForText(read.page, 'Возвращение на родину.');
  await until(() => links(read.page), [`реадмиссия=${readmission.id}`]);

  // Hovering the link shows its definition, terms and source.
  await page.locator(`#section-text [data-glossary="${readmission.id}"]`).hover();
  await card.waitFor({ state: 'visible' });
  await expect(card.getAttribute('role')).resolves.toBe('tooltip');
  await expect(card.textContent()).resolves.toContain('The act by a State accepting the re-entry of an individual.');
  await expect(card.textContent()).resolves.toContain('EU–Kazakhstan readmission agreement');
  await expect(card.textContent()).resolves.toContain('реадмиссия');
  await page.screenshot({ path: screenshotPath('glossary-editor-definition.png') });

  // The inflected variant: its hint links it in one click.
  await page.locator('#section-text .glossary-hint', { hasText: 'мигрантов' }).hover();
  await bubble.waitFor({ state: 'visible' });
  await expect(bubble.textContent()).resolves.toContain('Glossary: migrant — link it?');
  await page.screenshot({ path: screenshotPath('glossary-editor-hint.png') });
  await bubble.getByRole('button', { name: 'Link' }).click();
  await until(() => links(page), [`мигрантов=${migrant.id}`, `реадмиссия=${readmission.id}`]);
  await until(() => page.locator('#section-text .glossary-hint').count(), 0);

  // The reader saw it arrive; in a read-only text the links take the focus (Tab) and show their cards.
  await until(() => links(read.page), [`мигрантов=${migrant.id}`, `реадмиссия=${readmission.id}`]);
  await expect(read.page.locator('#section-text .glossary-hint').count()).resolves.toBe(0);
  await read.page.locator(`#section-text [data-glossary-focus="${migrant.id}"]`).focus();
  const readerCard = read.page.locator('.glossary-card');
  await readerCard.waitFor({ state: 'visible' });
  await expect(readerCard.textContent()).resolves.toContain('A person who moves away');
  await expect(read.page.locator(`#section-text [data-glossary-focus="${migrant.id}"]`).getAttribute('aria-describedby')).resolves.toBe(await readerCard.getAttribute('id'));
  await read.page.keyboard.press('Tab');
  await expect(read.page.evaluate(() => document.activeElement?.getAttribute('data-glossary-focus'))).resolves.toBe(readmission.id);
  await expect(readerCard.textContent()).resolves.toContain('The act by a State');

  // The links are in the section: after a reload, and for a reviewer.
  await page.reload();
  await page.locator('.connection-connected').waitFor();
  await waitForText(page, 'Возвращение на родину.');
  await until(() => links(page), [`мигрантов=${migrant.id}`, `реадмиссия=${readmission.id}`]);

  const reviewer = await person('reviewer', 'IOM', 'IOM Reviewer');
  const seen = await personPage(reviewer.person, { width: 390, height: 844 });
  await waitForText(seen.page, 'Возвращение на родину.');
  await until(() => links(seen.page), [`мигрантов=${migrant.id}`, `реадмиссия=${readmission.id}`]);
  // A reviewer suggests: no hints to link, no linking (formatting is not a suggestion).
  await expect(seen.page.locator('#section-text .glossary-hint').count()).resolves.toBe(0);
  await seen.page.locator(`#section-text [data-glossary="${migrant.id}"]`).hover();
  const reviewerCard = seen.page.locator('.glossary-card');
  await reviewerCard.waitFor({ state: 'visible' });
  await expect(reviewerCard.textContent()).resolves.toContain('A person who moves away from their place of usual residence.');
  await expect(reviewerCard.textContent()).resolves.toContain('муҳоҷир');
  await expect(reviewerCard.locator('button').count()).resolves.toBe(0);
  const box = await reviewerCard.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  await seen.page.screenshot({ path: screenshotPath('glossary-editor-reviewer-390.png') });
  await seen.page.locator('#section-text').click();
  await seen.page.keyboard.press('Control+Alt+g');
  await seen.page.waitForTimeout(200);
  await expect(seen.page.locator('.glossary-link-list').isVisible()).resolves.toBe(false);

  // An entry deleted from the glossary: its links say so.
  await expect(coordinator.call('DELETE', `/glossary/${readmission.id}`).then((r) => r.status)).resolves.toBe(204);
  await seen.page.reload();
  await seen.page.locator('.connection-connected').waitFor();
  await seen.page.locator(`#section-text [data-glossary="${readmission.id}"]`).hover();
  await until(async () => (await seen.page.locator('.glossary-card').textContent())?.trim(), 'This term is not in the glossary any more.');

  expect(errors).toEqual([]);
  expect(read.errors).toEqual([]);
  expect(seen.errors).toEqual([]);
}, 240_000);
